package dev.bootbench.testlab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An Ethernet segment of the test bench: a bridge in a namespace of its own, to which hosts
 * (namespaces) are attached through veth pairs. Everything stays inside namespaces the test made.
 */
public final class Segment implements AutoCloseable {
    private final Netns sw;
    private final List<Netns> hosts = new ArrayList<>();

    public Segment() {
        sw = Netns.create("sw");
        sw.ip("link", "add", "br0", "type", "bridge", "forward_delay", "0", "stp_state", "0");
        sw.ip("link", "set", "br0", "up");
    }

    public Netns switchNs() {
        return sw;
    }

    /** Attaches a namespace to the bridge as interface {@code ifname} with an address (CIDR) or none. */
    public void attach(Netns host, String ifname, String cidr) {
        String port = "p" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Netns.link(sw, port, null, host, ifname, cidr);
        sw.ip("link", "set", port, "master", "br0");
    }

    /** A new host namespace on this segment; closed with the segment. */
    public Netns host(String role, String ifname, String cidr) {
        Netns h = Netns.create(role);
        hosts.add(h);
        attach(h, ifname, cidr);
        return h;
    }

    @Override
    public void close() {
        for (Netns h : hosts) h.close();
        sw.close();
    }
}
