package dev.bootbench.ui.clients;

import dev.bootbench.clients.BootSession;
import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.SessionListener;
import dev.bootbench.clients.Stage;
import dev.bootbench.clients.TimelineKind;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.Oui;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.Widgets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot monitor's state, shown from the engine's boot sessions ({@link BootSessions}) on the FX
 * thread's ticks: one row per client (by MAC, or by address when no MAC is known), its stage, current
 * file, progress, rate and timeline; the total throughput over the last minutes; notices when a
 * client boots or fails.
 */
public final class ClientsViewModel {
    /** One second of the throughput chart: seconds since the view model began, and megabytes a second. */
    public record ThroughputPoint(double seconds, double megabytesPerSecond) {}

    private static final Logger log = LoggerFactory.getLogger("app");
    /** A client not heard from for this long fades and can be cleared. */
    public static final long STALE_MILLIS = 120_000;
    static final long SAMPLE_MILLIS = 500;
    static final int CHART_SECONDS = 300;
    static final int MAX_TIMELINE = 400;

    private final AppContext ctx;
    private final LongSupplier clock;
    private final ObservableList<ClientRow> rows = FXCollections.observableArrayList();
    private final Map<String, ClientRow> byKey = new HashMap<>();
    private final Map<String, ClientRow> byAddress = new HashMap<>();
    private final Map<Long, TransferRow> transfers = new HashMap<>();
    private final Set<TransferRow> active = new LinkedHashSet<>();
    private final ObjectProperty<ClientRow> selected = new SimpleObjectProperty<>();
    private final DoubleProperty totalRate = new SimpleDoubleProperty();
    private final IntegerProperty booting = new SimpleIntegerProperty();
    private final ObservableList<ThroughputPoint> throughput = FXCollections.observableArrayList();
    private final List<Notice> notices = new ArrayList<>();
    private Notifier notifier = (title, text, failure) -> {};
    private long bytesSinceSample;
    private long bytesSinceChart;
    private long lastSample;
    private long lastChart;
    private long lastNotice;
    private final long origin;
    /** Latest snapshot per session, oldest session first, waiting for the FX thread (a session's updates replace each other). */
    private final ConcurrentSkipListMap<Long, BootSession> pendingSessions = new ConcurrentSkipListMap<>();
    /** Whether the pump's drain has used its time (then the rest of the sessions waits for the next pulse). */
    private BooleanSupplier overBudget = () -> false;
    /** Asks the pump for the next pulse when work is left. */
    private Runnable again = () -> {};
    private boolean sessionsLeft;
    private final List<ClientRow> newRows = new ArrayList<>();
    static final long SESSION_MILLIS = 100;
    private long lastSessionDrain;

    public ClientsViewModel(AppContext ctx, LongSupplier clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.origin = clock.getAsLong();
        this.lastSample = origin;
        this.lastChart = origin;
        if (ctx != null) {
            ctx.pump().addTicker("sessions", this::tickSessions);
            ctx.pump().addTicker("rates", this::tickRates);
            ctx.pump().addTicker("notices", this::tickNotices);
            setBudget(ctx.pump()::overBudget, ctx.pump()::again);
            // the vendor table is read from the jar on first use: do it now, not in the first client's pulse
            ctx.background(Oui::size);
        }
    }

    /** Told when a client starts booting its OS, leaves for its disk or fails. */
    @FunctionalInterface
    public interface Notifier {
        /** @param failure the notice is about a failed boot (it should stay until seen) */
        void notify(String title, String text, boolean failure);
    }

    private record Notice(String title, String text, boolean failure) {}

    /** Gets a title and a text when a client starts booting its OS or fails (at most about one a second, summed up). */
    public void setNotifier(Notifier notifier) {
        this.notifier = notifier;
    }

    private long now() {
        return clock.getAsLong();
    }

