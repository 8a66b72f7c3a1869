package dev.bootbench.engine.dhcp;

import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.BENCH;
import static dev.bootbench.engine.dhcp.DhcpServerRepliesTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.workspace.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The made-up exchanges a fresh DHCP server runs before it opens its sockets (#19) go the whole way for every kind of
 * client, and touch nothing real: not the pool's leases, not the event stream the sessions, the UI and the log read.
 */
class DhcpWarmupTest {
    private final List<EngineEvent> published = new ArrayList<>();

    private BootCore boot() {
        EventBus bus = new EventBus();
        bus.subscribe(published::add);
        return new BootCore(EngineSetup.bootConfig(new Settings(), Path.of("templates/boot.ipxe"), null, null), bus);
    }

    @Test
    void everyMadeUpClientGetsItsAckAndTheRealPoolAndEventsStayUntouched() throws Exception {
        LeasePool pool = new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.199")), Ipv4.toInt(SERVER),
                Map.of("52:54:00:00:00:01", Ipv4.toInt(Ipv4.parse("10.77.0.150"))), System::currentTimeMillis);
        DhcpConfig cfg = new DhcpConfig(DhcpMode.FULL, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        int answered = DhcpWarmup.run(cfg, boot(), pool, BENCH, OtherServerProbe.probeMac("bench0"), 80);
        assertEquals(80, answered, "a DISCOVER and a REQUEST answered for each kind of client");
        assertEquals(List.of(), pool.snapshot(), "no lease in the real pool");
        assertEquals(List.of(), published, "nothing on the real event stream");
    }

    @Test
    void aPoolSmallerThanTheMadeUpClientsNeverRunsOutSoTheLogGetsNoWarning() throws Exception {
        // the boot bench's pool has 50 addresses and the warm-up 200 clients: each made-up client used to keep its
        // address, and the last 150 were "pool exhausted" warnings in the technician's log at every start
        LeasePool pool = new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.109")), Ipv4.toInt(SERVER),
                Map.of(), System::currentTimeMillis);
        DhcpConfig cfg = new DhcpConfig(DhcpMode.FULL, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        ch.qos.logback.classic.Logger dhcpLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dhcp");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        dhcpLog.addAppender(lines);
        try {
            assertEquals(80, DhcpWarmup.run(cfg, boot(), pool, BENCH, OtherServerProbe.probeMac("bench0"), 80));
        } finally {
            dhcpLog.detachAppender(lines);
        }
        List<String> warnings = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), warnings, "the warm-up writes nothing to the log a technician reads");
        assertEquals(List.of(), pool.snapshot());
    }

    @Test
    void proxyModeAnswersThePxeClientsAndIgnoresThePlainOnes() throws Exception {
        DhcpConfig cfg = new DhcpConfig(DhcpMode.PROXY, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        int answered = DhcpWarmup.run(cfg, boot(), null, BENCH, OtherServerProbe.probeMac("bench0"), 40);
        assertTrue(answered >= 30 && answered < 40, "three kinds of four are PXE clients a proxy answers: " + answered);
        assertEquals(List.of(), published);
    }

    @Test
    void theMadeUpMacsAreLocallyAdministered() {
        for (int i = 0; i < 8; i++) {
            DhcpPacket p = DhcpWarmup.client(i, DhcpOption.DISCOVER);
            assertEquals(0x02, p.chaddr[0] & 0x02, "locally administered bit set: never a real NIC's address");
            assertEquals(0, p.chaddr[0] & 0x01, "unicast");
        }
    }
}
