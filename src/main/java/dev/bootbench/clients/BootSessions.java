package dev.bootbench.clients;

import dev.bootbench.clients.BootSession.SessionTransfer;
import dev.bootbench.clients.BootSession.StageReached;
import dev.bootbench.clients.BootSession.TimelineEntry;
import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferEvent;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.DhcpMessageType;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.files.TransferReporter;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Folds the engine's events into one boot session per client: DHCP exchanges, TFTP and HTTP
 * transfers (tied to the client's MAC by the transfer's own MAC, the addresses DHCP handed out, or
 * the {@link ClientDirectory}) and stage beacons.
 *
 * <p>A new session begins when a client that already got somewhere starts over with a DHCP
 * DISCOVER: when its session reached SCRIPT or later (or FAILED), when a DISCOVER that is not
 * iPXE's comes after iPXE's own DHCP or after the boot program was fully fetched (the machine
 * restarted), or when the session has been idle for {@link #IDLE_RESTART}. iPXE's DISCOVER after
 * the boot program stays in the same session. Clients whose MAC cannot be known get a session per
 * IP address.
 *
 * <p>Memory is bounded whatever clients send (a request with a new {@code ?mac=} makes a session):
 * at most {@value #MAX_CURRENT} current sessions, and a session idle for {@link #FORGET_AFTER} is
 * retired; a retired session (the least recently active first, when there are too many) moves to the
 * history of the last {@value #MAX_HISTORY}, and what is known of its client's address goes with it.
 *
 * <p>Thread-safe. {@link #snapshot()} gives immutable records; listeners are told of every change.
 */
public final class BootSessions {
    public static final Duration IDLE_RESTART = Duration.ofMinutes(10);
    static final int MAX_HISTORY = 200;
    static final int MAX_ENTRIES = 2000;
    /** Most current sessions kept; beyond, the least recently active is retired. */
    static final int MAX_CURRENT = 1000;
    /** A session with no event for this long is retired (into the history). */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final ClientDirectory directory;
    /** By client; in access order, so that the first is the least recently active. */
    private final Map<String, Session> current = new LinkedHashMap<>(16, 0.75f, true);
    private final ArrayDeque<Session> history = new ArrayDeque<>();
    /** Addresses DHCP gave: the most recent few thousand (older ones belong to retired sessions or to the lease pool). */
    private final Map<InetAddress, MacAddress> ipToMac = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, MacAddress> eldest) {
            return size() > 4 * MAX_CURRENT;
        }
    };
    private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private long ids;
    /** The last boot number of each client seen lately (a client's boots are numbered from 1, across its sessions). */
    private final LinkedHashMap<MacAddress, Integer> bootsByMac = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MacAddress, Integer> eldest) {
            return size() > 4 * MAX_CURRENT;
        }
    };
    /** The time snapshots are taken at (a client silent since loading iPXE is advised about in them). */
    java.time.Clock clock = java.time.Clock.systemUTC();

    public BootSessions(ClientDirectory directory) {
        this.directory = directory != null ? directory : ClientDirectory.NONE;
    }

    /** Folds every event of the bus from now on; close the result to stop. */
    public AutoCloseable attach(EventBus bus) {
        return bus.subscribe(this::accept);
    }

    public AutoCloseable addListener(SessionListener l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    /**
     * Every session, current and past (the last {@value #MAX_HISTORY}), oldest first; a current one silent since it
     * loaded iPXE with its advice ({@link BootSession#hint(Instant)}) as of now.
     */
    public synchronized List<BootSession> snapshot() {
        List<BootSession> all = new ArrayList<>();
        Instant now = clock.instant();
        for (Session s : history) all.add(s.toRecord(false));
        for (Session s : current.values()) all.add(withHintAsOf(s.toRecord(true), now));
        all.sort(Comparator.comparingLong(BootSession::id));
        return all;
    }

    /** The current session of a client. */
    public synchronized Optional<BootSession> current(MacAddress mac) {
        Session s = current.get(key(mac, null));
        return s == null ? Optional.empty() : Optional.of(withHintAsOf(s.toRecord(true), clock.instant()));
    }

    private static BootSession withHintAsOf(BootSession b, Instant now) {
        String h = b.hint(now);
        if (java.util.Objects.equals(h, b.hint())) return b;
        return new BootSession(b.id(), b.mac(), b.address(), b.started(), b.updated(), b.firmware(), b.vendorClass(), b.ipxe(), b.bootFile(),
                b.scriptFile(), b.stage(), b.stages(), b.transfers(), b.timeline(), b.current(), b.failures(), b.dhcpSeen(), b.thisHost(), b.boot(), b.path(), h);
    }

    public void accept(EngineEvent e) {
        if (e instanceof DhcpEvent d) dhcp(d);
        else if (e instanceof TransferEvent t) transfer(t);
        else if (e instanceof StageBeacon b) beacon(b);
    }

    // ---- DHCP ----

    private synchronized void dhcp(DhcpEvent d) {
        if (d.mac() == null) return;
        // an address we gave, or (proxy mode) the one the client asks the other DHCP server for
        if (d.address() != null && (d.reply() != null || d.request() == DhcpMessageType.REQUEST)) ipToMac.put(d.address(), d.mac());
        String key = key(d.mac(), null);
        Session s = current.get(key);
        boolean discover = d.request() == DhcpMessageType.DISCOVER;
        if (d.reply() == null && s == null) return; // a client we do not serve, or not yet: no session for silence
        if (s == null || discover && restarts(s, d)) {
            int failures = s == null ? 0 : s.failures;
            String hint = s == null ? null : hintAfter(s);
            if (s != null) {
                if (hint != null && s.hint == null) s.hint = hint;
                retire(key, s);
            }
            s = new Session(++ids, d.mac(), d.time());
            s.boot = nextBoot(d.mac());
            s.failures = failures; // a failed boot's count goes on into the next try, until one gets through
            s.hint = hint;
            current.put(key, s);
            forgetIdle(d.time());
            if (hint != null) s.log(d.time(), TimelineKind.HINT, null, hint, true);
        }
        s.touch(d.time());
        s.dhcpSeen = true;
        if (d.address() != null) s.address = d.address().getHostAddress();
        boolean ipxe = d.isIpxe();
        if (d.firmware() != null && d.firmware() != Firmware.UNKNOWN && (s.firmware == null || !ipxe)) s.firmware = d.firmware();
        if (s.firmware == null && d.firmware() != null) s.firmware = d.firmware();
        if (s.vendorClass == null && d.vendorClass() != null) s.vendorClass = d.vendorClass();
        if (d.ipxe() != null) s.ipxe = d.ipxe();
        StringBuilder text = new StringBuilder(d.request() == null ? "?" : d.request().name());
        if (d.reply() != null) text.append(" -> ").append(d.reply());
        else text.append(" (not answered)");
        if (d.address() != null) text.append(' ').append(d.address().getHostAddress());
        if (d.proxy()) text.append(" (proxy)");
        if (d.bootFile() != null && d.reply() != null) text.append(", boot file ").append(d.bootFile());
        if (ipxe) text.append(" [iPXE").append(d.ipxe() != null && d.ipxe().version() != null ? " " + d.ipxe().version() : "").append(']');
        if (d.note() != null && !d.note().isEmpty()) text.append(" (").append(d.note()).append(')');
        s.log(d.time(), TimelineKind.DHCP, null, text.toString(), d.reply() == DhcpMessageType.NAK);
        List<StageReached> reached = new ArrayList<>();
        if (d.reply() != null && d.reply() != DhcpMessageType.NAK) {
            // iPXE that was given the script (a URL); iPXE given a boot program (the iPXE rule off, e.g.
            // QEMU's ROM sent to pxelinux) is at its firmware stage like any PXE ROM
            if (ipxe && (d.bootFile() == null || givesScript(d.bootFile()))) {
                if (d.bootFile() != null) s.scriptFile = d.bootFile();
                if (s.firmwareDhcp || s.reached(Stage.BOOT_PROGRAM)) s.reach(Stage.IPXE_DHCP, d.time(), "iPXE" + (d.ipxe() != null && d.ipxe().version() != null ? " " + d.ipxe().version() : ""), reached);
                else s.reach(Stage.DHCP, d.time(), "iPXE firmware", reached);
                s.ipxeDhcp = true;
            } else {
                if (d.bootFile() != null) s.bootFile = d.bootFile();
                s.firmwareDhcp = true;
                s.reach(Stage.DHCP, d.time(), s.firmware != null ? s.firmware.label() : null, reached);
            }
        }
        changed(s, reached);
    }

    /**
     * The advice a client's next session starts with: {@link BootSession#SECURE_BOOT_HINT} when this session was a
     * UEFI client that loaded iPXE and starts over without iPXE ever having done its own DHCP (its firmware refused to
     * run it, as Secure Boot does an unsigned ipxe.efi), or when this session had that advice and loaded no other boot
     * program since (the firmware trying its other boot options); else null.
     */
    private static String hintAfter(Session s) {
        if (s.firmware == null || !s.firmware.isUefi() || s.ipxeDhcp || s.reached(Stage.BOOTING) || s.reached(Stage.LOCAL)) return null;
        boolean ipxeLoaded = false, otherLoaded = false;
        for (Tx x : s.transfers.values()) {
            if (x.kind != FileKind.BOOT_PROGRAM || x.outcome != Outcome.OK) continue;
            if (BootSession.isIpxeProgram(x.transfer.file())) ipxeLoaded = true;
            else otherLoaded = true;
        }
        if (ipxeLoaded || s.hint != null && !otherLoaded) return BootSession.SECURE_BOOT_HINT;
        return null;
    }

    /** What iPXE clients are given as their script: a URL (the iPXE rule) or an .ipxe file. */
    private static boolean givesScript(String bootFile) {
        return bootFile.contains("://") || bootFile.toLowerCase(java.util.Locale.ROOT).endsWith(".ipxe");
    }

    private boolean restarts(Session s, DhcpEvent d) {
        if (s.reached(Stage.SCRIPT) || s.reached(Stage.KERNEL) || s.reached(Stage.INITRD) || s.reached(Stage.BOOTING) || s.reached(Stage.LOCAL)
                || s.reached(Stage.FAILED)) return true;
        // after the boot program, the PXE ROM asking again means the machine restarted; a plain DISCOVER
        // with no PXE options is the boot program's own network stack (syslinux.efi's firmware does one)
        boolean fromPxeRom = d.vendorClass() != null && d.vendorClass().startsWith("PXEClient")
                || d.firmware() != null && d.firmware() != Firmware.UNKNOWN;
        if (!d.isIpxe() && fromPxeRom && (s.ipxeDhcp || s.bootProgramDone)) return true;
        return Duration.between(s.updated, d.time()).compareTo(IDLE_RESTART) > 0;
    }

    // ---- transfers ----

    private synchronized void transfer(TransferEvent e) {
        Transfer t = e.transfer();
        InetAddress ip = t.client() == null ? null : t.client().getAddress();
        MacAddress mac = t.mac();
        if (mac == null && ip != null) mac = ipToMac.get(ip);
        if (mac == null && ip != null) mac = directory.macFor(ip).orElse(null);
        Session s = sessionFor(mac, ip, e.time());
        s.touch(e.time());
        if (s.address == null && ip != null) s.address = ip.getHostAddress();
        List<StageReached> reached = new ArrayList<>();
        Tx x = s.transfers.get(t.id());
        if (x == null) {
            FileKind kind = FileClassifier.classify(t, new FileClassifier.Context(s.bootFile, s.scriptFile,
                    s.reached(Stage.SCRIPT), s.reached(Stage.KERNEL), s.reached(Stage.INITRD)));
            x = new Tx(t, kind, e.time());
            // a disk image read by ranges: the timeline says so once, not once per range (sanboot reads hundreds)
            boolean quiet = kind == FileKind.DISK_IMAGE && s.rangeReads.merge(t.file(), 1, Integer::sum) > 1;
            if (s.transfers.size() < MAX_ENTRIES) s.transfers.put(t.id(), x);
            if (quiet) {
                // counted above
            } else if (kind == FileKind.DISK_IMAGE && e instanceof TransferStarted) {
                s.log(e.time(), TimelineKind.TRANSFER, t.protocol(), t.protocol() + " " + t.file() + " read by ranges ("
                        + (t.size() >= 0 ? TransferReporter.bytes(t.size()) : "size unknown") + " image; sanboot reads what the booted system asks for)", false);
            } else if (e instanceof TransferStarted) {
                s.log(e.time(), TimelineKind.TRANSFER, t.protocol(), t.protocol() + " " + t.file() + " started ("
                        + (t.size() >= 0 ? TransferReporter.bytes(t.size()) : "size unknown")
                        + (t.detail() != null && !t.detail().isEmpty() ? ", " + t.detail() : "") + ")", false);
                Stage st = switch (kind) {
                    case BOOT_PROGRAM -> Stage.BOOT_PROGRAM;
                    case SCRIPT -> Stage.SCRIPT;
                    case KERNEL -> Stage.KERNEL;
                    case INITRD -> Stage.INITRD;
                    case DISK_IMAGE, OTHER -> null;
                };
                if (st != null) s.reach(st, e.time(), t.protocol() + " " + t.file(), reached);
            }
        }
        x.transfer = t;
        if (e instanceof TransferProgress p) {
            x.bytesDone = p.bytesDone();
            x.lastTime = p.time();
        } else if (e instanceof TransferFinished f) {
            x.bytesDone = f.bytesDone();
            x.outcome = f.outcome();
            x.message = f.message();
            x.duration = f.duration();
            x.rate = f.averageRate();
            x.lastTime = f.time();
            String how = switch (f.outcome()) {
                case OK -> "ok, " + TransferReporter.bytes(f.bytesDone()) + String.format(Locale.ROOT, " in %.2f s", f.duration().toNanos() / 1e9)
                        + (f.bytesDone() > 0 ? ", " + TransferReporter.bytes((long) f.averageRate()) + "/s" : "");
                case ABORTED_AFTER_OACK -> "size asked only (aborted after OACK)";
                case NOT_FOUND -> "not found";
                case DENIED -> "refused: " + f.message();
                case FAILED -> "failed after " + TransferReporter.bytes(f.bytesDone()) + ": " + f.message();
            };
            boolean problem = switch (f.outcome()) {
                case NOT_FOUND, DENIED, FAILED -> true;
                case OK, ABORTED_AFTER_OACK -> false;
            };
            // the ranges of a disk image that went through: not one line each
            if (problem || !(x.kind == FileKind.DISK_IMAGE)) s.log(f.time(), TimelineKind.TRANSFER, t.protocol(), t.protocol() + " " + t.file() + " " + how, problem);
            if (x.kind == FileKind.BOOT_PROGRAM && f.outcome() == Outcome.OK) {
                s.bootProgramDone = true;
                if (!BootSession.isIpxeProgram(t.file())) s.hint = null; // another program (shim, GRUB) runs: the advice was taken
            }
            if (x.kind == FileKind.SCRIPT && f.outcome() == Outcome.OK && isIpxeScript(t.file(), s)) s.ipxeScriptLoaded = true;
            // An iPXE script made here reports "booting" itself (a beacon) just before it boots. pxelinux, syslinux.efi,
            // GRUB or a script of one's own cannot: for them, the kernel and an initrd loaded is as far as we can see.
            // U-Boot's pxe command loads the initrd first, then the kernel.
            if (x.kind == FileKind.INITRD && f.outcome() == Outcome.OK && !s.ipxeScriptLoaded && loaded(s, FileKind.KERNEL)
                    || x.kind == FileKind.KERNEL && f.outcome() == Outcome.OK && !s.ipxeScriptLoaded && loaded(s, FileKind.INITRD)
                    && !s.reached(Stage.BOOTING)) {
                s.reach(Stage.BOOTING, f.time(), "kernel and initrd loaded", reached);
            }
            boolean fatal = switch (f.outcome()) {
                case FAILED -> x.kind != FileKind.OTHER;
                case NOT_FOUND, DENIED -> x.kind == FileKind.BOOT_PROGRAM || x.kind == FileKind.KERNEL || x.kind == FileKind.INITRD;
                default -> false;
            };
            if (fatal) s.reach(Stage.FAILED, f.time(), t.file() + ": " + (f.message() != null ? f.message() : f.outcome().name().toLowerCase(Locale.ROOT)), reached);
        }
        changed(s, reached);
    }

    private static boolean isIpxeScript(String file, Session s) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".ipxe") || s.scriptFile != null && givesScript(s.scriptFile) && s.scriptFile.endsWith(file);
    }

    private static boolean loaded(Session s, FileKind kind) {
        for (Tx x : s.transfers.values()) if (x.kind == kind && x.outcome == Outcome.OK) return true;
        return false;
    }

    // ---- beacons ----

    private synchronized void beacon(StageBeacon b) {
        MacAddress mac = b.mac();
        if (mac == null && b.client() != null) mac = ipToMac.get(b.client());
        if (mac == null && b.client() != null) mac = directory.macFor(b.client()).orElse(null);
        Session s = sessionFor(mac, b.client(), b.time());
        s.touch(b.time());
        boolean failure = switch (b.stage()) {
            case "failed", "fail", "error" -> true;
            default -> false;
        };
        s.log(b.time(), TimelineKind.BEACON, null, "stage " + b.stage() + (b.detail() != null ? " (" + b.detail() + ")" : ""), failure);
        List<StageReached> reached = new ArrayList<>();
        switch (b.stage()) {
            case "booting", "boot" -> s.reach(Stage.BOOTING, b.time(), "the script boots what it loaded", reached);
            case "chain", "chained" -> s.reach(Stage.BOOTING, b.time(), "the script hands over to another program (chain)", reached);
            case "local", "exit" -> s.reach(Stage.LOCAL, b.time(), "left to the local disk", reached);
            case "failed", "fail", "error" -> {
                String why = b.detail() == null ? "the boot script reported a failure" : "iPXE error " + b.detail() + ipxeErrorLink(b.detail());
                if (!s.failReason(why)) s.reach(Stage.FAILED, b.time(), why, reached);
            }
            case "kernel" -> s.reach(Stage.KERNEL, b.time(), "beacon", reached);
            case "initrd" -> s.reach(Stage.INITRD, b.time(), "beacon", reached);
            case "script" -> s.reach(Stage.SCRIPT, b.time(), "beacon", reached);
            default -> { } // a stage of the script's own: in the timeline only
        }
        changed(s, reached);
    }

    /** iPXE explains each error number on a page of its own: the link, for a number that looks like one. */
    private static String ipxeErrorLink(String errno) {
        String hex = errno.startsWith("0x") ? errno.substring(2) : errno;
        return hex.matches("[0-9a-fA-F]{8}") ? " (https://ipxe.org/err/" + hex.toLowerCase(Locale.ROOT) + ")" : "";
    }

    // ---- bookkeeping ----

    private static String key(MacAddress mac, InetAddress ip) {
        if (mac != null) return mac.toString();
        return "ip:" + (ip == null ? "?" : ip.getHostAddress());
    }

    /** The next boot number of the client (1 for one not seen lately, or without a known MAC). */
    private int nextBoot(MacAddress mac) {
        if (mac == null) return 1;
        return bootsByMac.merge(mac, 1, Integer::sum);
    }

    private Session sessionFor(MacAddress mac, InetAddress ip, Instant time) {
        String key = key(mac, ip);
        Session s = current.get(key);
        if (s == null) {
            s = new Session(++ids, mac, time);
            s.boot = nextBoot(mac);
            if (ip != null) s.address = ip.getHostAddress();
            s.thisHost = ip != null && isThisHost(ip);
            current.put(key, s);
            forgetIdle(time);
        }
        return s;
    }

    /**
     * Retires sessions idle for {@link #FORGET_AFTER} (as of {@code now}, the newest event's time) and
     * the least recently active beyond {@link #MAX_CURRENT}. The first in access order is the least
     * recently active, so this looks at no more sessions than it retires, plus one.
     */
    private void forgetIdle(Instant now) {
        Instant limit = now.minus(FORGET_AFTER);
        var it = current.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (current.size() <= MAX_CURRENT && !e.getValue().updated.isBefore(limit)) break;
            it.remove();
            Session gone = e.getValue();
            if (gone.mac != null && gone.address != null) {
                try {
                    ipToMac.remove(InetAddress.getByName(gone.address), gone.mac); // the client is forgotten
                } catch (java.net.UnknownHostException | RuntimeException ex) {
                    // an address we wrote ourselves: always literal
                }
            }
            retired(gone);
        }
    }

    /** An address of this computer: loopback, or one of its interfaces' (a browser or curl beside Bootbench). */
    static boolean isThisHost(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) return true;
        try {
            return java.net.NetworkInterface.getByInetAddress(ip) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void retire(String key, Session s) {
        current.remove(key);
        retired(s);
    }

    private void retired(Session s) {
        history.addLast(s);
        while (history.size() > MAX_HISTORY) history.removeFirst();
        BootSession r = null;
        for (SessionListener l : listeners) {
            if (!l.followsEveryChange()) continue;
            if (r == null) r = s.toRecord(false);
            l.sessionChanged(r);
        }
    }

    private void changed(Session s, List<StageReached> reached) {
        BootSession r = null;
        for (SessionListener l : listeners) {
            if (reached.isEmpty() && !l.followsEveryChange()) continue;
            if (r == null) r = s.toRecord(true);
            try {
                for (StageReached st : reached) l.stageReached(r, st);
                if (l.followsEveryChange()) l.sessionChanged(r);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger("sessions").warn("session listener failed: {}", ex.toString(), ex);
            }
        }
    }

    private static final class Tx {
        Transfer transfer;
        final FileKind kind;
        final Instant startTime;
        Instant lastTime;
        long bytesDone;
        Outcome outcome;
        String message;
        Duration duration;
        double rate;

        Tx(Transfer t, FileKind kind, Instant start) {
            this.transfer = t;
            this.kind = kind;
            this.startTime = start;
            this.lastTime = start;
        }

        SessionTransfer toRecord(Instant sessionStart) {
            Duration d = duration != null ? duration : Duration.between(startTime, lastTime);
            double r = outcome != null ? rate : (d.toNanos() > 0 ? bytesDone / (d.toNanos() / 1e9) : 0);
            return new SessionTransfer(transfer.id(), transfer.protocol(), transfer.file(), kind, transfer.size(), transfer.length(),
                    bytesDone, Duration.between(sessionStart, startTime), d, r, outcome, message, transfer.detail());
        }
    }

    private static final class Session {
        /** ranges read of each disk image (sanboot), by file */
        final Map<String, Integer> rangeReads = new HashMap<>();
        final long id;
        final MacAddress mac;
        final Instant started;
        Instant updated;
        String address;
        Firmware firmware;
        String vendorClass;
        IpxeInfo ipxe;
        String bootFile;
        String scriptFile;
        boolean firmwareDhcp;
        boolean ipxeDhcp;
        boolean bootProgramDone;
        /** An iPXE script was loaded: it reports "booting" with a beacon, so the stage waits for that. */
        boolean ipxeScriptLoaded;
        /** Failures in a row, this boot's and the earlier boots' of the client that failed. */
        int failures;
        boolean dhcpSeen;
        boolean thisHost;
        int boot = 1;
        /** Advice the stages cannot give (see {@link BootSessions#hintAfter}), or null. */
        String hint;
        final List<StageReached> stages = new ArrayList<>();
        final LinkedHashMap<Long, Tx> transfers = new LinkedHashMap<>();
        // the timeline, kept compact (a server may hold thousands of sessions): offsets in ms, kinds, protocols,
        // texts, problems; TimelineEntry records are made only for snapshots
        private long[] timelineAt = new long[4];
        private TimelineKind[] timelineKind = new TimelineKind[4];
        private Transfer.Protocol[] timelineProtocol = new Transfer.Protocol[4];
        private String[] timelineText = new String[4];
        private boolean[] timelineProblem = new boolean[4];
        private int timelineSize;
        private List<TimelineEntry> timelineSnapshot; // reused by snapshots until the timeline grows

        Session(long id, MacAddress mac, Instant started) {
            this.id = id;
            this.mac = mac;
            this.started = started;
            this.updated = started;
        }

        void touch(Instant t) {
            if (t.isAfter(updated)) updated = t;
        }

        boolean reached(Stage s) {
            for (StageReached r : stages) if (r.stage() == s) return true;
            return false;
        }

        /**
         * Reaches a stage, once; after a failure the stages can be reached again (the client tries again, e.g. the
         * menu's entry chosen once more), and each failure counts.
         */
        void reach(Stage s, Instant t, String detail, List<StageReached> reachedNow) {
            int lastFailure = -1, lastSame = -1;
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).stage() == Stage.FAILED) lastFailure = i;
                if (stages.get(i).stage() == s) lastSame = i;
            }
            if (s == Stage.FAILED ? lastSame >= 0 && lastSame == stages.size() - 1 : lastSame >= 0 && lastSame > lastFailure) return;
            StageReached r = new StageReached(s, offset(t), detail);
            stages.add(r);
            reachedNow.add(r);
            if (s == Stage.FAILED) failures++;
            else if (s == Stage.BOOTING || s == Stage.LOCAL) failures = 0;
            log(t, TimelineKind.STAGE, null, s.name() + (detail != null ? " (" + detail + ")" : ""), s == Stage.FAILED);
        }

        /** The boot has just failed (its latest stage): adds {@code why} to that failure's reason. False when it has not. */
        boolean failReason(String why) {
            if (stages.isEmpty() || stages.get(stages.size() - 1).stage() != Stage.FAILED) return false;
            StageReached f = stages.get(stages.size() - 1);
            if (f.detail() == null || !f.detail().contains(why)) {
                stages.set(stages.size() - 1, new StageReached(Stage.FAILED, f.at(), f.detail() == null ? why : f.detail() + "; " + why));
            }
            return true;
        }

        /** @param protocol a transfer's protocol, else null; @param problem the line tells of something that went wrong */
        void log(Instant t, TimelineKind kind, Transfer.Protocol protocol, String text, boolean problem) {
            if (timelineSize >= MAX_ENTRIES) return;
            if (timelineSize == timelineAt.length) {
                int n = Math.min(MAX_ENTRIES, 2 * timelineSize);
                timelineAt = java.util.Arrays.copyOf(timelineAt, n);
                timelineKind = java.util.Arrays.copyOf(timelineKind, n);
                timelineProtocol = java.util.Arrays.copyOf(timelineProtocol, n);
                timelineText = java.util.Arrays.copyOf(timelineText, n);
                timelineProblem = java.util.Arrays.copyOf(timelineProblem, n);
            }
            timelineAt[timelineSize] = offset(t).toMillis();
            timelineKind[timelineSize] = kind;
            timelineProtocol[timelineSize] = protocol;
            timelineText[timelineSize] = text;
            timelineProblem[timelineSize] = problem;
            timelineSize++;
            timelineSnapshot = null;
        }

        Duration offset(Instant t) {
            Duration d = Duration.between(started, t);
            return d.isNegative() ? Duration.ZERO : d;
        }

        List<TimelineEntry> timeline() {
            if (timelineSnapshot == null) {
                TimelineEntry[] out = new TimelineEntry[timelineSize];
                for (int i = 0; i < timelineSize; i++) out[i] = new TimelineEntry(Duration.ofMillis(timelineAt[i]), timelineKind[i], timelineProtocol[i],
                        timelineText[i], timelineProblem[i]);
                timelineSnapshot = List.of(out);
            }
            return timelineSnapshot;
        }

        BootSession toRecord(boolean isCurrent) {
            List<SessionTransfer> tx = new ArrayList<>(transfers.size());
            for (Tx x : transfers.values()) tx.add(x.toRecord(started));
            Stage stage = stages.isEmpty() ? null : stages.get(stages.size() - 1).stage();
            return new BootSession(id, mac, address, started, updated, firmware, vendorClass, ipxe, bootFile, scriptFile,
                    stage, List.copyOf(stages), List.copyOf(tx), timeline(), isCurrent, failures, dhcpSeen, thisHost, boot,
                    BootSession.pathOf(ipxe, stage, tx), hint);
        }
    }
}
