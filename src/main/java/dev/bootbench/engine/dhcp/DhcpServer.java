package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.SocketBindException;
import dev.bootbench.engine.net.UdpSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP server of one bench interface: full mode (addresses and boot information) or proxyDHCP
 * (boot information only, beside another DHCP server), on port 67 and PXE's port 4011.
 *
 * <p>Its sockets are tied to the interface, so a request arriving on any other interface is never
 * seen. A supervisor keeps the service up: while the interface is missing, down or without an IPv4
 * address it retries every two seconds and resumes when the interface returns.
 */
public final class DhcpServer implements AutoCloseable {
    private final Logger log;
    static final int RETRY_MILLIS = 2000;

    /** Packets dropped, by reason: the server loop counts and moves on. */
    public static final class Counters {
        public final AtomicLong received = new AtomicLong(), malformed = new AtomicLong(), notRequests = new AtomicLong(),
                answered = new AtomicLong(), ignored = new AtomicLong(), errors = new AtomicLong();
    }

    private final DhcpConfig config;
    private final BootCore boot;
    private final EventBus bus;
    private final LeasePool pool; // null in proxy mode
    private final Counters counters = new Counters();
    private final MacAddress probeMac;
    private volatile boolean running;
    private volatile NetIface iface;
    private final List<UdpSocket> sockets = new ArrayList<>();
    private Thread supervisor;
    private OtherServerProbe probe;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    /** @param boot what decides each client's boot */
    public DhcpServer(DhcpConfig config, BootCore boot, EventBus bus, LeasePool pool) {
        if (config.mode() == DhcpMode.FULL && pool == null) throw new IllegalArgumentException("full mode needs an address pool");
        this.config = config;
        this.boot = boot;
        this.bus = bus;
        this.pool = pool;
        this.probeMac = OtherServerProbe.probeMac(config.iface());
        this.log = LoggerFactory.getLogger(serviceName());
    }

    private volatile boolean failed;

    /** Could not listen for a reason that retrying does not fix; the ServiceEvent and log say why. */
    public boolean failed() {
        return failed;
    }

    public Counters counters() {
        return counters;
    }

    public String serviceName() {
        return config.mode() == DhcpMode.PROXY ? "proxydhcp" : "dhcp";
    }

    /** Starts the supervisor and waits (briefly) for the first attempt to listen, so errors show at once. */
    public void start() throws InterruptedException {
        running = true;
        supervisor = new Thread(this::supervise, serviceName() + "-" + config.iface());
        supervisor.setDaemon(true);
        supervisor.start();
        firstAttempt.await(10, TimeUnit.SECONDS);
    }

    private void supervise() {
        String lastProblem = null;
        while (running) {
            Optional<NetIface> found = NetIface.find(config.iface(), config.wantedAddress());
            String problem = null;
            if (found.isEmpty()) problem = "interface " + config.iface() + " not found";
            else if (!found.get().up()) problem = "interface " + config.iface() + " is down";
            else if (found.get().address() == null) problem = config.wantedAddress() != null
                    ? "interface " + config.iface() + " does not have address " + config.wantedAddress().getHostAddress()
                    : "interface " + config.iface() + " has no IPv4 address";
            if (problem == null) {
                try {
                    listen(found.get());
                    lastProblem = null;
                } catch (SocketBindException e) {
                    problem = e.getMessage();
                    if (e.reason() != SocketBindException.Reason.NO_DEVICE) {
                        publish(ServiceEvent.State.FAILED, problem);
                        log.error("{}", problem);
                        failed = true;
                        firstAttempt.countDown();
                        running = false;
                        return;
                    }
                } catch (IOException e) {
                    problem = e.getMessage();
                }
            }
            if (!running) break;
            if (problem != null) {
                if (!problem.equals(lastProblem)) {
                    log.warn("{}; retrying every {} s until it is back", problem, RETRY_MILLIS / 1000);
                    publish(ServiceEvent.State.RETRYING, problem);
                    lastProblem = problem;
                }
                firstAttempt.countDown();
                sleep(RETRY_MILLIS);
            }
        }
        publish(ServiceEvent.State.STOPPED, "stopped");
    }

