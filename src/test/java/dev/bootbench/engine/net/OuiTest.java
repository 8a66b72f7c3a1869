package dev.bootbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OuiTest {
    @Test
    void namesCommonNicAndVmVendors() {
        assertEquals(Optional.of("QEMU/KVM"), Oui.vendor(MacAddress.parse("52:54:00:12:34:56")));
        assertEquals(Optional.of("VMware"), Oui.vendor(MacAddress.parse("00:50:56:01:02:03")));
        assertEquals(Optional.of("VMware"), Oui.vendor(MacAddress.parse("00:0c:29:01:02:03")));
        assertEquals(Optional.of("VirtualBox"), Oui.vendor(MacAddress.parse("08:00:27:01:02:03")));
        assertEquals(Optional.of("Realtek"), Oui.vendor(MacAddress.parse("00:E0:4C:01:02:03")));
        assertEquals(Optional.of("Hyper-V"), Oui.vendor(MacAddress.parse("00:15:5d:01:02:03")));
        assertEquals(Optional.empty(), Oui.vendor(MacAddress.parse("02:00:00:00:00:01")));
        assertTrue(Oui.size() > 100);
    }
}
