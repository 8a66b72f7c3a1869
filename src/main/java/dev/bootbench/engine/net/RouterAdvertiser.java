package dev.bootbench.engine.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers IPv6 router solicitations on the bench interface with a router advertisement that says
 * "no router here, no DHCPv6": router lifetime 0, no prefixes, M and O flags clear.
 *
 * <p>Why: iPXE configures IPv6 beside DHCPv4 and waits for a router (13–16 s) before it runs its
 * script when nobody answers. An RA without the managed/other flags completes iPXE's IPv6
 * configuration at once. Safety: a lifetime of 0 makes no host use us as a default router, and
 * without prefix options no host forms an address, so nothing on the segment changes but the wait.
 * It is still only sent on a bench: never on the interface that carries the default route.
 *
 * <p>It follows its interface: when the interface goes away, goes down or is made anew (a USB adapter
 * unplugged, a veth re-created), the socket tied to it is closed and the advertiser looks for it again
 * every {@value #RETRY_MILLIS} ms, then answers on the new one; both are logged.
 */
public final class RouterAdvertiser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("ra");
    private static final int AF_INET6 = 10, SOCK_RAW = 3, IPPROTO_ICMPV6 = 58, IPPROTO_IPV6 = 41;
    private static final int SOL_SOCKET = 1, SO_BINDTODEVICE = 25, SO_RCVTIMEO = 20;
    private static final int IPV6_UNICAST_HOPS = 16, IPV6_MULTICAST_IF = 17, IPV6_MULTICAST_HOPS = 18, IPV6_ADD_MEMBERSHIP = 20;
    private static final int ICMP6_FILTER = 1;
    private static final int ROUTER_SOLICITATION = 133, ROUTER_ADVERTISEMENT = 134;
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_ROUTERS = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    static final long UNSOLICITED_MILLIS = 10_000;
    static final long RETRY_MILLIS = 2000;
    private static final int ENODEV = 19, ENXIO = 6, ENETDOWN = 100;

    private volatile NetIface nif;
    private volatile boolean running;
    private volatile int fd = -1;
    private Thread thread;
    private volatile long answered;

    public RouterAdvertiser(NetIface nif) {
        this.nif = nif;
    }

    public static boolean supported() {
        return Platform.isLinux();
    }

    /** How many advertisements were sent (solicited and unsolicited). */
    public long sent() {
        return answered;
    }

    /** Opens the raw ICMPv6 socket; returns false (with a log line saying why) when it cannot. */
    public boolean start() {
        if (!supported()) {
            log.info("router advertisements are only sent on Linux; iPXE may wait for an IPv6 router");
            return false;
        }
        if (!open(nif)) return false;
        running = true;
        thread = new Thread(this::loop, "ra-" + nif.name());
        thread.setDaemon(true);
        thread.start();
        log.info("answering IPv6 router solicitations on {} with 'no router, no DHCPv6' so iPXE does not wait", nif.name());
        return true;
    }

    /** Opens the socket on {@code n} (tied to it, joined to all-routers); false with a log line when it cannot. */
    private boolean open(NetIface n) {
        NativeUdpSocket.LibC c = NativeUdpSocket.LibC.C;
        try {
            fd = c.socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
        } catch (LastErrorException e) {
            log.warn("cannot send IPv6 router advertisements on {} (errno {}: needs root or CAP_NET_RAW); iPXE may wait 13-16 s for an IPv6 router",
                    n.name(), e.getErrorCode());
            return false;
        }
        try {
            byte[] name = (n.name() + "\0").getBytes(StandardCharsets.US_ASCII);
            c.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.length);
            setInt(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255);
            setInt(IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255);
            setInt(IPPROTO_IPV6, IPV6_MULTICAST_IF, n.index());
            byte[] mreq = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).put(ALL_ROUTERS).putInt(n.index()).array();
            c.setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, mreq, mreq.length);
            // only router solicitations reach us: ICMP6_FILTER blocks every type whose bit is set
            byte[] filter = new byte[32];
            java.util.Arrays.fill(filter, (byte) 0xff);
            filter[ROUTER_SOLICITATION >> 3] &= (byte) ~(1 << (ROUTER_SOLICITATION & 7));
            c.setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, filter, filter.length);
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(500_000).array();
            c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, tv.length);
        } catch (LastErrorException e) {
            log.warn("cannot set up IPv6 router advertisements on {} (errno {}; is IPv6 disabled on it?)", n.name(), e.getErrorCode());
            closeSocket();
            return false;
        }
        nif = n;
        return true;
    }

    private synchronized void closeSocket() {
        if (fd >= 0) {
            NativeUdpSocket.LibC.C.close(fd);
            fd = -1;
        }
    }

    /**
     * What happened to the interface the socket is tied to, or null when it is still there and up. A
     * deleted and re-created interface has a new index: the socket tied to the old one hears nothing.
     */
    private String whatHappened() {
        Optional<NetIface> now = NetIface.find(nif.name(), null);
        if (now.isEmpty()) return "went away";
        if (now.get().index() != nif.index()) return "was made anew (index " + nif.index() + " -> " + now.get().index() + ")";
        if (!now.get().up()) return "went down";
        return null;
    }

    /** The interface went away: close the socket and say so; {@link #loop} looks for it again. */
    private void lost(String why) {
        closeSocket();
        log.warn("interface {} {}; router advertisements resume when it is back (looking every {} s)", nif.name(), why, RETRY_MILLIS / 1000);
    }

    /** Looks for the interface again; when it is up (and not the office network), opens the socket on it. */
    private boolean reopen() {
        Optional<NetIface> now = NetIface.find(nif.name(), null);
        if (now.isEmpty() || !now.get().up()) return false;
        if (now.get().carriesDefaultRoute()) return false; // not a bench any more: stay quiet
        if (!open(now.get())) return false;
        log.info("interface {} is back: answering IPv6 router solicitations on it again", nif.name());
        return true;
    }

    private void setInt(int level, int name, int value) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        NativeUdpSocket.LibC.C.setsockopt(fd, level, name, v, 4);
    }

    /** The advertisement: ICMPv6 type 134, hop limit unspecified, M=O=0, router lifetime 0, and our link-layer address. */
    byte[] advertisement() {
        MacAddress mac = nif.mac();
        ByteBuffer b = ByteBuffer.allocate(mac != null ? 24 : 16);
        b.put((byte) ROUTER_ADVERTISEMENT).put((byte) 0).putShort((short) 0); // checksum: the kernel fills it in
        b.put((byte) 0).put((byte) 0).putShort((short) 0); // cur hop limit, flags M=0 O=0, router lifetime 0
        b.putInt(0).putInt(0); // reachable time, retrans timer: unspecified
        if (mac != null) b.put((byte) 1).put((byte) 1).put(mac.bytes()); // source link-layer address option
        return b.array();
    }

    private void loop() {
        NativeUdpSocket.LibC c = NativeUdpSocket.LibC.C;
        byte[] buf = new byte[1500];
        byte[] from = new byte[28];
        long nextUnsolicited = 0;
        long nextCheck = System.currentTimeMillis() + RETRY_MILLIS;
        while (running) {
            long now = System.currentTimeMillis();
            if (fd < 0) {
                sleep(RETRY_MILLIS);
                if (running && reopen()) {
                    nextUnsolicited = 0;
                    nextCheck = System.currentTimeMillis() + RETRY_MILLIS;
                }
                continue;
            }
            if (now >= nextCheck) {
                nextCheck = now + RETRY_MILLIS;
                String what = whatHappened();
                if (what != null) {
                    lost(what);
                    continue;
                }
            }
            if (now >= nextUnsolicited) {
                send();
                nextUnsolicited = now + UNSOLICITED_MILLIS;
            }
            try {
                long n = c.recvfrom(fd, buf, buf.length, 0, from, new IntByReference(28));
                if (n >= 8 && (buf[0] & 0xff) == ROUTER_SOLICITATION) send();
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == ENODEV || errno == ENXIO || errno == ENETDOWN) {
                    if (running) lost("is gone (errno " + errno + ")");
                } else if (errno != 11 && errno != 4 && running) {
                    log.debug("router solicitation receive: errno {}", errno);
                    sleep(500);
                }
            }
        }
    }

    private void send() {
        byte[] ra = advertisement();
        byte[] to = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder()).putShort((short) AF_INET6).array();
        System.arraycopy(ALL_NODES, 0, to, 8, 16);
        ByteBuffer.wrap(to).order(ByteOrder.nativeOrder()).putInt(24, nif.index());
        try {
            NativeUdpSocket.LibC.C.sendto(fd, ra, ra.length, 0, to, to.length);
            answered++;
        } catch (LastErrorException e) {
            if (running) log.debug("router advertisement on {} not sent: errno {}", nif.name(), e.getErrorCode());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSocket();
    }
}
