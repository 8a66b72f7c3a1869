package dev.bootbench.ui.clients;

import dev.bootbench.clients.BootSession;
import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.SessionListener;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.Oui;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.Widgets;
import dev.bootbench.workspace.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot monitor's state, folded from engine events in batches on the FX thread: one row per
 * client (by MAC, or by address when no MAC is known), its stage, current file, progress, rate and
 * timeline; the total throughput over the last minutes; notices when a client boots or fails.
 */
public final class ClientsViewModel {
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
    private final Map<Long, ClientRow> owner = new HashMap<>();
    private final Set<TransferRow> active = new LinkedHashSet<>();
    private final ObjectProperty<ClientRow> selected = new SimpleObjectProperty<>();
    private final DoubleProperty totalRate = new SimpleDoubleProperty();
    private final IntegerProperty booting = new SimpleIntegerProperty();
    private final ObservableList<XYChart.Data<Number, Number>> throughput = FXCollections.observableArrayList();
    private final List<Function<EngineEvent, TransferUpdate>> transferMappers = new CopyOnWriteArrayList<>();
    private final List<String[]> notices = new ArrayList<>();
    private BiConsumer<String, String> notifier = (title, text) -> {};
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
    private boolean sessionsMode;
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
            ctx.pump().addListener("clients", this::onEvents);
            ctx.pump().addTicker("sessions", this::tickSessions);
            ctx.pump().addTicker("rates", this::tickRates);
            ctx.pump().addTicker("notices", this::tickNotices);
            setBudget(ctx.pump()::overBudget, ctx.pump()::again);
            // the vendor table is read from the jar on first use: do it now, not in the first client's pulse
            ctx.background(Oui::size);
        }
    }

    /** How engine transfer events become {@link TransferUpdate}s (added where the transfer events are known). */
    public void addTransferMapper(Function<EngineEvent, TransferUpdate> mapper) {
        transferMappers.add(mapper);
    }

    /** Gets a title and a text when a client starts booting its OS or fails (at most about one a second, summed up). */
    public void setNotifier(BiConsumer<String, String> notifier) {
        this.notifier = notifier;
    }

    public void onEvents(List<EngineEvent> batch) {
        if (sessionsMode) return; // the sessions fold the same events
        for (EngineEvent e : batch) {
            if (e instanceof DhcpEvent d) {
                dhcp(d);
                continue;
            }
            for (Function<EngineEvent, TransferUpdate> m : transferMappers) {
                TransferUpdate u = m.apply(e);
                if (u != null) {
                    transfer(u);
                    break;
                }
            }
        }
        flushNewRows();
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
                if (byIp != null && byIp.mac == null) { // known by address until now: give it its MAC
                    byKey.remove(byIp.key);
                    if (!rows.remove(byIp)) newRows.remove(byIp);
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
                    Settings.Host h = ctx != null ? ctx.settings().hosts.get(mac.toString()) : null;
                    if (h != null && h.nextBoot != null) r.nextBootProperty().set(h.nextBoot);
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

    void onDhcp(DhcpEvent d) {
        dhcp(d);
        flushNewRows();
    }

    private void dhcp(DhcpEvent d) {
        String addr = d.address() != null && !d.address().isAnyLocalAddress() ? d.address().getHostAddress() : null;
        ClientRow r = row(d.mac(), addr);
        boolean ipxe = d.isIpxe();
        boolean newBoot = !ipxe && "DISCOVER".equalsIgnoreCase(d.request())
                && (r.getStage().finished() || r.getStage().ordinal() > BootStage.DHCP.ordinal());
        if (newBoot) newBoot(r);
        if (d.firmware() != null && d.firmware() != dev.bootbench.engine.dhcp.Firmware.UNKNOWN) r.firmwareProperty().set(d.firmware().label());
        if (ipxe) {
            r.sawIpxe = true;
            r.ipxeProperty().set(ipxeText(d.ipxe()));
            advance(r, BootStage.IPXE_DHCP);
        }
        StringBuilder t = new StringBuilder(d.request() == null ? "?" : d.request());
        if (d.reply() != null) t.append(" → ").append(d.reply());
        if (d.address() != null && d.reply() != null) t.append(' ').append(d.address().getHostAddress());
        if (d.bootFile() != null && !d.bootFile().isEmpty()) t.append(", file ").append(d.bootFile());
        if (d.proxy()) t.append(" (proxy)");
        if (d.note() != null && !d.note().isEmpty()) t.append(" — ").append(d.note());
        boolean problem = "NAK".equals(d.reply()) || (d.reply() == null && d.note() != null && !d.note().isEmpty());
        timeline(r, ipxe ? "ipxe dhcp" : "dhcp", t.toString(), problem);
    }

    static String ipxeText(IpxeInfo info) {
        if (info == null) return "iPXE";
        StringBuilder sb = new StringBuilder(info.version() != null ? info.version() : "iPXE");
        List<String> f = new ArrayList<>();
        for (String k : new TreeMap<>(info.features()).keySet()) if (info.has(k)) f.add(k);
        if (!f.isEmpty()) sb.append("  ").append(String.join(" ", f));
        return sb.toString();
    }

    private void newBoot(ClientRow r) {
        r.bootStartMillis = now();
        r.bootEndMillis = 0;
        r.timeline().clear();
        for (TransferRow t : r.transfers()) {
            transfers.remove(t.id);
            owner.remove(t.id);
            active.remove(t);
        }
        r.transfers().clear();
        r.current = null;
        r.sawIpxe = false;
        r.stageProperty().set(BootStage.DHCP);
        r.fileProperty().set("");
        r.progressProperty().set(0);
        r.rateProperty().set(0);
    }

    private void advance(ClientRow r, BootStage s) {
        if (s == null) return;
        BootStage cur = r.getStage();
        if (cur == BootStage.FAILED && s != BootStage.FAILED) return;
        if (s.ordinal() > cur.ordinal() || (cur == BootStage.BOOTING && s == BootStage.FAILED)) {
            r.stageProperty().set(s);
            if (s.finished()) {
                r.bootEndMillis = now();
                notice(r, s);
            }
        }
    }

    private void notice(ClientRow r, BootStage s) {
        String who = (r.mac != null ? r.mac.toString() : r.addressProperty().get()) + (r.vendorProperty().get().isEmpty() ? "" : " (" + r.vendorProperty().get() + ")");
        String text = s == BootStage.BOOTING ? who + " loaded its kernel and initrd in " + Widgets.elapsed(r.bootEndMillis - r.bootStartMillis)
                : who + " failed: " + (r.timeline().isEmpty() ? "" : r.timeline().get(r.timeline().size() - 1).text());
        if (!sessionsMode) timeline(r, "stage", s == BootStage.BOOTING ? "booting" : "failed", s == BootStage.FAILED);
        log.info("{}", text);
        notices.add(new String[] {s == BootStage.BOOTING ? "Client booting" : "Client failed", text});
    }

    private void timeline(ClientRow r, String kind, String text, boolean problem) {
        if (r.timeline().size() >= MAX_TIMELINE) r.timeline().remove(0);
        r.timeline().add(new TimelineEntry(now() - r.bootStartMillis, kind, text, problem));
    }

    public void onTransfer(TransferUpdate u) {
        transfer(u);
        flushNewRows();
    }

    private void transfer(TransferUpdate u) {
        TransferRow t = transfers.get(u.id());
        ClientRow r = owner.get(u.id());
        if (r == null) r = row(u.mac(), u.clientAddress());
        else {
            r.lastSeenMillis = now();
            if (r.staleProperty().get()) r.staleProperty().set(false);
        }
        String proto = u.protocol() == null ? "" : u.protocol().toLowerCase(java.util.Locale.ROOT);
        if (t == null) {
            if (u.phase() != TransferUpdate.Phase.FINISHED || u.bytesDone() > 0 || u.outcome() == null || "OK".equals(u.outcome())) {
                t = new TransferRow(u.id(), u.protocol(), u.file(), u.size(), now());
                transfers.put(u.id(), t);
                owner.put(u.id(), r);
                r.transfers().add(t);
                active.add(t);
                r.current = t;
                r.fileProperty().set(u.file());
                r.progressProperty().set(u.size() > 0 ? 0 : -1);
                advance(r, stageFor(r, u.file()));
                timeline(r, proto, u.protocol() + " " + u.file() + (u.size() >= 0 ? " (" + Widgets.bytes(u.size()) + ")" : "") + " started", false);
            }
        }
        if (t != null && !t.finished && u.size() > 0 && t.size <= 0) t.size = u.size();
        switch (u.phase()) {
            case STARTED -> { }
            case PROGRESS -> {
                if (t != null && !t.finished) progress(r, t, u.bytesDone());
            }
            case FINISHED -> finished(r, t, u, proto);
        }
    }

    private BootStage stageFor(ClientRow r, String file) {
        BootStage s = BootStage.forFile(file);
        if (s == BootStage.BOOT_PROGRAM && r.sawIpxe) return null; // iPXE loading another EFI program: keep the stage
        return s;
    }

    private void progress(ClientRow r, TransferRow t, long bytes) {
        long delta = bytes - t.doneProperty().get();
        if (delta > 0) {
            bytesSinceSample += delta;
            bytesSinceChart += delta;
            r.bytesSinceSample += delta;
        }
        t.doneProperty().set(bytes);
        if (r.current == t) r.progressProperty().set(t.progress());
    }

    private void finished(ClientRow r, TransferRow t, TransferUpdate u, String proto) {
        String outcome = u.outcome() == null ? "OK" : u.outcome();
        if (t != null) {
            if (t.finished) return;
            progress(r, t, Math.max(u.bytesDone(), t.doneProperty().get()));
            t.finished = true;
            t.outcomeProperty().set(outcome);
            if (r.current == t) r.progressProperty().set("OK".equals(outcome) ? 1 : t.progress());
        }
        BootStage fileStage = BootStage.forFile(u.file());
        switch (outcome) {
            case "OK" -> {
                double secs = t != null ? Math.max(1, now() - t.startedAtMillis) / 1000.0 : 0;
                timeline(r, proto, u.protocol() + " " + u.file() + " done, " + Widgets.bytes(u.bytesDone())
                        + (secs > 0 ? " in " + Widgets.elapsed(now() - t.startedAtMillis) + " (" + Widgets.rate(u.bytesDone() / secs) + ")" : ""), false);
                if (fileStage == BootStage.INITRD && hasFinished(r, BootStage.KERNEL)) advance(r, BootStage.BOOTING);
            }
            case "ABORTED_AFTER_OACK" -> timeline(r, proto, u.protocol() + " " + u.file() + ": size asked (firmware asks again)", false);
            default -> {
                String why = outcome.equals("NOT_FOUND") ? "not found" : outcome.equals("DENIED") ? "refused" : "failed";
                String msg = u.protocol() + " " + u.file() + " " + why + (u.message() != null ? ": " + u.message() : "");
                boolean fatal = fileStage == BootStage.BOOT_PROGRAM || fileStage == BootStage.KERNEL || fileStage == BootStage.INITRD
                        || (fileStage == BootStage.SCRIPT && u.file() != null && u.file().endsWith(".ipxe")) || outcome.equals("FAILED") && fileStage != null;
                timeline(r, proto, msg, true);
                if (fatal) advance(r, BootStage.FAILED);
            }
        }
    }

    private static boolean hasFinished(ClientRow r, BootStage stage) {
        for (TransferRow t : r.transfers()) if (t.finished && "OK".equals(t.outcomeProperty().get()) && BootStage.forFile(t.file) == stage) return true;
        return false;
    }

    /** The script (or a stage beacon) said how far the client got, e.g. "booting". */
    public void onStage(MacAddress mac, String address, String stage) {
        ClientRow r = row(mac, address);
        timeline(r, "stage", "script reports " + stage, false);
        if ("booting".equalsIgnoreCase(stage)) advance(r, BootStage.BOOTING);
        else if ("failed".equalsIgnoreCase(stage) || "error".equalsIgnoreCase(stage)) advance(r, BootStage.FAILED);
        flushNewRows();
    }

    /**
     * Takes the engine's boot sessions as the source of truth from now on: each change is kept as the
     * latest snapshot of its session (on the server's thread, a map put) and applied on the next tick.
     */
    public AutoCloseable attachSessions(BootSessions sessions) {
        sessionsMode = true;
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
        if (b.id() != r.sessionId) {
            newBoot(r);
            r.sessionId = b.id();
            r.timelineCount = 0;
        }
        r.bootStartMillis = b.started().toEpochMilli();
        if (b.firmware() != null && b.firmware() != dev.bootbench.engine.dhcp.Firmware.UNKNOWN && !b.firmware().label().equals(r.firmwareProperty().get())) {
            r.firmwareProperty().set(b.firmware().label());
        }
        if (b.ipxe() != null && b.ipxe() != r.ipxeShown) {
            r.sawIpxe = true;
            r.ipxeShown = b.ipxe();
            String t = ipxeText(b.ipxe());
            if (!t.equals(r.ipxeProperty().get())) r.ipxeProperty().set(t);
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
                String text = e.text();
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                boolean problem = lower.contains("not found") || lower.contains("failed") || lower.contains("refused") || lower.contains(" nak");
                add.add(new TimelineEntry(e.at().toMillis(), kindOf(e.kind(), text), text, problem));
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
                t = new TransferRow(st.id(), st.protocol().name(), st.file(), st.size(), b.started().toEpochMilli() + st.startedAt().toMillis());
                transfers.put(st.id(), t);
                owner.put(st.id(), r);
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
            r.current = cur;
            if (!cur.file.equals(r.fileProperty().get())) r.fileProperty().set(cur.file);
            double p = cur.finished && "OK".equals(cur.outcomeProperty().get()) ? 1 : cur.progress();
            if (r.progressProperty().get() != p) r.progressProperty().set(p);
        }
        // stage
        BootStage stage = b.stage() == null ? BootStage.DHCP : BootStage.of(b.stage());
        if (stage != r.getStage()) {
            r.stageProperty().set(stage);
            if (stage.finished()) {
                r.bootEndMillis = b.updated().toEpochMilli();
                notice(r, stage);
            } else {
                r.bootEndMillis = 0;
            }
        }
        r.lastSeenMillis = now();
        if (r.staleProperty().get()) r.staleProperty().set(false);
    }

    private static String kindOf(String kind, String text) {
        if ("transfer".equals(kind)) return text.startsWith("TFTP") ? "tftp" : text.startsWith("HTTP") ? "http" : kind;
        return kind;
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
                boolean stale = now - r.lastSeenMillis >= STALE_MILLIS;
                if (stale != r.staleProperty().get()) r.staleProperty().set(stale);
                if (!stale && !r.getStage().finished()) bootingNow++;
            }
            booting.set(bootingNow);
            totalRate.set(bytesSinceSample / dt);
            bytesSinceSample = 0;
        }
        if (now - lastChart >= 1000) {
            double dt = (now - lastChart) / 1000.0;
            lastChart = now;
            double secs = (now - origin) / 1000.0;
            throughput.add(new XYChart.Data<>(secs, bytesSinceChart / dt / 1_000_000.0));
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
                for (String[] n : notices) notifier.accept(n[0], n[1]);
            } else {
                long failed = notices.stream().filter(n -> n[0].contains("failed")).count();
                notifier.accept("Clients", (notices.size() - failed) + " clients booting, " + failed + " failed");
            }
            notices.clear();
        }
    }

    /** Seconds since this model was made: the chart's x axis. */
    public double chartNow() {
        return (now() - origin) / 1000.0;
    }

    /** Removes the clients not heard from for a while. */
    public int clearStale() {
        List<ClientRow> gone = new ArrayList<>();
        for (ClientRow r : rows) if (r.staleProperty().get()) gone.add(r);
        gone.forEach(this::remove);
        return gone.size();
    }

    private void remove(ClientRow r) {
        rows.remove(r);
        byKey.remove(r.key);
        byAddress.values().removeIf(x -> x == r);
        for (TransferRow t : r.transfers()) {
            transfers.remove(t.id);
            owner.remove(t.id);
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
     * What this client's next boot does: "menu" (the default), "local" (boot from its disk) or the id of
     * a menu entry. Stored per MAC in the settings ({@code hosts[mac].nextBoot}).
     */
    public void setNextBoot(ClientRow r, String choice) {
        if (r.mac == null || ctx == null) return;
        String c = choice == null || choice.isBlank() ? "menu" : choice.trim();
        Settings.Host h = ctx.settings().hosts.computeIfAbsent(r.mac.toString(), k -> new Settings.Host());
        h.nextBoot = c.equals("menu") ? null : c;
        if (h.nextBoot == null && h.address == null && h.bootFile == null && h.ipxeScript == null && h.hostname == null) {
            ctx.settings().hosts.remove(r.mac.toString());
        }
        r.nextBootProperty().set(c);
        log.info("next boot of {}: {}", r.mac, c);
        ctx.saveSettings().exceptionally(e -> {
            log.error("could not save the next boot of {}: {}", r.mac, e.getMessage());
            return null;
        });
    }

    public ObservableList<ClientRow> rows() { return rows; }
    public ObjectProperty<ClientRow> selectedProperty() { return selected; }
    public DoubleProperty totalRateProperty() { return totalRate; }
    public IntegerProperty bootingProperty() { return booting; }
    public ObservableList<XYChart.Data<Number, Number>> throughput() { return throughput; }
    public ClientRow find(String macOrAddress) {
        ClientRow r = byKey.get(macOrAddress);
        return r != null ? r : byAddress.get(macOrAddress);
    }
}
