package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceProblem;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.SocketBindException;
import dev.bootbench.engine.net.UdpSocket;
import java.io.IOException;
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
 * <p>This class keeps the service up and moves the packets: its sockets are tied to the interface, so a
 * request arriving on any other interface is never seen; while the interface is missing, down or without
 * an IPv4 address it retries every two seconds and resumes when the interface returns. What each request
 * is answered is the {@link DhcpResponder}'s decision.
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
    private final DhcpResponder responder;
    private final EventBus bus;
    private final LeasePool pool; // null in proxy mode
    private final Counters counters = new Counters();
    private final MacAddress probeMac;
    private final BootCore boot;
    /** The made-up exchanges that get the path compiled ran (once per start, see {@link DhcpWarmup}). */
    private boolean warmedUp;
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
        this.bus = bus;
        this.pool = pool;
        this.probeMac = OtherServerProbe.probeMac(config.iface());
        this.boot = boot;
        this.responder = new DhcpResponder(config, boot, pool, probeMac);
        this.log = LoggerFactory.getLogger(serviceName().id());
    }

    private volatile boolean failed;

    /** Could not listen for a reason that retrying does not fix; the ServiceEvent and log say why. */
    public boolean failed() {
        return failed;
    }

    public Counters counters() {
        return counters;
    }

    public ServiceName serviceName() {
        return config.mode() == DhcpMode.PROXY ? ServiceName.PROXY_DHCP : ServiceName.DHCP;
    }

    /** Starts the supervisor and waits (briefly) for the first attempt to listen, so errors show at once. */
    public void start() throws InterruptedException {
        running = true;
        supervisor = new Thread(this::supervise, serviceName().id() + "-" + config.iface());
        supervisor.setDaemon(true);
        supervisor.start();
        firstAttempt.await(10, TimeUnit.SECONDS);
    }

    private void supervise() {
        String lastProblem = null;
        while (running) {
            Optional<NetIface> found = NetIface.find(config.iface(), config.wantedAddress());
            String problem = null;
            ServiceProblem kind = ServiceProblem.NONE;
            boolean saysWhatToDo = false;
            if (found.isEmpty()) {
                problem = "interface " + config.iface() + " not found";
                kind = ServiceProblem.NO_SUCH_INTERFACE;
            } else if (!found.get().up()) {
                problem = "interface " + config.iface() + " is down";
                kind = ServiceProblem.INTERFACE_DOWN;
            } else if (found.get().address() == null) {
                problem = config.wantedAddress() != null
                        ? "interface " + config.iface() + " does not have address " + config.wantedAddress().getHostAddress()
                        : "interface " + config.iface() + " has no IPv4 address";
                kind = ServiceProblem.NO_ADDRESS;
            }
            if (problem == null) {
                try {
                    listen(found.get());
                    lastProblem = null;
                } catch (SocketBindException e) {
                    problem = e.getMessage();
                    kind = ServiceProblem.of(e.reason());
                    saysWhatToDo = e.saysWhatToDo();
                    if (e.reason() != SocketBindException.Reason.NO_DEVICE) {
                        publish(ServiceEvent.State.FAILED, problem, kind, saysWhatToDo);
                        log.error("{}", problem);
                        failed = true;
                        firstAttempt.countDown();
                        running = false;
                        return;
                    }
                } catch (IOException e) {
                    problem = e.getMessage();
                    kind = ServiceProblem.OTHER;
                }
            }
            if (!running) break;
            if (problem != null) {
                if (!problem.equals(lastProblem)) {
                    log.warn("{}; retrying every {} s until it is back", problem, RETRY_MILLIS / 1000);
                    publish(ServiceEvent.State.RETRYING, problem, kind, saysWhatToDo);
                    lastProblem = problem;
                }
                firstAttempt.countDown();
                sleep(RETRY_MILLIS);
            }
        }
        publish(ServiceEvent.State.STOPPED, ""); // the state says it all
    }

    /** The interface whose address and subnet the replies carry. */
    void serveOn(NetIface nif) {
        this.iface = nif;
    }

    /** Opens the sockets and serves until the interface goes away or the server stops. */

    private void listen(NetIface nif) throws IOException {
        if (!warmedUp) {
            warmedUp = true;
            DhcpWarmup.runNow(config, boot, pool, nif, probeMac);
        }
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
            Thread t = new Thread(() -> receiveLoop(s), serviceName().id() + "-rx-" + s.localPort());
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

    /**
     * Packets a receive thread answers before it logs and publishes what they did (see {@link #receiveLoop}): at most
     * this many exchanges' events wait, the time to answer that many packets.
     */
    static final int ANSWER_FIRST = 16;

    /**
     * Receives and answers until the server stops. When packets are already waiting (a rack powered on at once:
     * sixteen DISCOVERs in one go), each is answered before any of them is logged and published, so the last one's
     * answer does not wait for the log lines and the sessions' work of those before it; then their lines and events
     * follow, in the order the packets came, on this same thread. One packet alone is answered, logged and published
     * as before.
     */
    private void receiveLoop(UdpSocket s) {
        byte[] buf = new byte[DhcpPacket.MAX_LENGTH];
        List<DhcpEvent> answered = new ArrayList<>();
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
                answerOne(s, buf, d, answered);
                for (int n = 1; n < ANSWER_FIRST && (d = s.receiveNow(buf)) != null; n++) answerOne(s, buf, d, answered);
            } catch (IOException e) {
                if (running && sockets.contains(s)) log.debug("receive stopped: {}", e.getMessage());
                return;
            } finally {
                report(answered);
                answered.clear();
            }
        }
    }

    /**
     * Serves {@code s} on the calling thread until receiving from it fails: what each receive thread of a listening
     * server does.
     */
    void receiveFrom(UdpSocket s) {
        running = true;
        receiveLoop(s);
    }

    private void answerOne(UdpSocket s, byte[] buf, UdpSocket.Datagram d, List<DhcpEvent> answered) {
        try {
            answer(s, buf, d, answered);
        } catch (RuntimeException e) {
            counters.errors.incrementAndGet();
            log.error("error handling a packet from {}:{}: {}", d.source().getHostAddress(), d.port(), e.toString(), e);
        }
    }

    /**
     * Answers one packet, then logs and publishes what it did (the exchange's log line and event, which feed the
     * sessions, the UI and the log), so that their cost never delays the client.
     */
    void handle(UdpSocket s, byte[] buf, UdpSocket.Datagram d) {
        List<DhcpEvent> answered = new ArrayList<>(2);
        try {
            answer(s, buf, d, answered);
        } finally {
            report(answered);
        }
    }

    /** Answers one packet; its events are added to {@code answered}, even when answering it failed half way. */
    private void answer(UdpSocket s, byte[] buf, UdpSocket.Datagram d, List<DhcpEvent> answered) {
        counters.received.incrementAndGet();
        DhcpPacket p;
        try {
            p = DhcpPacket.decode(buf, 0, d.length());
        } catch (MalformedPacketException e) {
            counters.malformed.incrementAndGet();
            log.debug("dropped a malformed packet from {}:{}: {}", d.source().getHostAddress(), d.port(), e.getMessage());
            return;
        }
        DhcpResponder.Answer a = responder.answer(p, iface, new DhcpResponder.Arrival(s.localPort() == config.proxyPort(), d.source(), d.port()));
        try {
            switch (a.outcome()) {
                case NOT_A_REQUEST -> counters.notRequests.incrementAndGet(); // replies (ours coming back, or another server's) are not for us
                case IGNORED -> counters.ignored.incrementAndGet();
                case SILENT -> { }
                case REPLY -> {
                    byte[] out = a.reply().encode();
                    try {
                        s.send(out, out.length, a.destination(), a.port());
                        counters.answered.incrementAndGet();
                    } catch (IOException e) {
                        counters.errors.incrementAndGet();
                        log.warn("could not send {} to {}: {}", DhcpMessageType.of(a.reply().messageType()), p.mac(), e.getMessage());
                    }
                }
            }
        } finally {
            answered.addAll(a.events());
        }
    }

    /** The exchanges' log lines and events, in the order they were answered. */
    private void report(List<DhcpEvent> answered) {
        for (DhcpEvent e : answered) {
            if (log.isInfoEnabled()) log.info(exchangeLine(e));
            bus.publish(e);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The exchange's log line, built once from the event (no format string to parse, no String.format). */
    static String exchangeLine(DhcpEvent e) {
        StringBuilder b = new StringBuilder(128);
        b.append(e.request()).append(' ').append(e.mac()).append(' ').append(e.firmware().label());
        if (e.isIpxe()) {
            b.append(" iPXE");
            if (e.ipxe() != null && e.ipxe().version() != null) b.append(' ').append(e.ipxe().version());
        }
        long xid = e.xid();
        b.append(" xid=");
        for (int shift = 28; shift >= 0; shift -= 4) b.append(HEX[(int) (xid >>> shift) & 0xf]);
        b.append(" -> ").append(e.reply() == null ? "no reply" : e.reply());
        if (e.address() != null) b.append(' ').append(e.address().getHostAddress());
        if (e.bootFile() != null) b.append(" file=").append(e.bootFile());
        if (e.note() != null) b.append(" (").append(e.note()).append(')');
        return b.toString();
    }

    private void publish(ServiceEvent.State state, String detail) {
        publish(state, detail, ServiceProblem.NONE, false);
    }

    private void publish(ServiceEvent.State state, String detail, ServiceProblem problem, boolean detailSaysWhatToDo) {
        bus.publish(new ServiceEvent(Instant.now(), serviceName(), state, detail, problem, detailSaysWhatToDo));
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
