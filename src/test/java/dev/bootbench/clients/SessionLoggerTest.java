package dev.bootbench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.engine.net.MacAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionLoggerTest {
    private static BootSession session(MacAddress mac, String address) {
        return new BootSession(7, mac, address, Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null,
                List.of(), List.of(), List.of(), true, 0, true, false, 2, List.of(), null);
    }

    @Test
    void oneLineNamesTheClientTheBootTheStageAndWhen() {
        BootSession s = session(MacAddress.parse("52:54:00:12:34:56"), "10.0.0.5");
        assertEquals("52:54:00:12:34:56 (10.0.0.5) boot #2: KERNEL at +12.3 s: HTTP vmlinuz",
                SessionLogger.line(s, new BootSession.StageReached(Stage.KERNEL, Duration.ofMillis(12_340), "HTTP vmlinuz")));
    }

    @Test
    void offsetsAreRoundedToOneDecimal() {
        BootSession s = session(MacAddress.parse("52:54:00:12:34:56"), null);
        assertEquals("52:54:00:12:34:56 boot #2: DHCP at +0.0 s",
                SessionLogger.line(s, new BootSession.StageReached(Stage.DHCP, Duration.ofMillis(49), null)));
        assertEquals("52:54:00:12:34:56 boot #2: DHCP at +0.1 s: BIOS",
                SessionLogger.line(s, new BootSession.StageReached(Stage.DHCP, Duration.ofMillis(50), "BIOS")));
        assertEquals("52:54:00:12:34:56 boot #2: BOOTING at +100.0 s",
                SessionLogger.line(s, new BootSession.StageReached(Stage.BOOTING, Duration.ofMillis(99_960), "")));
    }

    @Test
    void aClientKnownOnlyByAddressSaysSo() {
        assertEquals("unknown MAC (10.0.0.9) boot #2: SCRIPT at +1.5 s",
                SessionLogger.line(session(null, "10.0.0.9"), new BootSession.StageReached(Stage.SCRIPT, Duration.ofMillis(1_500), null)));
    }
}
