package dev.bootbench.ui.servers;

import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceProblem;
import dev.bootbench.engine.boot.BootPath;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.Lease;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.dhcp.OtherDhcpServerEvent;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.Oui;
import dev.bootbench.ui.AppContext;
import dev.bootbench.workspace.Settings;
import dev.bootbench.engine.DhcpMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Servers view's state: the settings being edited, each service's state, the other-server warning, the leases. */
public final class ServersViewModel {
    private static final Logger log = LoggerFactory.getLogger("app");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final AppContext ctx;
    private final Settings settings;
    private final BootEngine engine;

    private final ObservableList<NetIface> interfaces = FXCollections.observableArrayList();
    private final ObjectProperty<NetIface> iface = new SimpleObjectProperty<>();
    private final StringProperty ifaceName = new SimpleStringProperty();
    private final StringProperty ifaceWarning = new SimpleStringProperty("");
    private final ObjectProperty<DhcpMode> dhcpMode = new SimpleObjectProperty<>(DhcpMode.FULL);
    private final StringProperty range = new SimpleStringProperty("");
    private final StringProperty leaseSeconds = new SimpleStringProperty("");
    private final StringProperty router = new SimpleStringProperty("");
    private final StringProperty dns = new SimpleStringProperty("");
    private final StringProperty domain = new SimpleStringProperty("");
    private final StringProperty root = new SimpleStringProperty("");
    private final StringProperty tftpPort = new SimpleStringProperty("");
    private final StringProperty httpPort = new SimpleStringProperty("");
    /** The boot program per firmware (empty: none; for the HTTP Boot ones, the UEFI program of that architecture). */
    private final StringProperty biosBoot = new SimpleStringProperty(""), uefiBoot = new SimpleStringProperty(""),
            uefiIa32Boot = new SimpleStringProperty(""), arm64Boot = new SimpleStringProperty(""),
            httpBoot = new SimpleStringProperty(""), arm64HttpBoot = new SimpleStringProperty(""),
            ubootBoot = new SimpleStringProperty("");
    /** How x64 and arm64 UEFI clients boot (see {@link BootPath}). */
    private final ObjectProperty<BootPath> uefiPath = new SimpleObjectProperty<>(BootPath.IPXE);
    private final ObjectProperty<BootPath> arm64Path = new SimpleObjectProperty<>(BootPath.GRUB);
    /** The PXE firmware's own menu ({@link Settings#pxeMenu}), edited in its pane. */
    private final FirmwareMenuViewModel firmwareMenu = new FirmwareMenuViewModel(root);
    /** The last "Export for production": what was written, or why not; null before the first. */
    private final ObjectProperty<ExportOutcome> exportOutcome = new SimpleObjectProperty<>();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    /** The last problem with the fields, or a note that they were saved; empty at first. */
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty otherServer = new SimpleStringProperty("");
    private final Map<Service, ServiceStatus> status = new EnumMap<>(Service.class);
    private final IntegerProperty servicesUp = new SimpleIntegerProperty();
    private final ObservableList<LeaseRow> leases = FXCollections.observableArrayList();
    private boolean leasesDirty = true;
    private long lastLeaseRefresh;

