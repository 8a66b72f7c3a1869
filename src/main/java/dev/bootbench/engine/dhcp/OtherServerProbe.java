package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.UdpSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for other DHCP servers on the bench: at start and every minute, sends a DISCOVER from the
 * bench interface (from a MAC of its own that our server ignores) and reports every server that
 * offers something, so the technician can switch to proxy mode.
 */
final class OtherServerProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dhcp");
    static final long INTERVAL_MILLIS = 60_000, LISTEN_MILLIS = 2_500;

    private final NetIface nif;
    private final MacAddress mac;
    private final EventBus bus;
    private final boolean proxyMode;
    private final int serverPort;
    private volatile boolean running = true;
    private final Set<String> reported = new HashSet<>();
    private Thread thread;

    OtherServerProbe(NetIface nif, MacAddress mac, EventBus bus, boolean proxyMode, int serverPort) {
        this.nif = nif;
        this.mac = mac;
        this.bus = bus;
        this.proxyMode = proxyMode;
        this.serverPort = serverPort;
    }

    /** A locally administered MAC derived from the interface name, stable for a run. */
    static MacAddress probeMac(String iface) {
        int h = iface.hashCode();
        return MacAddress.of(new byte[] {0x02, 0x62, 0x62, (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
    }

    void start() {
        thread = new Thread(this::run, "dhcp-probe-" + nif.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (UdpSocket s = nif.openUdp(true, serverPort + 1, 250)) {
                probeOnce(s);
            } catch (IOException e) {
                log.debug("cannot look for other DHCP servers on {}: {}", nif.name(), e.getMessage());
            }
            long until = System.currentTimeMillis() + INTERVAL_MILLIS;
            while (running && System.currentTimeMillis() < until) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void probeOnce(UdpSocket s) throws IOException {
        DhcpPacket d = new DhcpPacket();
        d.op = DhcpPacket.BOOTREQUEST;
        d.xid = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
        d.flags = 0x8000;
        System.arraycopy(mac.bytes(), 0, d.chaddr, 0, 6);
        d.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DISCOVER);
        d.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 15, 66, 67});
        d.put(DhcpOption.VENDOR_CLASS, "bootbench-probe");
        byte[] out = d.encode();
        s.send(out, out.length, Ipv4.BROADCAST, serverPort);
        byte[] buf = new byte[DhcpPacket.MAX_LENGTH];
        long end = System.currentTimeMillis() + LISTEN_MILLIS;
        while (running && System.currentTimeMillis() < end) {
            UdpSocket.Datagram g = s.receive(buf);
            if (g == null) continue;
            DhcpPacket r;
            try {
                r = DhcpPacket.decode(buf, 0, g.length());
            } catch (MalformedPacketException e) {
                continue;
            }
            if (r.op != DhcpPacket.BOOTREPLY || r.xid != d.xid || !r.mac().equals(mac) || r.messageType() != DhcpOption.OFFER) continue;
            Inet4Address sid = r.optionAddress(DhcpOption.SERVER_ID);
            String server = sid != null ? sid.getHostAddress() : g.source().getHostAddress();
            if (nif.addresses().stream().anyMatch(a -> a.getHostAddress().equals(server))) continue; // that is us
            String offered = r.yiaddr != 0 ? Ipv4.format(r.yiaddr) : null;
            String file = r.optionString(DhcpOption.BOOTFILE);
            if (file == null && !r.file.isEmpty()) file = r.file;
            String next = r.siaddr != 0 ? Ipv4.format(r.siaddr) : null;
            String key = server + "|" + offered + "|" + file;
            bus.publish(new OtherDhcpServerEvent(Instant.now(), nif.name(), server, g.source().getHostAddress(), offered, file, next));
            if (reported.add(key) || !proxyMode) {
                String what = "another DHCP server on " + nif.name() + ": " + server + " offers " + (offered != null ? offered : "no address")
                        + (file != null ? ", boot file " + new String(file.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1) : "");
                if (proxyMode) log.info("{} (expected beside proxyDHCP)", what);
                else log.warn("{}. Two address servers on one segment fight; switch Bootbench to proxy mode (--dhcp proxy)", what);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) thread.interrupt();
    }
}
