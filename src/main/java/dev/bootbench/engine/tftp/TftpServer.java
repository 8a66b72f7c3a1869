package dev.bootbench.engine.tftp;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceProblem;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.files.GeneratedFiles;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.files.TransferReporter;
import dev.bootbench.engine.net.DeviceBinding;
import dev.bootbench.engine.net.SocketBindException;
import dev.bootbench.engine.net.MacAddress;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootbench's TFTP server: read requests only (RFC 1350), with option negotiation (RFC 2347) of
 * blksize (RFC 2348), tsize and timeout (RFC 2349) and windowsize (RFC 7440).
 *
 * <p>One socket listens on (bind address, port); every transfer gets a new socket bound to (the same
 * address, port 0) and a thread of its own from a bounded pool. Files are looked up with the shared
 * {@link PathResolver} and read through the shared {@link OpenFiles}; a name the root lacks may be one the
 * {@link GeneratedFiles} make for the client (GRUB's {@code grub/grub.cfg}). Each transfer publishes
 * {@link dev.bootbench.engine.TransferEvent}s on the bus and logs one line on logger {@code tftp}
 * when it ends.
 *
 * <p>Use: {@code new TftpServer(config, bus, clients, files)}, {@link #start()} (binds, throws when
 * the port cannot be had), {@link #close()} (stops listening and ends running transfers).
 */
public final class TftpServer implements AutoCloseable {
    static final Logger log = LoggerFactory.getLogger("tftp");

    /**
     * @param bindAddress   where to listen (the bench address; 0.0.0.0 listens everywhere and lets the
     *                      kernel pick each transfer's source address)
     * @param port          UDP port, 69 normally; 0 picks a free one (tests)
     * @param maxTransfers  transfers at once; further requests get "server busy"
     * @param maxBlockSize  largest blksize granted (RFC 2348 allows up to 65464)
     * @param windowBudget  most payload bytes in flight: windowsize is cut to budget / blksize
     * @param maxWindow     most blocks in flight, whatever the budget
     * @param initialTimeout first retransmission timeout, before the round trip is measured
     * @param minTimeout     retransmission timeout floor once measured
     * @param maxTimeout     retransmission timeout ceiling (backoff doubles up to it)
     * @param stallTimeout   a transfer whose client acknowledges nothing new for this long is given up
     * @param poll           how long a transfer polls its socket for the client's answer before it sleeps
     *                       until the answer comes, when the client has been answering within that time
     *                       (0: never). On a fast link a lock-step block takes a few tens of microseconds,
     *                       about what sleeping and being woken again costs (more in a virtual machine,
     *                       where waking an idle CPU goes through the hypervisor): polling takes that
     *                       cost out of every block. A steady client further away, up to 5 ms (a
     *                       window's ACK at 1 ms RTT), whose round trips vary by less than this, is
     *                       slept for until this long before its answer is due (the last burst's start
     *                       plus the measured round trip), or until the answer if it comes earlier,
     *                       and polled for until this long after: the answer finds the transfer awake.
     *                       A jittery one (firmware under emulation) is only slept for, by a sleep
     *                       that its answer ends. Whether polling pays at all is measured per client
     *                       ({@link PollChoice}): a client that needs the CPU we would spin on (firmware
     *                       under QEMU on this machine) answers later when polled for, and is slept for.
     * @param pollers        at most this many transfers poll at once: polling keeps a CPU busy, and the
     *                       client and everything else need the others
     * @param maxPerClient   transfers at once from one client address; further requests from it get
     *                       "too many transfers", so that one host cannot take every slot
     * @param device         the bench interface the listener is tied to (Linux: only requests arriving
     *                       through it are seen, see {@link DeviceBinding}); null: the address only
     */
    public record Config(InetAddress bindAddress, int port, PathResolver paths, int maxTransfers, int maxBlockSize,
                         int windowBudget, int maxWindow, Duration initialTimeout, Duration minTimeout,
                         Duration maxTimeout, Duration stallTimeout, Duration poll, int pollers, int maxPerClient, String device) {
        /** As the canonical constructor, with the default per-client limit and no interface. */
        public Config(InetAddress bindAddress, int port, PathResolver paths, int maxTransfers, int maxBlockSize,
                      int windowBudget, int maxWindow, Duration initialTimeout, Duration minTimeout,
                      Duration maxTimeout, Duration stallTimeout, Duration poll, int pollers) {
            this(bindAddress, port, paths, maxTransfers, maxBlockSize, windowBudget, maxWindow, initialTimeout, minTimeout,
                    maxTimeout, stallTimeout, poll, pollers, DEFAULT_MAX_PER_CLIENT, null);
        }

        public Config {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(paths, "paths");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("TFTP port must be 0..65535, not " + port);
            if (maxTransfers < 1) throw new IllegalArgumentException("maxTransfers must be at least 1");
            if (maxBlockSize < 512 || maxBlockSize > 65464) throw new IllegalArgumentException("maxBlockSize must be 512..65464");
            if (windowBudget < 512 || maxWindow < 1 || maxWindow > 65535) throw new IllegalArgumentException("bad window limits");
            Objects.requireNonNull(poll, "poll");
            if (poll.isNegative() || pollers < 0) throw new IllegalArgumentException("poll time and pollers cannot be negative");
            if (maxPerClient < 1) throw new IllegalArgumentException("maxPerClient must be at least 1");
        }

        /**
         * The defaults: 512 transfers ({@value TftpServer#DEFAULT_MAX_PER_CLIENT} from one client), blksize up to 65464, 64 KiB and 64 blocks in flight, 1 s / 50 ms / 5 s
         * timeouts, 20 s stall; polling for answers that come within 200 µs, by one transfer per CPU
         * but one.
         */
        public static Config of(InetAddress bindAddress, int port, PathResolver paths) {
            return new Config(bindAddress, port, paths, 512, 65464, 65536, 64, Duration.ofSeconds(1),
                    Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(20), DEFAULT_POLL,
                    Math.max(0, Runtime.getRuntime().availableProcessors() - 1), DEFAULT_MAX_PER_CLIENT, null);
        }

        public Config withStallTimeout(Duration stall) {
            return new Config(bindAddress, port, paths, maxTransfers, maxBlockSize, windowBudget, maxWindow,
                    initialTimeout, minTimeout, maxTimeout, stall, poll, pollers, maxPerClient, device);
        }

        public Config withMaxTransfers(int n) {
            return new Config(bindAddress, port, paths, n, maxBlockSize, windowBudget, maxWindow,
                    initialTimeout, minTimeout, maxTimeout, stallTimeout, poll, pollers, maxPerClient, device);
        }

        public Config withPolling(Duration time, int transfers) {
            return new Config(bindAddress, port, paths, maxTransfers, maxBlockSize, windowBudget, maxWindow,
                    initialTimeout, minTimeout, maxTimeout, stallTimeout, time, transfers, maxPerClient, device);
        }

        /** Ties the listener to this interface (null or blank: the address only). */
        public Config withDevice(String iface) {
            return new Config(bindAddress, port, paths, maxTransfers, maxBlockSize, windowBudget, maxWindow,
                    initialTimeout, minTimeout, maxTimeout, stallTimeout, poll, pollers, maxPerClient,
                    iface == null || iface.isBlank() ? null : iface);
        }

        public Config withMaxPerClient(int n) {
            return new Config(bindAddress, port, paths, maxTransfers, maxBlockSize, windowBudget, maxWindow,
                    initialTimeout, minTimeout, maxTimeout, stallTimeout, poll, pollers, n, device);
        }
    }

    /** Transfers at once from one client address, by default: a booting machine runs one or two. */
    public static final int DEFAULT_MAX_PER_CLIENT = 16;

    /** 200 µs; {@code -Dbootbench.tftp.pollMicros=N} changes it (0 turns polling off), for measuring. */
    static final Duration DEFAULT_POLL = Duration.ofNanos(Long.getLong("bootbench.tftp.pollMicros", 200) * 1000L);

    /** What was agreed with the client. {@code oack} is empty when the client sent no option we take. */
    record Negotiated(int blockSize, int windowSize, int timeoutSeconds, boolean tsize, Map<String, String> oack) {}

    private final Config config;
    private final EventBus bus;
    private final ClientDirectory clients;
    private final OpenFiles files;
    private final GeneratedFiles generated;
    private final Map<SocketAddress, TftpTransfer> active = new ConcurrentHashMap<>();
    /** Transfers running (or about to) per client address; each admitted transfer is let go once, when it ends. */
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger threadIds = new AtomicInteger();
    /** What each client's transfers learned about polling for its answers (see {@link PollChoice}); the 256 latest clients. */
    private final Map<InetAddress, PollChoice> pollChoices = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, PollChoice> eldest) {
            return size() > 256;
        }
    };
    private volatile DatagramChannel listener;
    private DeviceBinding deviceBinding;
    private volatile boolean closed;
    private ThreadPoolExecutor pool;
    private Thread listenThread;
    private long lastBadPacketLog = System.nanoTime() - 1_000_000_000L;
    private int badPacketsUnlogged;

    public TftpServer(Config config, EventBus bus, ClientDirectory clients, OpenFiles files) {
        this(config, bus, clients, files, GeneratedFiles.NONE);
    }

    /** @param generated files made for each client when the root does not have them (GRUB's grub.cfg), or null: none */
    public TftpServer(Config config, EventBus bus, ClientDirectory clients, OpenFiles files, GeneratedFiles generated) {
        this.config = Objects.requireNonNull(config);
        this.bus = Objects.requireNonNull(bus);
        this.clients = clients != null ? clients : ClientDirectory.NONE;
        this.files = files != null ? files : new OpenFiles();
        this.generated = generated != null ? generated : GeneratedFiles.NONE;
    }

    public Config config() {
        return config;
    }

    /** Binds the listening socket and starts serving. */
    public synchronized void start() throws IOException {
        if (listener != null) throw new IllegalStateException("already started");
        if (closed) throw new IllegalStateException("closed");
        InetSocketAddress where = new InetSocketAddress(config.bindAddress(), config.port());
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.STARTING, "udp " + hostPort(where)));
        DatagramChannel ch = openChannel(config.bindAddress());
        try {
            ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
            ch.bind(where);
        } catch (IOException e) {
            ch.close();
            SocketBindException.Reason reason = SocketBindException.reasonOfJdk(e);
            String why = "cannot listen on udp " + hostPort(where) + ": " + e.getMessage()
                    + (reason == SocketBindException.Reason.NO_PRIVILEGE ? ": " + SocketBindException.PRIVILEGE_ADVICE : "");
            bus.publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.FAILED, why, ServiceProblem.of(reason)));
            throw new SocketBindException(reason, why, false, e);
        }
        if (config.device() != null) deviceBinding = DeviceBinding.tie(ch, config.device(), log);
        TftpWarmup.runNow(this); // bound (a port taken is known at once), not yet listening: requests wait in the socket
        listener = ch;
        pool = new ThreadPoolExecutor(0, config.maxTransfers(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "tftp-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        listenThread = new Thread(this::listen, "tftp-listen");
        listenThread.setDaemon(true);
        listenThread.start();
        String detail = "udp " + hostPort(address()) + ", root " + config.paths().root()
                + (config.paths().caseInsensitive() ? " (case-insensitive)" : "");
        log.info("listening on {}", detail);
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.LISTENING, detail));
    }

    /** Where it listens (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        try {
            DatagramChannel ch = listener;
            return ch == null ? null : (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    public int port() {
        InetSocketAddress a = address();
        return a == null ? -1 : a.getPort();
    }

    public int activeTransfers() {
        return active.size();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) return;
            closed = true;
            t = listenThread;
        }
        if (deviceBinding != null) deviceBinding.close();
        DatagramChannel ch = listener;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a UDP socket cannot lose anything
            }
        }
        for (TftpTransfer tr : active.values()) tr.abort();
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) pool.shutdownNow();
                if (t != null) t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ch != null) {
            log.info("stopped");
            bus.publish(new ServiceEvent(Instant.now(), ServiceName.TFTP, ServiceEvent.State.STOPPED, ""));
        }
    }

    // ---- the listening loop ----

    private void listen() {
        ByteBuffer buf = ByteBuffer.allocate(TftpCodec.MAX_PACKET + 1);
        while (!closed) {
            InetSocketAddress from;
            try {
                buf.clear();
                from = (InetSocketAddress) listener.receive(buf);
                if (from == null) continue;
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException | RuntimeException e) {
                if (closed) break;
                log.warn("receive failed: {}", e.toString());
                continue;
            }
            buf.flip();
            try {
                handle(buf.array(), buf.limit(), from);
            } catch (RuntimeException e) {
                log.error("request from {} could not be handled: {}", hostPort(from), e.toString(), e);
            }
        }
    }

    private void handle(byte[] b, int len, InetSocketAddress from) {
        TftpPacket p;
        try {
            if (len > TftpCodec.MAX_PACKET) throw new TftpFormatException("datagram larger than any TFTP packet");
            p = TftpCodec.decode(b, 0, len);
        } catch (TftpFormatException e) {
            badPacket(from, e.getMessage());
            replyFromListener(from, TftpPacket.Errors.ILLEGAL_OPERATION, "malformed request: " + e.getMessage());
            return;
        }
        if (!(p instanceof TftpPacket.Request req)) {
            if (p instanceof TftpPacket.Error) return; // never answer an error
            badPacket(from, "unexpected " + p.getClass().getSimpleName() + " on the listening port");
            replyFromListener(from, TftpPacket.Errors.UNKNOWN_TID, "no transfer on this port: send a read request");
            return;
        }
        if (req.optionProblem() != null) badPacket(from, "request for " + PathResolver.printable(req.filename()) + ": " + req.optionProblem() + " (ignored)");
        TftpTransfer existing = active.get(from);
        // the client sent it again before our first answer reached it: one transfer is enough
        if (existing != null && existing.isSameRequest(req) && existing.duplicateRequest(req)) return;
        startTransfer(req, from);
    }

    void startTransfer(TftpPacket.Request req, InetSocketAddress from) {
        if (closed) return;
        TftpTransfer tr = transferOf(req, from, Transfer.nextId(), bus, log, null);
        if (!admit(from.getAddress())) {
            replyFromListener(from, TftpPacket.Errors.NOT_DEFINED, "too many transfers from " + from.getAddress().getHostAddress()
                    + " (" + config.maxPerClient() + " running), try again");
            tr.reporter().finish(TransferFinished.Outcome.DENIED, 0, "too many transfers from this client: " + config.maxPerClient() + " running");
            return;
        }
        active.put(from, tr);
        try {
            pool.execute(tr);
        } catch (RejectedExecutionException e) {
            active.remove(from, tr);
            letGo(from.getAddress());
            replyFromListener(from, TftpPacket.Errors.NOT_DEFINED, "server busy (" + config.maxTransfers() + " transfers running), try again");
            tr.reporter().finish(TransferFinished.Outcome.DENIED, 0, "server busy: " + config.maxTransfers() + " transfers running");
        }
    }

    /**
     * The transfer of a request, described for its events and log line (with the client's MAC when DHCP knows it).
     *
     * @param opener its socket, or null: a new one on the server's address
     */
    TftpTransfer transferOf(TftpPacket.Request req, InetSocketAddress from, long id, EventBus events, Logger logTo, TftpTransfer.Opener opener) {
        MacAddress mac = clients.macFor(from.getAddress()).orElse(null);
        Transfer t = new Transfer(id, Transfer.Protocol.TFTP, from, mac,
                PathResolver.printable(req.filename()), -1, 0, -1, 512, 1, (req.write() ? "WRQ " : "") + req.mode());
        TransferReporter reporter = new TransferReporter(events, logTo, t);
        return opener == null ? new TftpTransfer(this, req, from, reporter) : new TftpTransfer(this, req, from, reporter, opener);
    }

    /** Counts a transfer for its client unless that client has {@link Config#maxPerClient()} running already. */
    private boolean admit(InetAddress client) {
        boolean[] ok = {false};
        perClient.compute(client, (a, n) -> {
            int running = n == null ? 0 : n;
            if (running >= config.maxPerClient()) return n;
            ok[0] = true;
            return running + 1;
        });
        return ok[0];
    }

    private void letGo(InetAddress client) {
        perClient.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Whether polling pays for this client's answers, as its transfers so far measured it. */
    PollChoice pollChoice(InetAddress client) {
        synchronized (pollChoices) {
            return pollChoices.computeIfAbsent(client, a -> new PollChoice());
        }
    }

    /** Called once by every transfer that was admitted and ran, when it ends. */
    void ended(TftpTransfer tr, InetSocketAddress client) {
        active.remove(client, tr);
        letGo(client.getAddress());
    }

    private void replyFromListener(InetSocketAddress to, int code, String message) {
        try {
            DatagramChannel ch = listener;
            if (ch != null) ch.send(ByteBuffer.wrap(TftpCodec.encode(new TftpPacket.Error(code, message))), to);
        } catch (IOException e) {
            log.debug("cannot send error to {}: {}", to, e.toString());
        }
    }

    /** Logs bad packets, but no more than a few lines a second whatever a flood brings. */
    private void badPacket(InetSocketAddress from, String what) {
        int skipped;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastBadPacketLog < 200_000_000L) {
                badPacketsUnlogged++;
                return;
            }
            lastBadPacketLog = now;
            skipped = badPacketsUnlogged;
            badPacketsUnlogged = 0;
        }
        log.warn("bad packet from {}: {}{}", hostPort(from), what, skipped > 0 ? " (and " + skipped + " more bad packets not logged)" : "");
    }

    // ---- shared with transfers ----

    /**
     * A client whose round trips vary by at most this much (RFC 6298's RTTVAR, in nanoseconds) is steady
     * enough for its answers to be predicted (see {@link TftpTransfer}); -1: the polling time. Tests
     * raise it to take every wait through the prediction.
     */
    volatile long steadyWithin = -1;

    long steadyWithinNanos() {
        long s = steadyWithin;
        return s >= 0 ? s : config.poll().toNanos();
    }

    OpenFiles files() {
        return files;
    }

    GeneratedFiles generated() {
        return generated;
    }

    boolean isClosed() {
        return closed;
    }

    /** A socket for one transfer: the listening address, any port. */
    DatagramChannel openTransferChannel() throws IOException {
        DatagramChannel ch = openChannel(config.bindAddress());
        try {
            ch.bind(new InetSocketAddress(config.bindAddress(), 0));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static DatagramChannel openChannel(InetAddress a) throws IOException {
        return DatagramChannel.open(a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    }

    static String hostPort(InetSocketAddress a) {
        if (a == null) return "?";
        String h = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /**
     * Settles the options (RFC 2347): blksize 8..65464 (cut to our maximum), tsize (answered with the
     * size when it is known), timeout 1..255 s, windowsize 1..65535 (cut so that at most the window
     * budget is in flight). Options with values out of range or not numbers, and unknown options,
     * are left out of the OACK, which RFC 2347 allows.
     */
    static Negotiated negotiate(Map<String, String> options, long size, Config c) {
        int blk = 512;
        int win = 1;
        int timeout = 0;
        boolean tsize = false;
        boolean wantWindow = false;
        int askedWindow = 1;
        boolean blkAccepted = false;
        for (var e : options.entrySet()) {
            long v = number(e.getValue());
            switch (e.getKey()) {
                case "blksize" -> {
                    if (v >= 8) {
                        blk = (int) Math.min(v, c.maxBlockSize());
                        blkAccepted = true;
                    }
                }
                case "tsize" -> tsize = v >= 0 && size >= 0;
                case "timeout" -> {
                    if (v >= 1 && v <= 255) timeout = (int) v;
                }
                case "windowsize" -> {
                    if (v >= 1 && v <= 65535) {
                        wantWindow = true;
                        askedWindow = (int) v;
                    }
                }
                default -> { }
            }
        }
        if (wantWindow) win = Math.max(1, Math.min(askedWindow, Math.min(c.maxWindow(), c.windowBudget() / blk)));
        Map<String, String> oack = new LinkedHashMap<>();
        // answer in the client's order
        for (String name : options.keySet()) {
            switch (name) {
                case "blksize" -> { if (blkAccepted) oack.put(name, Integer.toString(blk)); }
                case "tsize" -> { if (tsize) oack.put(name, Long.toString(size)); }
                case "timeout" -> { if (timeout > 0) oack.put(name, Integer.toString(timeout)); }
                case "windowsize" -> { if (wantWindow) oack.put(name, Integer.toString(win)); }
                default -> { }
            }
        }
        return new Negotiated(blk, win, timeout, tsize, oack);
    }

    /** A decimal number of at most 10 digits, or -1. */
    private static long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) return -1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        return Long.parseLong(s);
    }
}
