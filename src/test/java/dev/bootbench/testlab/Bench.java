package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A boot bench made of network namespaces the test creates: a {@link Segment} whose switch
 * namespace also holds the guests' tap devices on br0 (QEMU runs in it), a {@code server} host on
 * the segment running Bootbench on its eth0 (10.77.0.1/24), and optionally a {@code dhcp} host
 * running dnsmasq as a plain address server (10.77.0.2/24). No packet reaches the machine's own
 * interfaces.
 */
public final class Bench implements AutoCloseable {
    public static final String SERVER_IP = "10.77.0.1";
    public static final String DHCP_IP = "10.77.0.2";
    public static final String SERVER_IFACE = "eth0";

    private final Segment segment;
    private final Netns server;
    private int taps;

    private Bench(Segment segment, Netns server) {
        this.segment = segment;
        this.server = server;
    }

    public static Bench create() {
        Segment segment = new Segment();
        try {
            return new Bench(segment, segment.host("srv", SERVER_IFACE, SERVER_IP + "/24"));
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /** The namespace of the bridge and the taps, where QEMU runs. */
    public Netns bench() {
        return segment.switchNs();
    }

    public Netns server() {
        return server;
    }

    /** A tap device on br0, for one QEMU guest; returns its name (inside the bench namespace). */
    public String addTap() {
        Netns sw = segment.switchNs();
        String tap = "tap" + taps++;
        Exec.run(Duration.ofSeconds(20), sw.wrap(List.of("ip", "tuntap", "add", "dev", tap, "mode", "tap"))).orThrow();
        sw.ip("link", "set", tap, "master", "br0");
        sw.ip("link", "set", tap, "up");
        return tap;
    }

    /**
     * dnsmasq in a namespace of its own on br0, handing out addresses only (no PXE options): the
     * "other DHCP server" that Bootbench's proxyDHCP runs beside.
     */
    public Process startAddressServer(String firstIp, String lastIp, Path dir) throws IOException {
        Netns dhcp = segment.host("dhcp", "eth0", DHCP_IP + "/24");
        return dhcp.start(List.of(Lab.which("dnsmasq").toString(), "--no-daemon", "--conf-file=/dev/null", "--port=0",
                "--bind-interfaces", "--interface=eth0", "--except-interface=lo", "--user=root", "--group=root",
                "--dhcp-range=" + firstIp + "," + lastIp + ",255.255.255.0,1h", "--dhcp-authoritative",
                "--no-ping", "--log-dhcp", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"),
                "--pid-file=" + dir.resolve("dnsmasq.pid")), dir.resolve("dnsmasq.log"));
    }

    @Override
    public void close() {
        segment.close();
    }
}