    public ServersViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.engine = ctx.engine();
        for (Service s : Service.values()) {
            ServiceStatus st = new ServiceStatus(s);
            st.stateProperty().addListener((o, a, b) -> countUp());
            status.put(s, st);
        }
        loadFromSettings();
        iface.addListener((o, a, b) -> {
            if (b != null) ifaceName.set(b.name());
            ifaceWarning.set(b == null ? "" : warningFor(b));
        });
        ctx.pump().addListener("servers", java.util.Set.of(ServiceEvent.class, OtherDhcpServerEvent.class, DhcpEvent.class), this::onEvents);
        ctx.pump().addTicker("servers", this::tick);
    }

    /** Fills the fields from the settings. */
    public void loadFromSettings() {
        ifaceName.set(settings.iface);
        dhcpMode.set(settings.dhcpMode == null ? DhcpMode.FULL : settings.dhcpMode);
        range.set(nz(settings.range));
        leaseSeconds.set(Integer.toString(settings.leaseSeconds));
        router.set(nz(settings.router));
        dns.set(String.join(", ", settings.dns));
        domain.set(nz(settings.domain));
        root.set(nz(settings.root));
        tftpPort.set(Integer.toString(settings.tftpPort));
        httpPort.set(Integer.toString(settings.httpPort));
        biosBoot.set(nz(settings.biosBoot));
        uefiBoot.set(nz(settings.uefiBoot));
        uefiIa32Boot.set(nz(settings.uefiIa32Boot));
        arm64Boot.set(nz(settings.arm64Boot));
        httpBoot.set(nz(settings.httpBoot));
        arm64HttpBoot.set(nz(settings.arm64HttpBoot));
        ubootBoot.set(nz(settings.ubootBoot));
        uefiPath.set(pathOr(settings.uefiPath, BootPath.IPXE));
        arm64Path.set(pathOr(settings.arm64Path, settings.arm64Boot != null && !settings.arm64Boot.isBlank() ? BootPath.IPXE : BootPath.GRUB));
        firmwareMenu.load(settings.pxeMenu);
    }

    /** The path a setting names, or {@code otherwise} when it names none (or one this build does not know: logged). */
    private static BootPath pathOr(String setting, BootPath otherwise) {
        try {
            BootPath p = BootPath.parse(setting);
            return p != null ? p : otherwise;
        } catch (IllegalArgumentException e) {
            log.warn("settings: {}; shown as {}", e.getMessage(), otherwise.id());
            return otherwise;
        }
    }

    /** What a choice of boot path is called in the view, per firmware. */
    public static String pathLabel(BootPath p, boolean arm64) {
        return switch (p) {
            case IPXE -> arm64 ? "The boot program set for arm64 (iPXE)" : "iPXE (default)";
            case GRUB -> arm64 ? "GRUB (grubaa64.efi, default)" : "GRUB (grubx64.efi, no Secure Boot)";
            case SHIM_GRUB -> arm64 ? "Secure Boot: shim → GRUB (shimaa64.efi, grubaa64.efi)" : "Secure Boot: shim → GRUB (shimx64.efi, grubx64.efi)";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String warningFor(NetIface n) {
        List<String> w = new ArrayList<>();
        if (n.carriesDefaultRoute()) w.add("⚠ " + n.name() + " carries the default route: it looks like the office network. "
                + "Full DHCP here would hand out addresses to colleagues; use a separate bench adapter or proxy mode.");
        if (!n.up()) w.add("Link is down: plug in the cable.");
        if (n.address() == null) w.add("No IPv4 address on " + n.name() + ": give it one (e.g. 10.77.0.1/24).");
        if (n.loopback()) w.add("Loopback: fine for trying TFTP and HTTP on this machine, no client can boot from it.");
        return String.join("\n", w);
    }

    /** Lists the interfaces in the background and selects the configured one. */
    public CompletableFuture<List<NetIface>> refreshInterfaces() {
        return ctx.background(NetIface::list).whenComplete((list, err) -> Platform.runLater(() -> {
            if (err != null) {
                showError("cannot list the network interfaces: " + err.getMessage());
                return;
            }
            interfaces.setAll(list);
            String want = ifaceName.get();
            NetIface pick = null;
            for (NetIface n : list) if (n.name().equals(want)) pick = n;
            iface.set(pick);
            if (pick == null) ifaceWarning.set(want == null || want.isBlank() ? "Choose the bench interface." : "Interface " + want + " is not there: plug in the adapter or choose another.");
        }));
    }

    /** Checks the fields and writes them into the settings (and the workspace). Returns false with a message when a field is wrong. */
    public boolean apply() {
        List<String> problems = new ArrayList<>();
        String r = range.get().trim();
        addIf(problems, rangeProblem(r));
        addIf(problems, leaseProblem(leaseSeconds.get()));
        String rt = router.get().trim();
        addIf(problems, routerProblem(rt));
        addIf(problems, dnsProblem(dns.get()));
        // TFTP is UDP and HTTP is TCP: both may have the same number
        addIf(problems, portProblem(tftpPort.get(), "TFTP"));
        addIf(problems, portProblem(httpPort.get(), "HTTP"));
        addIf(problems, httpBootProblem(httpBoot.get(), "HTTP Boot x64"));
        addIf(problems, httpBootProblem(arm64HttpBoot.get(), "HTTP Boot arm64"));
        int lease = problems.isEmpty() ? Integer.parseInt(leaseSeconds.get().trim()) : -1;
        List<String> dnsList = new ArrayList<>();
        for (String d : dns.get().split("[,\\s]+")) if (!d.isBlank()) dnsList.add(d);
        int tftp = problems.isEmpty() ? Integer.parseInt(tftpPort.get().trim()) : -1;
        int http = problems.isEmpty() ? Integer.parseInt(httpPort.get().trim()) : -1;
        String rootDir = root.get().trim();
        problems.addAll(firmwareMenu.problems());
        if (!problems.isEmpty()) {
            showError(String.join("\n", problems));
            return false;
        }
        settings.iface = blankToNull(ifaceName.get());
        settings.dhcpMode = dhcpMode.get();
        settings.range = blankToNull(r);
        settings.leaseSeconds = lease;
        settings.router = blankToNull(rt);
        settings.dns = dnsList;
        settings.domain = blankToNull(domain.get().trim());
        settings.root = blankToNull(rootDir);
        settings.tftpPort = tftp;
        settings.httpPort = http;
        settings.biosBoot = blankToNull(biosBoot.get().trim());
        settings.uefiBoot = blankToNull(uefiBoot.get().trim());
        settings.uefiIa32Boot = blankToNull(uefiIa32Boot.get().trim());
        settings.arm64Boot = blankToNull(arm64Boot.get().trim());
        settings.httpBoot = blankToNull(httpBoot.get().trim());
        settings.arm64HttpBoot = blankToNull(arm64HttpBoot.get().trim());
        settings.ubootBoot = blankToNull(ubootBoot.get().trim());
        // the defaults stay unwritten, so that a later build's default applies to a workspace that never chose
        settings.uefiPath = uefiPath.get() == null || uefiPath.get() == BootPath.IPXE ? null : uefiPath.get().id();
        BootPath armDefault = settings.arm64Boot != null && !settings.arm64Boot.isBlank() ? BootPath.IPXE : BootPath.GRUB;
        settings.arm64Path = arm64Path.get() == null || arm64Path.get() == armDefault ? null : arm64Path.get().id();
        settings.pxeMenu = firmwareMenu.toSettings();
        save("Saved." + (anyRunning() ? " Running services use the new settings after a restart (toggle them off and on)." : ""));
        if (!rootDir.isEmpty() && !Files.isDirectory(Path.of(rootDir))) {
            showError("Saved, but the root folder " + rootDir + " does not exist: create it or choose another.");
        }
        return true;
    }

    /**
     * What "Export for production" wrote into a folder, or why it could not (in the view's words).
     *
     * @param files every file written, the configurations first (empty on error)
     * @param error null when it worked
     */
    public record ExportOutcome(Path folder, List<Path> files, String error) {}

    /**
     * Exports the settings as the fields have them (saved first, as "Save settings" does) for production servers into
     * {@code folder}: dnsmasq, Kea, tftpd-hpa and nginx configurations and the served tree, written in the background.
     * The outcome lands in {@link #exportOutcomeProperty()} on the FX thread.
     */
    public CompletableFuture<ExportOutcome> exportTo(Path folder) {
        if (exporting.get()) return CompletableFuture.completedFuture(exportOutcome.get());
        if (!apply()) {
            return CompletableFuture.completedFuture(done(new ExportOutcome(folder, List.of(),
                    "Nothing was exported: the settings have a problem.\n" + message.get())));
        }
        byte[] snapshot;
        try {
            snapshot = dev.bootbench.workspace.Workspace.JSON.writeValueAsBytes(settings);
        } catch (java.io.IOException e) {
            return CompletableFuture.completedFuture(done(new ExportOutcome(folder, List.of(), "Nothing was exported: " + e.getMessage())));
        }
        exporting.set(true);
        log.info("export: writing the production setup to {}", folder);
        CompletableFuture<ExportOutcome> out = new CompletableFuture<>();
        ctx.background(() -> dev.bootbench.export.ProductionExport.write(
                dev.bootbench.workspace.Workspace.JSON.readValue(snapshot, Settings.class), ctx.workspace(), folder))
                .whenComplete((files, err) -> Platform.runLater(() -> {
                    exporting.set(false);
                    ExportOutcome o;
                    if (err == null) {
                        o = new ExportOutcome(folder, List.copyOf(files), null);
                    } else {
                        String why = rootMessage(err);
                        log.error("export to {}: {}", folder, why);
                        o = new ExportOutcome(folder, List.of(), exportAdvice(err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                                ? err.getCause() : err, why));
                    }
                    out.complete(done(o));
                }));
        return out;
    }

    private ExportOutcome done(ExportOutcome o) {
        exportOutcome.set(null); // the same outcome again (the same folder exported twice) is still news to the view
        exportOutcome.set(o);
        return o;
    }

    /** The export's complaint in the view's words: the command-line options it names become the fields to set here. */
    static String exportAdvice(Throwable err, String why) {
        if (!(err instanceof IllegalArgumentException)) return "The export stopped: " + why;
        String m = why.replace(": give --iface NAME", ": choose the bench interface at the top of this view")
                .replace(": give --address IP", ": connect that interface and give it an IPv4 address (e.g. 10.77.0.1/24), or choose another")
                .replace(": give --netmask IP", ": choose the interface that has the bench address")
                .replace("; give --range", "; set the DHCP pool")
                .replace("--range", "the DHCP pool")
                .replace("--netmask", "the subnet mask");
        return "Nothing was exported: " + m.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + m.substring(1) + ".";
    }

    private boolean anyRunning() {
        for (ServiceStatus s : status.values()) if (s.runningProperty().get()) return true;
        return false;
    }

    private void save(String okMessage) {
        ctx.saveSettings().whenComplete((v, err) -> Platform.runLater(() -> {
            if (err != null) showError("Could not save the settings: " + rootMessage(err));
            else showInfo(okMessage);
        }));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void addIf(List<String> problems, String problem) {
        if (problem != null) problems.add(problem);
    }

    // What Save refuses, field by field (null: the text is fine). The view decorates each field with the same words.

    /** The pool: empty (the subnet's .100-.199) or FIRST-LAST, in order. */
    public static String rangeProblem(String text) {
        String r = text == null ? "" : text.trim();
        if (r.isEmpty()) return null;
        String[] p = r.split("-", 2);
        if (p.length != 2 || !isIpv4(p[0].trim()) || !isIpv4(p[1].trim())) return "Pool must be FIRST-LAST, e.g. 10.77.0.100-10.77.0.199";
        if (Integer.compareUnsigned(Ipv4.toInt(Ipv4.parse(p[0].trim())), Ipv4.toInt(Ipv4.parse(p[1].trim()))) > 0) return "Pool ends before it starts";
        return null;
    }

    public static String leaseProblem(String text) {
        return inRange(text, 60, 7 * 24 * 3600) ? null : "Lease time must be a number of seconds from 60 to 604800";
    }

    public static String routerProblem(String text) {
        String rt = text == null ? "" : text.trim();
        return rt.isEmpty() || isIpv4(rt) ? null : "Router must be an IPv4 address or empty";
    }

    /** The DNS servers: IPv4 addresses separated by commas or spaces; every wrong one is named. */
    public static String dnsProblem(String text) {
        List<String> bad = new ArrayList<>();
        for (String d : (text == null ? "" : text).split("[,\\s]+")) {
            if (!d.isBlank() && !isIpv4(d)) bad.add("DNS '" + d + "' is not an IPv4 address");
        }
        return bad.isEmpty() ? null : String.join("\n", bad);
    }

    /** @param which "TFTP" or "HTTP" */
    public static String portProblem(String text, String which) {
        return inRange(text, 1, 65535) ? null : which + " port must be 1 to 65535";
    }

    /**
     * An HTTP Boot program: a path of the root (any text), or a URL, which goes to the firmware as it is and so must be
     * one it can fetch: http:// or https:// with a host.
     */
    public static String httpBootProblem(String text, String which) {
        String t = text == null ? "" : text.trim();
        if (!t.contains("://")) return null;
        try {
            java.net.URI u = new java.net.URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return null;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        return which + " must be a path of the root folder or an http:// or https:// URL with a host";
    }

    private static boolean inRange(String s, int min, int max) {
        try {
            int v = Integer.parseInt(s == null ? "" : s.trim());
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isIpv4(String s) {
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return false;
        for (String p : s.split("\\.")) if (Integer.parseInt(p) > 255) return false;
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void showError(String m) {
        messageIsError.set(true);
        message.set(m);
    }

    private void showInfo(String m) {
        messageIsError.set(false);
        message.set(m);
    }

    /** Starts one service in the background (after saving the fields); failures land in its status. */
    public CompletableFuture<Void> start(Service s) {
        ServiceStatus st = status.get(s);
        if (st.busyProperty().get()) return CompletableFuture.completedFuture(null);
        if (!apply()) {
            st.set(ServiceEvent.State.FAILED, "not started: " + message.get(), ServiceProblem.SETTINGS, false);
            return CompletableFuture.completedFuture(null);
        }
        if (s == Service.DHCP && settings.dhcpMode == DhcpMode.OFF) {
            st.set(ServiceEvent.State.STOPPED, "DHCP mode is off: choose full or proxy to start it");
            return CompletableFuture.completedFuture(null);
        }
        if (s != Service.DHCP && (settings.root == null || !Files.isDirectory(Path.of(settings.root)))) {
            st.set(ServiceEvent.State.FAILED, "the root folder " + (settings.root == null ? "is not set" : settings.root + " does not exist")
                    + ": choose the folder to serve under TFTP and HTTP", ServiceProblem.SETTINGS, false);
            return CompletableFuture.completedFuture(null);
        }
        st.busyProperty().set(true);
        st.set(ServiceEvent.State.STARTING, "starting…");
        return ctx.background(() -> {
            engine.start(s);
            return engine.isRunning(s);
        }).handle((running, err) -> {
            Platform.runLater(() -> {
                st.busyProperty().set(false);
                if (err != null) {
                    String why = rootMessage(err);
                    log.error("{}: {}", s.name().toLowerCase(java.util.Locale.ROOT), why);
                    st.runningProperty().set(false);
                    st.set(ServiceEvent.State.FAILED, why, ServiceProblem.of(err), ServiceProblem.saysWhatToDo(err));
                } else {
                    st.runningProperty().set(Boolean.TRUE.equals(running));
                    if (st.getState() == ServiceEvent.State.STARTING) st.set(ServiceEvent.State.LISTENING, defaultWhere(s));
                }
                leasesDirty = true;
            });
            return null;
        });
    }

    private String defaultWhere(Service s) {
        return switch (s) {
            case DHCP -> "running";
            case TFTP -> "listening on UDP port " + settings.tftpPort;
            case HTTP -> "listening on TCP port " + settings.httpPort;
        };
    }

    public CompletableFuture<Void> stop(Service s) {
        ServiceStatus st = status.get(s);
        st.busyProperty().set(true);
        return ctx.background(() -> {
            engine.stop(s);
            return null;
        }).handle((v, err) -> {
            Platform.runLater(() -> {
                st.busyProperty().set(false);
                st.runningProperty().set(engine.isRunning(s));
                if (err == null) st.set(ServiceEvent.State.STOPPED, "");
                else st.set(ServiceEvent.State.FAILED, "could not stop: " + rootMessage(err), ServiceProblem.OTHER, false);
                leasesDirty = true;
            });
            return null;
        });
    }

    /** Starts TFTP and HTTP, and DHCP unless its mode is off. */
    public CompletableFuture<Void> startAll() {
        if (!apply()) return CompletableFuture.completedFuture(null);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Service s : Service.values()) {
            if (s == Service.DHCP && settings.dhcpMode == DhcpMode.OFF) continue;
            if (!status.get(s).runningProperty().get()) all.add(start(s));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Service s : Service.values()) if (status.get(s).runningProperty().get() || engine.isRunning(s)) all.add(stop(s));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** The one-click answer to the other-DHCP-server warning: proxy mode, restarting DHCP if it ran. */
    public void switchToProxy() {
        dhcpMode.set(DhcpMode.PROXY);
        boolean wasRunning = status.get(Service.DHCP).runningProperty().get();
        if (!apply()) return;
        otherServer.set("");
        log.info("dhcp: switched to proxy mode");
        if (wasRunning) stop(Service.DHCP).thenRun(() -> Platform.runLater(() -> start(Service.DHCP)));
    }

    void onEvents(List<EngineEvent> batch) {
        for (EngineEvent e : batch) {
            if (e instanceof ServiceEvent se) {
                Service s = se.service().service();
                if (s == null) continue; // router advertisements: no row of their own
                ServiceStatus st = status.get(s);
                st.set(se);
                if (se.state() == ServiceEvent.State.LISTENING || se.state() == ServiceEvent.State.RETRYING) st.runningProperty().set(true);
                if (se.state() == ServiceEvent.State.STOPPED) st.runningProperty().set(false);
            } else if (e instanceof OtherDhcpServerEvent o) {
                StringBuilder sb = new StringBuilder("Another DHCP server answers on ").append(o.iface()).append(": ")
                        .append(o.serverId() != null ? o.serverId() : o.source());
                if (o.offeredAddress() != null) sb.append(" offers ").append(o.offeredAddress());
                if (o.bootFile() != null && !o.bootFile().isEmpty()) sb.append(", boot file ").append(o.bootFile());
                sb.append(". Two address servers on one segment fight over clients");
                sb.append(settings.dhcpMode == DhcpMode.PROXY ? "; proxy mode is fine beside it." : ": switch to proxy mode and let it hand out the addresses.");
                otherServer.set(sb.toString());
            } else if (e instanceof DhcpEvent) {
                leasesDirty = true;
            }
        }
    }

    private void tick() {
        long now = System.currentTimeMillis();
        if (leasesDirty && now - lastLeaseRefresh >= 1000 || now - lastLeaseRefresh >= 10_000) {
            leasesDirty = false;
            lastLeaseRefresh = now;
            refreshLeases();
        }
    }

    /**
     * The leases: while DHCP runs, from its pool (in memory: a lock and a map copy, cheap enough for the FX thread once
     * a second); while it is stopped, as the workspace has them saved, read in the background when asked.
     */
    public void refreshLeases() {
        LeasePool pool = engine.pool();
        if (pool != null) {
            showLeases(new ArrayList<>(pool.all()));
            storedLeasesShown = false;
        } else if (!storedLeasesShown) {
            storedLeasesShown = true;
            ctx.background(() -> dev.bootbench.engine.dhcp.LeaseStore.peek(ctx.workspace())).whenComplete((stored, err) -> Platform.runLater(() -> {
                if (engine.pool() != null) return; // DHCP started meanwhile: its pool is shown
                if (err != null) log.warn("the saved leases cannot be shown: {}", err.getMessage());
                showLeases(err != null ? List.of() : stored);
            }));
        }
    }

    /** Whether the saved leases are shown (DHCP stopped) and need no new reading. */
    private boolean storedLeasesShown;

    private void showLeases(List<Lease> all) {
        List<Lease> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> Integer.compareUnsigned(Ipv4.toInt(Ipv4.parse(a.address())), Ipv4.toInt(Ipv4.parse(b.address()))));
        List<LeaseRow> rows = new ArrayList<>();
        for (Lease l : sorted) rows.add(row(l));
        if (!rows.equals(leases)) leases.setAll(rows);
    }

    private LeaseRow row(Lease l) {
        String vendor = "";
        try {
            vendor = Oui.vendor(MacAddress.parse(l.mac())).orElse("");
        } catch (IllegalArgumentException ignored) {
            // leave empty
        }
        String expires = l.state() == Lease.State.RELEASED ? "" : HM.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(l.expiresAtMillis()), ZoneId.systemDefault()));
        Settings.Host h = settings.hosts.get(l.mac());
        boolean reserved = h != null && l.address().equals(h.address);
        return new LeaseRow(l.mac(), vendor, l.address(), l.state().name().toLowerCase(java.util.Locale.ROOT), expires, nz(l.hostname()), reserved);
    }

    /** Frees the lease now (the client gets an address again on its next request). */
    public void release(LeaseRow r) {
        LeasePool pool = engine.pool();
        if (pool != null && pool.forget(MacAddress.parse(r.mac()))) {
            log.info("dhcp: released {} from {}", r.address(), r.mac());
            showInfo("Released " + r.address() + " (" + r.mac() + ").");
        }
        refreshLeases();
    }

    /** Reserves the lease's address for its MAC (a per-MAC host entry); DHCP uses it from its next start. */
    public void reserve(LeaseRow r) {
        Settings.Host h = settings.hosts.computeIfAbsent(r.mac(), k -> new Settings.Host());
        h.address = r.address();
        log.info("dhcp: reserved {} for {}", r.address(), r.mac());
        save("Reserved " + r.address() + " for " + r.mac() + (status.get(Service.DHCP).runningProperty().get() ? "; DHCP applies it after a restart." : "."));
        refreshLeases();
    }

    private void countUp() {
        int n = 0;
        for (ServiceStatus s : status.values()) if (s.getState() == ServiceEvent.State.LISTENING) n++;
        servicesUp.set(n);
    }

    public ServiceStatus status(Service s) { return status.get(s); }
    public IntegerProperty servicesUpProperty() { return servicesUp; }
    public ObservableList<NetIface> interfaces() { return interfaces; }
    public ObjectProperty<NetIface> ifaceProperty() { return iface; }
    public StringProperty ifaceWarningProperty() { return ifaceWarning; }
    public ObjectProperty<DhcpMode> dhcpModeProperty() { return dhcpMode; }
    public StringProperty rangeProperty() { return range; }
    public StringProperty leaseSecondsProperty() { return leaseSeconds; }
    public StringProperty routerProperty() { return router; }
    public StringProperty dnsProperty() { return dns; }
    public StringProperty domainProperty() { return domain; }
    public StringProperty rootProperty() { return root; }
    public StringProperty tftpPortProperty() { return tftpPort; }
    public ObjectProperty<BootPath> uefiPathProperty() { return uefiPath; }
    public ObjectProperty<BootPath> arm64PathProperty() { return arm64Path; }
    public StringProperty httpPortProperty() { return httpPort; }
    public StringProperty biosBootProperty() { return biosBoot; }
    public StringProperty uefiBootProperty() { return uefiBoot; }
    public StringProperty uefiIa32BootProperty() { return uefiIa32Boot; }
    public StringProperty arm64BootProperty() { return arm64Boot; }
    public StringProperty httpBootProperty() { return httpBoot; }
    public StringProperty arm64HttpBootProperty() { return arm64HttpBoot; }
    public StringProperty ubootBootProperty() { return ubootBoot; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public StringProperty otherServerProperty() { return otherServer; }
    public ObservableList<LeaseRow> leases() { return leases; }
    public FirmwareMenuViewModel firmwareMenu() { return firmwareMenu; }
    public ObjectProperty<ExportOutcome> exportOutcomeProperty() { return exportOutcome; }
    public BooleanProperty exportingProperty() { return exporting; }
}