    /** The interface whose address and subnet the replies carry. */
    void serveOn(NetIface nif) {
        this.iface = nif;
    }

    /** Opens the sockets and serves until the interface goes away or the server stops. */

    private void listen(NetIface nif) throws IOException {
        List<UdpSocket> open = new ArrayList<>();
        try {
            open.add(nif.openUdp(true, config.serverPort(), 500));
            open.add(nif.openUdp(true, config.proxyPort(), 500));
        } catch (IOException e) {
            open.forEach(UdpSocket::close);
            throw e;
        }
        serveOn(nif);
        synchronized (sockets) {
            sockets.clear();
            sockets.addAll(open);
        }
        List<Thread> loops = new ArrayList<>();
        for (UdpSocket s : open) {
            Thread t = new Thread(() -> receiveLoop(s), serviceName() + "-rx-" + s.localPort());
            t.setDaemon(true);
            t.start();
            loops.add(t);
        }
        String where = "listening on " + nif.name() + " " + nif.address().getHostAddress() + " ports " + config.serverPort() + " and " + config.proxyPort()
                + (config.mode() == DhcpMode.FULL ? ", pool " + poolText() : " (proxyDHCP: boot information only)");
        log.info("{}", where);
        publish(ServiceEvent.State.LISTENING, where);
        firstAttempt.countDown();
        if (config.detectOtherServers()) {
            probe = new OtherServerProbe(nif, probeMac, bus, config.mode() == DhcpMode.PROXY, config.serverPort());
            probe.start();
        }
        // watch the interface: if it goes away or down, drop the sockets and let the supervisor retry
        while (running) {
            sleep(RETRY_MILLIS);
            Optional<NetIface> now = NetIface.find(nif.name(), nif.address());
            if (now.isEmpty() || !now.get().up() || now.get().address() == null || now.get().index() != nif.index()) {
                log.warn("interface {} went away or down; closing its sockets", nif.name());
                break;
            }
        }
        if (probe != null) probe.close();
        closeSockets();
        for (Thread t : loops) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String poolText() {
        return pool != null ? pool.describe() : "";
    }

    private void receiveLoop(UdpSocket s) {
        byte[] buf = new byte[DhcpPacket.MAX_LENGTH];
        while (running) {
            UdpSocket.Datagram d;
            try {
                d = s.receive(buf);
            } catch (IOException e) {
                if (running && sockets.contains(s)) log.debug("receive stopped: {}", e.getMessage());
                return;
            }
            if (d == null) continue;
            try {
                handle(s, buf, d);
            } catch (RuntimeException e) {
                counters.errors.incrementAndGet();
                log.error("error handling a packet from {}:{}: {}", d.source().getHostAddress(), d.port(), e.toString(), e);
            }
        }
    }

    /**
     * Answers one packet. The reply goes out first; the exchange's log line and event (which feed the
     * sessions, the UI and the log) are made after it, so their cost never delays the client.
     */
    void handle(UdpSocket s, byte[] buf, UdpSocket.Datagram d) {
        try {
            answer(s, buf, d);
        } finally {
            publishDeferred();
        }
    }

    private void answer(UdpSocket s, byte[] buf, UdpSocket.Datagram d) {
        counters.received.incrementAndGet();
        DhcpPacket p;
        try {
            p = DhcpPacket.decode(buf, 0, d.length());
        } catch (MalformedPacketException e) {
            counters.malformed.incrementAndGet();
            log.debug("dropped a malformed packet from {}:{}: {}", d.source().getHostAddress(), d.port(), e.getMessage());
            return;
        }
        if (p.op != DhcpPacket.BOOTREQUEST) {
            counters.notRequests.incrementAndGet();
            return; // replies (ours coming back, or another server's) are not for us
        }
        if (p.mac().equals(probeMac)) {
            counters.ignored.incrementAndGet();
            return; // our own probe for other servers
        }
        ClientInfo c = ClientInfo.of(p);
        onProxyPort.set(s.localPort() == config.proxyPort());
        DhcpPacket reply;
        if (s.localPort() == config.proxyPort()) {
            reply = proxyRequest(p, c);
        } else if (config.mode() == DhcpMode.PROXY) {
            reply = proxyDiscover(p, c);
        } else {
            reply = full(p, c);
        }
        if (reply != null) {
            Inet4Address dst;
            int port;
            if (s.localPort() == config.proxyPort()) {
                dst = d.source();
                port = d.port();
            } else if (p.giaddr != 0) {
                dst = Ipv4.fromInt(p.giaddr);
                port = config.serverPort();
            } else if (p.ciaddr != 0 && reply.messageType() != DhcpOption.NAK) {
                dst = Ipv4.fromInt(p.ciaddr);
                port = config.serverPort() + 1;
            } else {
                dst = Ipv4.BROADCAST;
                port = config.serverPort() + 1;
            }
            byte[] out = reply.encode();
            try {
                s.send(out, out.length, dst, port);
                counters.answered.incrementAndGet();
            } catch (IOException e) {
                counters.errors.incrementAndGet();
                log.warn("could not send {} to {}: {}", DhcpOption.typeName(reply.messageType()), c.mac(), e.getMessage());
            }
        }
    }

    private final ThreadLocal<String> note = new ThreadLocal<>();
    /** The events of the packet being handled on this thread, published once its reply is sent. */
    private final ThreadLocal<List<Deferred>> deferred = ThreadLocal.withInitial(() -> new ArrayList<>(2));

    private record Deferred(DhcpEvent event, ClientInfo client, long xid) {}
    private final ThreadLocal<Boolean> onProxyPort = ThreadLocal.withInitial(() -> false);

    private DhcpPacket full(DhcpPacket p, ClientInfo c) {
        NetIface nif = iface;
        int type = p.messageType();
        long leaseMillis = config.leaseSeconds() * 1000L;
        String host = c.hostname();
        switch (type) {
            case DhcpOption.DISCOVER -> {
                int requested = addressOption(p, DhcpOption.REQUESTED_IP);
                int a = pool.offer(c.mac(), requested, host);
                if (a == 0) {
                    log.warn("pool exhausted: no address for {}", c.mac());
                    event(p, c, null, 0, null, "pool exhausted");
                    return null;
                }
                return addressReply(p, c, DhcpOption.OFFER, a, nif);
            }
            case DhcpOption.REQUEST -> {
                int sid = p.optionAddressInt(DhcpOption.SERVER_ID);
                if (sid != 0 && sid != nif.addressInt()) {
                    pool.withdrawOffer(c.mac());
                    event(p, c, null, 0, null, "chose server " + Ipv4.format(sid));
                    return null;
                }
                int requested = addressOption(p, DhcpOption.REQUESTED_IP);
                if (requested == 0) requested = p.ciaddr;
                if (requested == 0) {
                    event(p, c, null, 0, null, "no address requested");
                    return null;
                }
                boolean onSubnet = p.giaddr != 0 || nif.contains(requested);
                if (onSubnet && pool.bind(c.mac(), requested, leaseMillis, host)) {
                    if (!leaseSaved(p, c, requested)) return null;
                    return addressReply(p, c, DhcpOption.ACK, requested, nif);
                }
                return nak(p, c, nif, onSubnet ? Ipv4.format(requested) + " is not available to this client"
                        : Ipv4.format(requested) + " is not on this network");
            }
            case DhcpOption.DECLINE -> {
                decline(p, c, nif);
                return null;
            }
            case DhcpOption.RELEASE -> {
                if (p.ciaddr != 0) pool.release(c.mac(), p.ciaddr);
                event(p, c, null, p.ciaddr, null, "released");
                return null;
            }
            case DhcpOption.INFORM -> {
                DhcpPacket r = base(p, DhcpOption.ACK, nif);
                r.ciaddr = p.ciaddr;
                networkOptions(r, nif, false);
                String file = boot(r, c, nif, true);
                event(p, c, DhcpOption.ACK, p.ciaddr, file, note.get());
                return r;
            }
            default -> {
                counters.ignored.incrementAndGet();
                event(p, c, null, 0, null, type == 0 ? "BOOTP requests are not served" : "unexpected message type " + type);
                return null;
            }
        }
    }

    /** How long a declined address stays out of the pool (dnsmasq also waits 10 minutes). */
    static final long DECLINE_QUARANTINE_MILLIS = 600_000;

    /**
     * DHCPDECLINE: the client found its address in use. Honoured only with our server id (RFC 2131
     * requires it) and from the client that holds or was offered that address; the quarantine is
     * bounded in time and in how much of the pool it may take (see {@link LeasePool#decline}).
     */
    private void decline(DhcpPacket p, ClientInfo c, NetIface nif) {
        int sid = p.optionAddressInt(DhcpOption.SERVER_ID);
        int a = addressOption(p, DhcpOption.REQUESTED_IP);
        if (sid != nif.addressInt()) {
            event(p, c, null, a, null, sid == 0 ? "ignored: no server id" : "ignored: for server " + Ipv4.format(sid));
        } else if (a == 0) {
            event(p, c, null, 0, null, "ignored: no address");
        } else if (pool.decline(c.mac(), a, DECLINE_QUARANTINE_MILLIS)) {
            log.warn("{} declined {} (address in use?): quarantined for {} minutes", c.mac(), Ipv4.format(a), DECLINE_QUARANTINE_MILLIS / 60_000);
            event(p, c, null, a, null, "address quarantined");
        } else {
            event(p, c, null, a, null, "ignored: " + Ipv4.format(a) + " is not held by this client");
        }
    }

    /**
     * The lease is written to the journal before its ACK is sent (with whatever other changes are
     * waiting, in one write), so a crash right after the ACK cannot lose it. When it cannot be written
     * (disk full, read-only), no ACK is sent: the client asks again, and gets it once leases can be saved.
     */
    private boolean leaseSaved(DhcpPacket p, ClientInfo c, int address) {
        if (pool.commit()) return true;
        event(p, c, null, address, null, "not acknowledged: the lease could not be saved (see the log)");
        return false;
    }

    private static int addressOption(DhcpPacket p, int code) {
        return p.optionAddressInt(code);
    }

    private DhcpPacket addressReply(DhcpPacket p, ClientInfo c, int type, int address, NetIface nif) {
        DhcpPacket r = base(p, type, nif);
        r.yiaddr = address;
        networkOptions(r, nif, true);
        String hostname = boot.config().host(c.mac()).hostname();
        if (hostname != null && !hostname.isBlank()) r.put(DhcpOption.HOSTNAME, hostname);
        String file = boot(r, c, nif, true);
        event(p, c, type, address, file, note.get());
        return r;
    }

    private DhcpPacket nak(DhcpPacket p, ClientInfo c, NetIface nif, String why) {
        DhcpPacket r = base(p, DhcpOption.NAK, nif);
        r.put(DhcpOption.MESSAGE, why);
        log.info("NAK {} to {}: {}", DhcpOption.typeName(p.messageType()), c.mac(), why);
        event(p, c, DhcpOption.NAK, 0, null, why);
        return r;
    }

    private DhcpPacket base(DhcpPacket p, int type, NetIface nif) {
        DhcpPacket r = new DhcpPacket();
        r.op = DhcpPacket.BOOTREPLY;
        r.xid = p.xid;
        r.flags = p.flags;
        r.giaddr = p.giaddr;
        r.chaddr = p.chaddr.clone();
        r.putByte(DhcpOption.MESSAGE_TYPE, type);
        r.put(DhcpOption.SERVER_ID, nif.address());
        byte[] relay = p.option(DhcpOption.RELAY_AGENT);
        if (relay != null) r.put(DhcpOption.RELAY_AGENT, relay);
        return r;
    }

    private void networkOptions(DhcpPacket r, NetIface nif, boolean lease) {
        if (lease) {
            r.putInt(DhcpOption.LEASE_TIME, config.leaseSeconds());
            r.putInt(DhcpOption.RENEWAL_T1, config.leaseSeconds() / 2);
            r.putInt(DhcpOption.REBINDING_T2, (int) (config.leaseSeconds() * 7L / 8));
        }
        int m = config.subnetMask() != null ? Ipv4.toInt(config.subnetMask()) : nif.netmaskInt();
        r.putInt(DhcpOption.SUBNET_MASK, m);
        r.putInt(DhcpOption.BROADCAST, (nif.addressInt() & m) | ~m);
        if (config.router() != null) r.put(DhcpOption.ROUTER, config.router());
        if (!config.dns().isEmpty()) {
            byte[] d = new byte[4 * config.dns().size()];
            for (int i = 0; i < config.dns().size(); i++) System.arraycopy(config.dns().get(i).getAddress(), 0, d, 4 * i, 4);
            r.put(DhcpOption.DNS, d);
        }
        if (config.domain() != null && !config.domain().isEmpty()) r.put(DhcpOption.DOMAIN, config.domain());
    }

    /**
     * Adds the boot information the policy decides: siaddr/file, options 66/67, 60 PXEClient for PXE
     * clients, 175.176 for iPXE in full mode, pxelinux 208-210 (also inside 43). Returns the boot file.
     */
    private String boot(DhcpPacket r, ClientInfo c, NetIface nif, boolean fullMode) {
        BootDecision d = boot.decide(c, nif.address());
        note.set(d.reason());
        if (d.bootFile() == null) return null;
        r.siaddr = nif.addressInt();
        r.file = d.bootFile().length() < 128 ? d.bootFile() : "";
        r.put(DhcpOption.TFTP_SERVER, nif.address().getHostAddress());
        r.put(DhcpOption.BOOTFILE, d.bootFile());
        byte[] vendor43 = null;
        if (c.isPxe()) {
            r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
            if (!fullMode) vendor43 = new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8};
        }
        if (c.isIpxe() && fullMode) r.put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) DhcpOption.IPXE_NO_PXEDHCP, 1, 1});
        if (d.pxelinux()) {
            r.put(DhcpOption.PXELINUX_MAGIC, new byte[] {(byte) 0xf1, 0x00, 0x74, 0x7e});
            java.io.ByteArrayOutputStream sub = new java.io.ByteArrayOutputStream();
            if (vendor43 != null) sub.writeBytes(vendor43);
            if (d.pxelinuxConfigFile() != null) {
                r.put(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile());
                sub.writeBytes(encap(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile()));
            }
            if (d.pxelinuxPathPrefix() != null) {
                r.put(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix());
                sub.writeBytes(encap(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix()));
            }
            vendor43 = sub.toByteArray();
        }
        if (vendor43 != null && vendor43.length > 0) {
            byte[] v = java.util.Arrays.copyOf(vendor43, vendor43.length + 1);
            v[vendor43.length] = (byte) 255;
            r.put(DhcpOption.VENDOR_SPECIFIC, v);
        }
        return d.bootFile();
    }

    private static byte[] encap(int code, String value) {
        byte[] v = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int n = Math.min(255, v.length);
        byte[] out = new byte[2 + n];
        out[0] = (byte) code;
        out[1] = (byte) n;
        System.arraycopy(v, 0, out, 2, n);
        return out;
    }

    /** proxyDHCP on port 67: a PXE client's DISCOVER gets boot information, no address. */
    private DhcpPacket proxyDiscover(DhcpPacket p, ClientInfo c) {
        int type = p.messageType();
        if (type != DhcpOption.DISCOVER && type != DhcpOption.REQUEST) return null;
        if (!c.isPxe() && !c.isIpxe()) {
            event(p, c, null, 0, null, "not a PXE client: left to the DHCP server");
            return null;
        }
        if (type == DhcpOption.REQUEST) {
            // not ours to answer, but it tells which address the client takes (sessions tie its transfers to it)
            int asked = addressOption(p, DhcpOption.REQUESTED_IP);
            event(p, c, null, asked != 0 ? asked : p.ciaddr, null, "REQUEST is for the DHCP server");
            return null;
        }
        return proxyReply(p, c, DhcpOption.OFFER);
    }

    /** Port 4011: the PXE client's follow-up request to the boot server, answered directly. */
    private DhcpPacket proxyRequest(DhcpPacket p, ClientInfo c) {
        int type = p.messageType();
        if (type != DhcpOption.REQUEST && type != DhcpOption.INFORM) return null;
        return proxyReply(p, c, DhcpOption.ACK);
    }

    private DhcpPacket proxyReply(DhcpPacket p, ClientInfo c, int type) {
        NetIface nif = iface;
        DhcpPacket r = base(p, type, nif);
        r.ciaddr = p.ciaddr;
        String file = boot(r, c, nif, false);
        if (file == null) {
            event(p, c, null, p.ciaddr, null, note.get());
            return null;
        }
        if (!r.has(DhcpOption.VENDOR_CLASS)) r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
        byte[] guid = p.option(DhcpOption.CLIENT_GUID);
        if (guid != null) r.put(DhcpOption.CLIENT_GUID, guid);
        if (!r.has(DhcpOption.VENDOR_SPECIFIC)) r.put(DhcpOption.VENDOR_SPECIFIC, new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255});
        event(p, c, type, p.ciaddr, file, "proxyDHCP: " + note.get());
        return r;
    }

    private void event(DhcpPacket p, ClientInfo c, Integer replyType, int address, String file, String why) {
        boolean proxy = config.mode() == DhcpMode.PROXY || onProxyPort.get();
        DhcpEvent e = new DhcpEvent(Instant.now(), config.iface(), c.mac(), p.xid, DhcpOption.typeName(p.messageType()),
                replyType == null ? null : DhcpOption.typeName(replyType), c.firmware(), c.vendorClass(), c.userClass(), c.ipxe(),
                address == 0 ? null : Ipv4.fromInt(address), file, proxy, why);
        deferred.get().add(new Deferred(e, c, p.xid));
    }

    private void publishDeferred() {
        List<Deferred> list = deferred.get();
        if (list.isEmpty()) return;
        for (Deferred x : list) {
            if (log.isInfoEnabled()) log.info(exchangeLine(x.event(), x.client(), x.xid()));
            bus.publish(x.event());
        }
        list.clear();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The exchange's log line, built once from the event (no format string to parse, no String.format). */
    static String exchangeLine(DhcpEvent e, ClientInfo c, long xid) {
        StringBuilder b = new StringBuilder(128);
        b.append(e.request()).append(' ').append(c.mac()).append(' ').append(c.firmware().label());
        if (c.isIpxe()) {
            b.append(" iPXE");
            if (c.ipxe() != null && c.ipxe().version() != null) b.append(' ').append(c.ipxe().version());
        }
        b.append(" xid=");
        for (int shift = 28; shift >= 0; shift -= 4) b.append(HEX[(int) (xid >>> shift) & 0xf]);
        b.append(" -> ").append(e.reply() == null ? "no reply" : e.reply());
        if (e.address() != null) b.append(' ').append(e.address().getHostAddress());
        if (e.bootFile() != null) b.append(" file=").append(e.bootFile());
        if (e.note() != null) b.append(" (").append(e.note()).append(')');
        return b.toString();
    }

    private void publish(ServiceEvent.State state, String detail) {
        bus.publish(new ServiceEvent(Instant.now(), serviceName(), state, detail));
    }

    private void closeSockets() {
        synchronized (sockets) {
            sockets.forEach(UdpSocket::close);
            sockets.clear();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (probe != null) probe.close();
        closeSockets();
        if (supervisor != null) {
            supervisor.interrupt();
            try {
                supervisor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