    private ClientRow row(MacAddress mac, String address) {
        ClientRow r = null;
        if (mac != null) {
            r = byKey.get(mac.toString());
            if (r == null && address != null) {
                ClientRow byIp = byAddress.get(address);
                if (byIp != null && byIp.mac == null) { // known by address until now: its MAC's row replaces it
                    remove(byIp);
                    newRows.remove(byIp);
                }
            }
        } else if (address != null) {
            r = byAddress.get(address);
        }
        if (r == null) {
            String key = mac != null ? mac.toString() : "ip:" + address;
            r = byKey.get(key);
            if (r == null) {
                r = new ClientRow(key, mac, now());
                if (mac != null) {
                    r.vendorProperty().set(Oui.vendor(mac).orElse(""));
                    r.nextBootProperty().set(nextBootText(nextBoot(r)));
                }
                if (address != null) r.addressProperty().set(address);
                byKey.put(key, r);
                newRows.add(r); // added to the list in one change per batch (one table update, not one per client)
            }
        }
        if (address != null && !address.isEmpty()) {
            if (!address.equals(r.addressProperty().get())) r.addressProperty().set(address);
            byAddress.put(address, r);
        }
        r.lastSeenMillis = now();
        if (r.staleProperty().get()) r.staleProperty().set(false);
        return r;
    }

    /** The build's version for the table's iPXE column, "iPXE" when it sent none. */
    static String ipxeVersion(IpxeInfo info) {
        return info == null || info.version() == null ? "iPXE" : info.version();
    }

    /** The features the build says it has, in name order, space-separated (empty when it listed none). */
    static String ipxeFeatures(IpxeInfo info) {
        if (info == null) return "";
        List<String> f = new ArrayList<>();
        for (String k : new TreeMap<>(info.features()).keySet()) if (info.has(k)) f.add(k);
        return String.join(" ", f);
    }

    /** The row shows another boot of its client from now on: what it showed of the last one goes. */
    private void newBoot(ClientRow r, long sessionId) {
        r.sessionId = sessionId;
        r.bootEndMillis = 0;
        r.timeline().clear();
        r.timelineCount = 0;
        for (TransferRow t : r.transfers()) {
            transfers.remove(t.id);
            active.remove(t);
        }
        r.transfers().clear();
        r.stageProperty().set(StageState.START);
        r.fileProperty().set("");
        r.progressProperty().set(0);
        r.rateProperty().set(0);
    }

    /** @param why what the session says about reaching the stage (for a failure: the file and what went wrong) */
    private void notice(ClientRow r, Stage s, String why, int failures) {
        String who = (r.mac != null ? r.mac.toString() : r.addressProperty().get()) + (r.vendorProperty().get().isEmpty() ? "" : " (" + r.vendorProperty().get() + ")");
        String took = Widgets.elapsed(r.bootEndMillis - r.bootStartMillis);
        String text = switch (s) {
            case BOOTING -> who + " is booting, " + took + " after its first DHCP message";
            case LOCAL -> who + " left network boot for its local disk";
            default -> who + " failed" + (failures > 1 ? " (" + failures + " times in a row)" : "") + ": "
                    + (why == null || why.isEmpty() ? "see its timeline" : why);
        };
        log.info("{}", text);
        notices.add(new Notice(s == Stage.FAILED ? "Client failed" : s == Stage.LOCAL ? "Client left" : "Client booting", text, s == Stage.FAILED));
    }

    private void progress(ClientRow r, TransferRow t, long bytes) {
        long delta = bytes - t.doneProperty().get();
        if (delta > 0) {
            bytesSinceSample += delta;
            bytesSinceChart += delta;
            r.bytesSinceSample += delta;
        }
        t.doneProperty().set(bytes);
    }

    /**
     * Takes the engine's boot sessions as the source of truth from now on: each change is kept as the
     * latest snapshot of its session (on the server's thread, a map put) and applied on the next tick.
     */
    public AutoCloseable attachSessions(BootSessions sessions) {
        for (BootSession b : sessions.snapshot()) if (b.current()) pendingSessions.put(b.id(), b);
        return sessions.addListener(new SessionListener() {
            @Override
            public void sessionChanged(BootSession b) {
                pendingSessions.put(b.id(), b);
            }
        });
    }

    /** How a drain learns that its time is up, and how it asks to go on at the next pulse (the pump's, or a test's). */
    void setBudget(BooleanSupplier overBudget, Runnable again) {
        this.overBudget = overBudget;
        this.again = again;
    }

    /**
     * Applies the session snapshots that arrived since the last time, oldest session first, while the
     * drain is within its time (at least one each time); the others wait for the next pulse, and a
     * newer snapshot of a waiting session replaces it there. Returns whether none is left.
     */
    boolean drainSessions() {
        boolean first = true;
        for (Map.Entry<Long, BootSession> e; (first || !overBudget.getAsBoolean()) && (e = pendingSessions.pollFirstEntry()) != null; ) {
            first = false;
            applySessionNoFlush(e.getValue());
        }
        flushNewRows();
        if (pendingSessions.isEmpty()) return true;
        again.run();
        return false;
    }

