package dev.bootbench.testlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-boot suite's guard against slow boots: the table in the repository and the 1.5x rule. */
class BootTimesTest {
    @Test
    void theTableHasATimeForEveryRealBootScenario() {
        Map<String, Double> expected = BootTimes.expected();
        for (String tag : new String[] {"bios-ipxe-rom-e1000", "bios-ipxe-rom-virtio", "uefi-pxe-ipxe.efi", "uefi-pxe-snponly.efi",
                "bios-ipxe-menu-timeout", "bios-lpxelinux", "bios-pxelinux", "uefi-syslinux.efi", "proxy-bios-ipxe-rom-e1000",
                "proxy-bios-ipxe-rom-virtio", "proxy-uefi-pxe-ipxe.efi", "proxy-uefi-pxe-snponly.efi"}) {
            Double s = expected.get(tag);
            assertNotNull(s, tag + " has no expected time");
            assertTrue(s > 5 && s < 120, tag + ": " + s + " s is no plausible boot time under TCG");
        }
    }

    @Test
    void aBootUpToOneAndAHalfTimesItsExpectedTimePasses() {
        Map<String, Double> e = Map.of("x", 20.0);
        assertNull(BootTimes.tooSlow("x", 12.0, e));
        assertNull(BootTimes.tooSlow("x", 30.0, e));
        String slow = BootTimes.tooSlow("x", 30.1, e);
        assertNotNull(slow);
        assertTrue(slow.contains("30.1") && slow.contains("20.0"), slow);
        assertTrue(BootTimes.tooSlow("y", 10, e).contains("no expected time"));
        assertEquals(1.5, BootTimes.GUARD);
    }
}
