package dev.bootbench.publish;

import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.EngineConfig;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootConfig;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.BootPath;
import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.boot.HostBoot;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.boot.NextBootUsed;
import dev.bootbench.engine.boot.RootLayout;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.Menu;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one workspace, set up the same way by the desktop app and by {@code serve}: the settings and the
 * published menu frozen into an {@link EngineConfig} and a {@link BootConfig}, one {@link BootCore} deciding every
 * client's boot, and next boots given for once taken away again once used. The settings stay the front end's (the
 * app edits them on its FX thread): it tells this class when they changed ({@link #refresh}), and this class touches
 * them only on the front end's thread ({@code onOwner}).
 */
public final class EngineSetup {
    private static final Logger log = LoggerFactory.getLogger("boot");

    private final Workspace workspace;
    private final Settings settings;
    private final BootCore boot;
    private final BootEngine engine;
    private final Consumer<Runnable> onOwner;
    private final Runnable save;
    private final AutoCloseable subscription;

    /**
     * @param onOwner runs a change of the settings on the thread that owns them (the app: the FX thread)
     * @param save    saves the settings after such a change
     */
    public EngineSetup(Workspace workspace, Settings settings, EventBus bus, Consumer<Runnable> onOwner, Runnable save) {
        this.workspace = workspace;
        this.settings = settings;
        this.onOwner = onOwner;
        this.save = save;
        Published p = published(workspace);
        this.boot = new BootCore(bootConfig(settings, workspace.file("templates/boot.ipxe"), p == null ? null : p.menu(), p == null ? null : p.name(),
                servedRoot(settings, workspace)), bus);
        this.engine = new BootEngine(engineConfig(settings), boot, workspace, bus);
        this.subscription = bus.subscribe(e -> {
            if (e instanceof NextBootUsed u && !u.nextBoot().always()) onOwner.accept(() -> used(u));
        });
        log.info("/boot.ipxe: {}", boot.scriptSource());
        warnMissingPrograms();
        logFirmwareMenu();
    }

    /** Says in the log whether the firmware menu is on, what it offers, and what its check finds. */
    private void logFirmwareMenu() {
        var m = boot.config().firmwareMenu();
        if (m == null) return;
        log.info("PXE firmware menu on: {} items, prompt '{}', {} s (option 43; boot server on port 4011)", m.items().size(), m.prompt(),
                m.timeoutSeconds());
        Path root = engine.config().root() != null ? engine.config().root() : workspace.file("root");
        for (var f : FirmwareMenuLint.check(settings.pxeMenu, root)) log.warn("PXE firmware menu: {}", f.message());
    }

    /** Says in the log when a UEFI boot path's programs are not in the served folder (copied in the Files view). */
    private void warnMissingPrograms() {
        Path root = engine.config().root() != null ? engine.config().root() : workspace.file("root");
        for (String w : missingPrograms(boot.config(), root)) {
            // arm64's GRUB is a default most benches never use: named only once someone chose an arm64 path
            if (w.startsWith("UEFI arm64") && (settings.arm64Path == null || settings.arm64Path.isBlank())) continue;
            log.warn("{}", w);
        }
    }

    /**
     * What UEFI clients on a GRUB or Secure Boot path would ask the served folder for and not find: shim and the GRUB
     * it loads from beside itself ({@code shimx64.efi} and {@code grubx64.efi}, {@code shimaa64.efi} and
     * {@code grubaa64.efi}), or GRUB alone. One line each, saying where to get them; none for the iPXE path (its
     * program is the user's to set) or a folder that is not there (the servers say so when they start).
     */
    public static List<String> missingPrograms(BootConfig c, Path root) {
        List<String> out = new ArrayList<>();
        if (root == null || !java.nio.file.Files.isDirectory(root)) return out;
        record Need(String firmware, BootPath path, String shim, String grub, String packages) {}
        for (Need n : List.of(new Need("x64", c.uefiPath(), BootPath.SHIM_X64, BootPath.GRUB_X64, "shim-signed, grub-efi-amd64-signed"),
                new Need("arm64", c.arm64Path(), BootPath.SHIM_AA64, BootPath.GRUB_AA64, "shim-signed:arm64, grub-efi-arm64-signed"))) {
            if (n.path() == BootPath.IPXE) continue;
            List<String> files = n.path() == BootPath.SHIM_GRUB ? List.of(n.shim(), n.grub()) : List.of(n.grub());
            Firmware fw = n.firmware().equals("x64") ? Firmware.UEFI_X64 : Firmware.UEFI_ARM64;
            List<String> missing = files.stream().filter(f -> !java.nio.file.Files.isRegularFile(root.resolve(RootLayout.place(f, fw, root)))).toList();
            if (missing.isEmpty()) continue;
            out.add("UEFI " + n.firmware() + " clients boot by " + n.path().label() + ", but the served folder " + root + " has no "
                    + String.join(" and no ", missing) + ": copy them in with the Files view (Debian/Ubuntu packages " + n.packages() + ")");
        }
        return out;
    }

    public BootEngine engine() {
        return engine;
    }

    public BootCore boot() {
        return boot;
    }

    /** The settings changed: the servers read them from now on (a running service at its next start), and so do boot decisions. */
    public void refresh() {
        engine.configure(engineConfig(settings));
        BootConfig before = boot.config();
        BootConfig now = boot.update(c -> {
            return bootConfig(settings, workspace.file("templates/boot.ipxe"), c.menu(), c.menuName(), servedRoot(settings, workspace));
        });
        if (now.uefiPath() != before.uefiPath() || now.arm64Path() != before.arm64Path()) warnMissingPrograms();
    }

    /** Makes {@code menu} what {@code /boot.ipxe} answers from now on. */
    public void publish(Menu menu, String name) {
        boot.update(c -> c.withMenu(menu, name));
        log.info("/boot.ipxe: {}", boot.scriptSource());
    }

    /** Sets a client's next boot (null: the menu), in the settings and for the next request. Owner's thread. */
    public void setNextBoot(MacAddress mac, NextBoot next) {
        String key = hostKey(mac);
        Settings.Host h = settings.hosts.computeIfAbsent(key, k -> new Settings.Host());
        h.nextBoot = next == null ? null : next.choice();
        h.nextBootAlways = next == null || !next.always() ? null : Boolean.TRUE;
        if (h.nextBoot == null && h.address == null && h.bootFile == null && h.ipxeScript == null && h.hostname == null) settings.hosts.remove(key);
        boot.update(c -> c.withNextBoot(mac, next));
    }

    /** A next boot for once was given: the one after is the menu again (unless it was changed meanwhile). Owner's thread. */
    private void used(NextBootUsed u) {
        NextBoot now = boot.config().host(u.mac()).nextBoot();
        if (!u.nextBoot().equals(now)) return;
        setNextBoot(u.mac(), null);
        log.info("next boot of {}: {} used; its next boot shows the menu", u.mac(), u.nextBoot().describe());
        save.run();
    }

    /** The key of a MAC in the settings' hosts: the one already there in any spelling, else the canonical form. */
    private String hostKey(MacAddress mac) {
        for (String k : settings.hosts.keySet()) {
            try {
                if (MacAddress.parse(k).equals(mac)) return k;
            } catch (IllegalArgumentException ignored) {
                // not a MAC: not this host
            }
        }
        return mac.toString();
    }

    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // the bus's unsubscribe does not fail
        }
        engine.close();
    }

    // ---- from the workspace to the engine ----

    /** The published menu of a workspace and its name. */
    public record Published(String name, Menu menu) {}

    /** The workspace's published menu, or null when none is (or its file cannot be read: logged). */
    public static Published published(Workspace ws) {
        MenuStore store = new MenuStore(ws.dir());
        try {
            var name = store.published();
            if (name.isEmpty()) return null;
            return new Published(name.get(), store.load(name.get()));
        } catch (IOException | RuntimeException e) {
            log.error("the published menu cannot be read ({}); /boot.ipxe answers with the script template", e.getMessage());
            return null;
        }
    }

    /** How the servers run, from the settings. Throws IllegalArgumentException with the setting at fault. */
    public static EngineConfig engineConfig(Settings s) {
        List<Inet4Address> dns = new ArrayList<>();
        for (String d : s.dns) dns.add(address("dns", d));
        Map<MacAddress, Inet4Address> reservations = new LinkedHashMap<>();
        s.hosts.forEach((mac, h) -> {
            if (h != null && h.address != null && !h.address.isBlank()) reservations.put(mac(mac), address("address of " + mac, h.address));
        });
        return new EngineConfig(s.iface, address("address", s.address), s.dhcpMode, s.range, s.leaseSeconds, address("subnetMask", s.subnetMask),
                address("router", s.router), dns, s.domain, s.root == null || s.root.isBlank() ? null : Path.of(s.root), s.caseInsensitiveFiles,
                s.httpPort, s.tftpPort, s.detectOtherServers, s.routerAdvertisements, reservations);
    }

    /**
     * What decides each client's boot, from the settings and a published menu (or null).
     *
     * @param template the workspace's script template ({@code templates/boot.ipxe}), served while no menu is published
     */
    public static BootConfig bootConfig(Settings s, Path template, Menu menu, String menuName) {
        return bootConfig(s, template, menu, menuName, s.root == null || s.root.isBlank() ? null : Path.of(s.root));
    }

    /** The served root: the one set, else the workspace's {@code root/} (as the servers take it). */
    static Path servedRoot(Settings s, Workspace ws) {
        return s.root == null || s.root.isBlank() ? ws.file("root") : Path.of(s.root);
    }

    /**
     * The same with the served root the boot programs are looked for in ({@link RootLayout}; null: the names as set).
     */
    public static BootConfig bootConfig(Settings s, Path template, Menu menu, String menuName, Path root) {
        Map<MacAddress, HostBoot> hosts = new LinkedHashMap<>();
        s.hosts.forEach((mac, h) -> {
            if (h == null) return;
            NextBoot next = NextBoot.of(h.nextBoot, h.nextBootAlways);
            HostBoot b = new HostBoot(blankToNull(h.hostname), blankToNull(h.bootFile), h.ipxeScript, next);
            if (!b.equals(HostBoot.NONE)) hosts.put(mac(mac), b);
        });
        return new BootConfig(s.biosBoot, s.uefiBoot, s.uefiIa32Boot, s.arm64Boot, s.ipxeScript, s.pxelinuxConfigFile, s.pxelinuxPathPrefix,
                hosts, menu, menuName, template, s.httpPort, s.httpBoot, s.arm64HttpBoot, path("uefiPath", s.uefiPath), path("arm64Path", s.arm64Path),
                firmwareMenu(s.pxeMenu), s.ubootBoot, root);
    }

    /**
     * The firmware menu of the settings, or null when it is off (absent, or no items). Throws IllegalArgumentException
     * naming the item at fault.
     */
    public static FirmwareMenu firmwareMenu(Settings.PxeMenu m) {
        if (m == null || m.items == null || m.items.isEmpty()) return null;
        List<FirmwareMenu.Item> items = new ArrayList<>();
        int n = 0;
        for (Settings.PxeItem i : m.items) {
            n++;
            if (i == null) throw new IllegalArgumentException("pxeMenu: item " + n + " is empty");
            String what = "pxeMenu: item " + n + (i.label != null ? " '" + i.label + "'" : "");
            try {
                int system = FirmwareMenu.parseSystem(i.system);
                boolean local = Boolean.TRUE.equals(i.local);
                boolean file = i.bootFile != null && !i.bootFile.isBlank();
                boolean server = i.server != null && !i.server.isBlank();
                if ((local ? 1 : 0) + (file ? 1 : 0) + (server ? 1 : 0) > 1) {
                    throw new IllegalArgumentException("give one of a boot program, a boot server or the local disk, not several");
                }
                if (local) items.add(FirmwareMenu.Item.local(system, i.label));
                else if (server) items.add(FirmwareMenu.Item.server(system, i.label, Ipv4.parse(i.server.trim()), i.type == null ? -1 : i.type));
                else if (file) items.add(FirmwareMenu.Item.program(system, i.label, i.bootFile.trim()));
                else throw new IllegalArgumentException("it has no boot program (nor a boot server or the local disk)");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }
        try {
            return new FirmwareMenu(m.prompt, m.timeout == null ? FirmwareMenu.DEFAULT_TIMEOUT : m.timeout, m.defaultItem, items);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pxeMenu: " + e.getMessage(), e);
        }
    }

    private static BootPath path(String what, String v) {
        try {
            return BootPath.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static Inet4Address address(String what, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Ipv4.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static MacAddress mac(String v) {
        try {
            return MacAddress.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hosts: '" + v + "' is not a MAC address", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