    private void flushNewRows() {
        if (newRows.isEmpty()) return;
        rows.addAll(newRows);
        newRows.clear();
    }

    /** Shows one session snapshot in its client's row. */
    public void applySession(BootSession b) {
        applySessionNoFlush(b);
        flushNewRows();
    }

    private void applySessionNoFlush(BootSession b) {
        String addr = b.address();
        ClientRow r = row(b.mac(), addr);
        if (b.id() < r.sessionId) return; // an older boot of this client: its row shows a newer one
        if (b.id() != r.sessionId) newBoot(r, b.id());
        r.bootStartMillis = b.started().toEpochMilli();
        if (b.firmware() != null && b.firmware() != dev.bootbench.engine.dhcp.Firmware.UNKNOWN && !b.firmware().label().equals(r.firmwareProperty().get())) {
            r.firmwareProperty().set(b.firmware().label());
        }
        if (b.ipxe() != null && b.ipxe() != r.ipxeShown) {
            r.ipxeShown = b.ipxe();
            String v = ipxeVersion(b.ipxe());
            if (!v.equals(r.ipxeProperty().get())) r.ipxeProperty().set(v);
            String f = ipxeFeatures(b.ipxe());
            if (!f.equals(r.ipxeFeaturesProperty().get())) r.ipxeFeaturesProperty().set(f);
        }
        // timeline: append what is new
        List<BootSession.TimelineEntry> tl = b.timeline();
        if (tl.size() < r.timelineCount) {
            r.timeline().clear();
            r.timelineCount = 0;
        }
        if (tl.size() > r.timelineCount) {
            List<TimelineEntry> add = new ArrayList<>(tl.size() - r.timelineCount);
            for (int i = r.timelineCount; i < tl.size(); i++) {
                BootSession.TimelineEntry e = tl.get(i);
                add.add(new TimelineEntry(e.at().toMillis(), kindLabel(e), e.text(), e.problem()));
            }
            r.timelineCount = tl.size();
            r.timeline().addAll(add);
            if (r.timeline().size() > MAX_TIMELINE) r.timeline().remove(0, r.timeline().size() - MAX_TIMELINE);
        }
        // transfers
        TransferRow last = null;
        TransferRow running = null;
        for (BootSession.SessionTransfer st : b.transfers()) {
            TransferRow t = transfers.get(st.id());
            if (t == null) {
                t = new TransferRow(st.id(), st.protocol().name(), st.file(), st.size());
                transfers.put(st.id(), t);
                r.transfers().add(t);
                active.add(t);
            }
            if (st.size() > 0 && t.size <= 0) t.size = st.size();
            if (!t.finished) {
                progress(r, t, st.bytesDone());
                if (st.outcome() != null) {
                    t.finished = true;
                    t.outcomeProperty().set(st.outcome().name());
                }
            }
            last = t;
            if (!t.finished) running = t;
        }
        TransferRow cur = running != null ? running : last;
        if (cur != null) {
            if (!cur.file.equals(r.fileProperty().get())) r.fileProperty().set(cur.file);
            double p = cur.finished && "OK".equals(cur.outcomeProperty().get()) ? 1 : cur.progress();
            if (r.progressProperty().get() != p) r.progressProperty().set(p);
        }
        // stage, failures, and whether the row is a machine booting
        StageState state = new StageState(b.stage() == null ? Stage.DHCP : b.stage(), b.failures());
        StageState before = r.stageProperty().get();
        if (!state.equals(before)) {
            r.stageProperty().set(state);
            if (state.stage() != before.stage() || state.failures() > before.failures()) {
                if (state.stage().finished()) {
                    r.bootEndMillis = b.updated().toEpochMilli();
                    // a failure that only adds its reason (the script's beacon after the missing file) is not news
                    if (state.stage() != before.stage() || state.stage() == Stage.FAILED) notice(r, state.stage(), b.failure(), b.failures());
                } else {
                    r.bootEndMillis = 0;
                }
            }
        }
        String failure = b.failures() > 0 && b.failure() != null ? b.failure() : "";
        if (!failure.equals(r.failureProperty().get())) r.failureProperty().set(failure);
        if (b.dhcpSeen()) r.dhcpSeen = true;
        ClientRow.Unverified unverified = r.dhcpSeen ? ClientRow.Unverified.NO
                : b.thisHost() ? ClientRow.Unverified.THIS_COMPUTER : ClientRow.Unverified.NO_DHCP_SEEN;
        if (unverified != r.getUnverified()) {
            r.unverifiedKindProperty().set(unverified); // first, so a listener on the text sees the kind that goes with it
            r.unverifiedProperty().set(unverified.text());
        }
        String path = String.join(" → ", b.path());
        if (!path.equals(r.pathProperty().get())) r.pathProperty().set(path);
        r.sessionHint = b.hint();
        Instant unheard = b.ipxeLoadedUnheard();
        r.ipxeUnheardSinceMillis = unheard == null ? 0 : unheard.toEpochMilli();
        advise(r, now());
    }

