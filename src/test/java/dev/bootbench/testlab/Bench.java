package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A boot bench made of network namespaces the test creates: {@code bench} holds a bridge br0 with
 * the guests' tap devices (QEMU runs in it), {@code server} is linked to br0 and runs Bootbench on
 * its eth0 (10.77.0.1/24), and optionally {@code dhcp} is linked to br0 too and runs dnsmasq as a
 * plain address server (10.77.0.2/24). No packet reaches the machine's own interfaces.
 */
public final class Bench implements AutoCloseable {
    public static final String SERVER_IP = "10.77.0.1";
    public static final String DHCP_IP = "10.77.0.2";
    public static final String SERVER_IFACE = "eth0";

    private final Netns bench;
    private final Netns server;
    private final List<Netns> others = new ArrayList<>();
    private int taps;

    private Bench(Netns bench, Netns server) {
        this.bench = bench;
        this.server = server;
    }

    public static Bench create() {
        Netns bench = Netns.create("bench");
        Netns server = null;
        try {
            bench.ip("link", "add", "br0", "type", "bridge", "forward_delay", "0", "stp_state", "0");
            bench.ip("link", "set", "br0", "up");
            server = Netns.create("srv");
            Netns.link(server, SERVER_IFACE, SERVER_IP + "/24", bench, "srv0", null);
            bench.ip("link", "set", "srv0", "master", "br0");
            return new Bench(bench, server);
        } catch (RuntimeException e) {
            if (server != null) server.close();
            bench.close();
            throw e;
        }
    }

    public Netns bench() {
        return bench;
    }

    public Netns server() {
        return server;
    }

    /** A tap device on br0, for one QEMU guest; returns its name (inside the bench namespace). */
    public String addTap() {
        String tap = "tap" + taps++;
        Exec.run(Duration.ofSeconds(20), bench.wrap(List.of("ip", "tuntap", "add", "dev", tap, "mode", "tap"))).orThrow();
        bench.ip("link", "set", tap, "master", "br0");
        bench.ip("link", "set", tap, "up");
        return tap;
    }

    /**
     * dnsmasq in a namespace of its own on br0, handing out addresses only (no PXE options): the
     * "other DHCP server" that Bootbench's proxyDHCP runs beside.
     */
    public Process startAddressServer(String firstIp, String lastIp, Path dir) throws IOException {
        Netns dhcp = Netns.create("dhcp");
        others.add(dhcp);
        Netns.link(dhcp, "eth0", DHCP_IP + "/24", bench, "dhcp0", null);
        bench.ip("link", "set", "dhcp0", "master", "br0");
        return dhcp.start(List.of(Lab.which("dnsmasq").toString(), "--no-daemon", "--conf-file=/dev/null", "--port=0",
                "--bind-interfaces", "--interface=eth0", "--except-interface=lo", "--user=root", "--group=root",
                "--dhcp-range=" + firstIp + "," + lastIp + ",255.255.255.0,1h", "--dhcp-authoritative",
                "--no-ping", "--log-dhcp", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"),
                "--pid-file=" + dir.resolve("dnsmasq.pid")), dir.resolve("dnsmasq.log"));
    }

    @Override
    public void close() {
        for (Netns n : others) n.close();
        server.close();
        bench.close();
    }
}
