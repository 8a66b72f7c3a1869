package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bootbench.workspace.Settings;

/**
 * Fuzzes the decoder with whatever arrives on port 67: a datagram is either a packet or a
 * MalformedPacketException, never another exception; what decodes can be described, decided on,
 * encoded and decoded again. Regression inputs: {@code src/test/resources/dev/bootbench/engine/dhcp/DhcpDecoderFuzzTestInputs/decode/}.
 * Runs in the {@code fuzz} surefire execution ({@code JAZZER_FUZZ=1}); without it, only the inputs are replayed.
 */
class DhcpDecoderFuzzTest {
    private static final dev.bootbench.engine.boot.BootConfig CONFIG = dev.bootbench.publish.EngineSetup.bootConfig(settings(),
            java.nio.file.Path.of("templates/boot.ipxe"), null, null);

    private static Settings settings() {
        Settings s = new Settings();
        s.arm64Boot = "arm64/ipxe.efi";
        s.uefiIa32Boot = "i386/ipxe.efi";
        s.pxelinuxConfigFile = "pxelinux.cfg/default";
        Settings.Host h = new Settings.Host();
        h.bootFile = "pxelinux.0";
        s.hosts.put("52:54:00:77:00:01", h);
        return s;
    }

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] data) throws MalformedPacketException {
        DhcpPacket p;
        try {
            p = DhcpPacket.decode(data, 0, data.length);
        } catch (MalformedPacketException e) {
            return; // refused: fine
        }
        ClientInfo c = ClientInfo.of(p);
        assertNotNull(c.mac());
        dev.bootbench.engine.boot.BootDecision d = dev.bootbench.engine.boot.BootPolicy.decide(CONFIG, c, "http://10.77.0.1/boot.ipxe");
        assertNotNull(d.reason());
        byte[] again = p.encode();
        if (again.length > DhcpPacket.MAX_LENGTH) {
            // Known edge: a near-16 KiB packet whose file/sname fields hold options grows when those move
            // into the options area, and the decoder refuses more than MAX_LENGTH. Real DHCP packets are < 1500 bytes.
            assertTrue(data.length > DhcpPacket.MAX_LENGTH - 400, "only near-maximal inputs may grow past the limit");
            return;
        }
        DhcpPacket q = DhcpPacket.decode(again, 0, again.length); // what we encode we must read back
        assertEquals(p.xid, q.xid);
        assertEquals(p.options().keySet(), q.options().keySet());
    }
}