    /** The row's advice as of {@code now}: its session's, or the Secure Boot hint once a UEFI client has been silent since loading iPXE. */
    private static void advise(ClientRow r, long now) {
        String a = r.sessionHint;
        if (a == null && r.ipxeUnheardSinceMillis > 0 && now - r.ipxeUnheardSinceMillis >= BootSession.SILENCE.toMillis()) a = BootSession.SECURE_BOOT_HINT;
        if (a == null) a = "";
        if (!a.equals(r.adviceProperty().get())) r.adviceProperty().set(a);
    }

    /** The timeline's kind column: dhcp, tftp, http (a transfer's protocol), beacon or stage. */
    private static String kindLabel(BootSession.TimelineEntry e) {
        if (e.kind() == TimelineKind.TRANSFER && e.protocol() != null) return e.protocol().name().toLowerCase(java.util.Locale.ROOT);
        return e.kind().id();
    }

    /** About 20 times a second: sessions, rates every half second, the chart every second, fading, notices. */
    public void tick() {
        tickSessions();
        tickRates();
        tickNotices();
    }

    /** The sessions that changed, 10 times a second (enough for the eye); what did not fit in a drain follows on the next pulse. */
    void tickSessions() {
        long now = now();
        if (sessionsLeft || now - lastSessionDrain >= SESSION_MILLIS) {
            if (!sessionsLeft) lastSessionDrain = now;
            sessionsLeft = !drainSessions();
        }
    }

    /** Rates every half second, the chart every second, fading. */
    void tickRates() {
        long now = now();
        if (now - lastSample >= SAMPLE_MILLIS) {
            double dt = (now - lastSample) / 1000.0;
            lastSample = now;
            for (Iterator<TransferRow> it = active.iterator(); it.hasNext(); ) {
                TransferRow t = it.next();
                long d = t.doneProperty().get() - t.lastSampledBytes;
                t.lastSampledBytes = t.doneProperty().get();
                t.sample(d / dt);
                if (t.finished) {
                    it.remove();
                    t.rateProperty().set(0);
                }
            }
            int bootingNow = 0;
            for (ClientRow r : rows) {
                double rate = r.bytesSinceSample / dt;
                r.bytesSinceSample = 0;
                if (r.rateProperty().get() != rate) r.rateProperty().set(rate);
                long end = r.bootEndMillis > 0 ? r.bootEndMillis : now;
                String el = Widgets.elapsed(end - r.bootStartMillis);
                if (!el.equals(r.elapsedProperty().get())) r.elapsedProperty().set(el);
                String next = nextBootText(nextBoot(r));
                if (!next.equals(r.nextBootProperty().get())) r.nextBootProperty().set(next); // e.g. a next boot for once used up
                if (r.ipxeUnheardSinceMillis > 0) advise(r, now);
                boolean stale = now - r.lastSeenMillis >= STALE_MILLIS;
                if (stale != r.staleProperty().get()) r.staleProperty().set(stale);
                if (!stale && !r.getStage().finished() && r.getUnverified() != ClientRow.Unverified.THIS_COMPUTER) bootingNow++;
            }
            booting.set(bootingNow);
            totalRate.set(bytesSinceSample / dt);
            bytesSinceSample = 0;
        }
        if (now - lastChart >= 1000) {
            double dt = (now - lastChart) / 1000.0;
            lastChart = now;
            double secs = (now - origin) / 1000.0;
            throughput.add(new ThroughputPoint(secs, bytesSinceChart / dt / 1_000_000.0));
            bytesSinceChart = 0;
            if (throughput.size() > CHART_SECONDS) throughput.remove(0, throughput.size() - CHART_SECONDS);
        }
    }

    /** The notices of the last second, at most three one by one, else summed up. */
    void tickNotices() {
        long now = now();
        if (!notices.isEmpty() && now - lastNotice >= 1000) {
            lastNotice = now;
            if (notices.size() <= 3) {
                for (Notice n : notices) notifier.notify(n.title(), n.text(), n.failure());
            } else {
                long failed = notices.stream().filter(Notice::failure).count();
                notifier.notify("Clients", (notices.size() - failed) + " clients booting, " + failed + " failed", false);
            }
            notices.clear();
        }
    }

    /** Seconds since this model was made: the chart's x axis. */
    public double chartNow() {
        return (now() - origin) / 1000.0;
    }

    /**
     * Removes the clients not heard from for a while, and the rows that are no machine booting (requests without DHCP:
     * a browser or curl) as soon as nothing of theirs is being transferred.
     */
    public int clearStale() {
        List<ClientRow> gone = new ArrayList<>();
        for (ClientRow r : rows) {
            if (r.staleProperty().get() || !r.dhcpSeen && r.transfers().stream().allMatch(TransferRow::finished)) gone.add(r);
        }
        gone.forEach(this::remove);
        return gone.size();
    }

    private void remove(ClientRow r) {
        rows.remove(r);
        byKey.remove(r.key);
        byAddress.values().removeIf(x -> x == r);
        for (TransferRow t : r.transfers()) {
            transfers.remove(t.id);
            active.remove(t);
        }
        if (selected.get() == r) selected.set(null);
    }

    /** Forgets a client: off the list, and its lease freed. Its reservation and next-boot choice stay in the settings. */
    public void forget(ClientRow r) {
        remove(r);
        if (r.mac != null && ctx != null) {
            LeasePool pool = ctx.engine().pool();
            if (pool != null) pool.forget(r.mac);
            log.info("forgot client {}", r.mac);
        }
    }

    /**
     * What this client's next boot does: "menu" (the default), "local" (boot from its disk) or the id of a menu entry;
     * {@code always}: every boot until changed, else only the next one, after which it gets the menu again. Stored per
     * MAC in the settings ({@code hosts[mac].nextBoot}, {@code nextBootAlways}); the boot core uses it at once.
     */
    public void setNextBoot(ClientRow r, String choice, boolean always) {
        if (r.mac == null || ctx == null) return;
        NextBoot next = NextBoot.of(choice, always);
        ctx.setup().setNextBoot(r.mac, next);
        r.nextBootProperty().set(nextBootText(next));
        log.info("next boot of {}: {}", r.mac, next == null ? "the menu" : next.describe());
        ctx.saveSettings().exceptionally(e -> {
            log.error("could not save the next boot of {}: {}", r.mac, e.getMessage());
            return null;
        });
    }

    /** How a row shows a pending next boot: empty for the menu, else e.g. {@code local disk (once)}. */
    static String nextBootText(NextBoot n) {
        return n == null ? "" : n.describe();
    }

    /** What a next boot can name: the menu, the local disk, and the published menu's entries. */
    public List<String> nextBootChoices() {
        List<String> out = new ArrayList<>(List.of("menu", "local"));
        if (ctx != null) {
            var menu = ctx.setup().boot().config().menu();
            if (menu != null) menu.allEntries().forEach(e -> out.add(e.id()));
        }
        return out;
    }

    /** The pending next boot of a client, as the boot core has it now (null: the menu). */
    public NextBoot nextBoot(ClientRow r) {
        return r.mac == null || ctx == null ? null : ctx.setup().boot().config().host(r.mac).nextBoot();
    }

    public ObservableList<ClientRow> rows() { return rows; }
    public ObjectProperty<ClientRow> selectedProperty() { return selected; }
    public DoubleProperty totalRateProperty() { return totalRate; }
    public IntegerProperty bootingProperty() { return booting; }
    /** The total throughput of the last {@value #CHART_SECONDS} seconds, one point a second, oldest first. */
    public ObservableList<ThroughputPoint> throughput() { return throughput; }
    public ClientRow find(String macOrAddress) {
        ClientRow r = byKey.get(macOrAddress);
        return r != null ? r : byAddress.get(macOrAddress);
    }
}
