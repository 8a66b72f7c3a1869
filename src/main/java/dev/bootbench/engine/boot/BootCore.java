package dev.bootbench.engine.boot;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.files.GeneratedFiles;
import dev.bootbench.engine.http.BootScriptProvider;
import dev.bootbench.engine.http.BootScriptRequest;
import dev.bootbench.engine.http.TemplateBootScriptProvider;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.grub.GrubGenerator;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what each client gets, for DHCP, TFTP and HTTP alike, from one frozen
 * {@link BootConfig} at a time: the DHCP boot answer ({@link BootPolicy}) and the iPXE script of {@code /boot.ipxe}
 * (the published menu with the client's next boot, else the workspace's template), and GRUB's {@code grub/grub.cfg}
 * over TFTP (the published menu as GRUB's, with the client's next boot), U-Boot's {@code boot.scr.uimg} and the
 * published menu's pxelinux files over TFTP when the served root has none. The app and {@code serve} build
 * its configuration the same way from the same workspace, so a client boots the same whichever of them runs.
 *
 * <p>Thread-safe: the servers' threads read the current configuration; {@link #set} and {@link #update} replace it
 * whole. A next boot given for once is reported ({@link NextBootUsed}) for the keeper of the configuration to take
 * away; until it has, the client keeps getting it.
 */
public final class BootCore implements BootScriptProvider, GeneratedFiles {
    private static final Logger log = LoggerFactory.getLogger("boot");

    /**
     * How long a client's choice from the firmware menu (its port-4011 request) marks an iPXE asking from the same MAC as
     * chainloaded from that choice (it gets the script, not the menu again). A machine whose firmware is iPXE (QEMU's ROM)
     * rebooted within this time boots without the menu once: the default path, the script.
     */
    public static final long CHOICE_MEMORY_MILLIS = 120_000;
    /** At most so many remembered choices (the oldest are forgotten first). */
    static final int MAX_CHOICES = 4096;

    private final AtomicReference<BootConfig> config;
    private final EventBus bus;
    private final LongSupplier clock;
    /** When each client last chose from the firmware menu (clock millis). */
    private final ConcurrentHashMap<MacAddress, Long> chosen = new ConcurrentHashMap<>();
    /** The firmware of the U-Boot clients answered lately, for the architecture of their boot script; bounded. */
    private final java.util.Map<MacAddress, Firmware> uBoots = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<MacAddress, Firmware> eldest) {
            return size() > 4096;
        }
    });

    public BootCore(BootConfig config, EventBus bus) {
        this(config, bus, System::currentTimeMillis);
    }

    /** @param clock milliseconds, for the memory of firmware menu choices */
    public BootCore(BootConfig config, EventBus bus, LongSupplier clock) {
        this.config = new AtomicReference<>(config);
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * The firmware menu items a client is offered, default first, or an empty list (see
     * {@link BootPolicy#firmwareMenu}).
     */
    public List<FirmwareMenu.Item> firmwareMenu(ClientInfo c) {
        BootConfig cfg = config.get();
        if (cfg.firmwareMenu() == null) return List.of();
        Long t = c.mac() == null ? null : chosen.get(c.mac());
        boolean recent = t != null && clock.getAsLong() - t < CHOICE_MEMORY_MILLIS;
        return BootPolicy.firmwareMenu(cfg, c, recent);
    }

    /** A client chose an item of the firmware menu (we answered its port-4011 request). */
    public void firmwareMenuChosen(MacAddress mac) {
        if (mac == null) return;
        long now = clock.getAsLong();
        if (chosen.size() >= MAX_CHOICES) {
            chosen.entrySet().removeIf(e -> now - e.getValue() >= CHOICE_MEMORY_MILLIS);
            if (chosen.size() >= MAX_CHOICES) chosen.clear(); // a flood: forgetting only shows the menu again
        }
        chosen.put(mac, now);
    }

    public BootConfig config() {
        return config.get();
    }

    public void set(BootConfig c) {
        config.set(c);
    }

    /** Replaces the configuration by a function of it (applied again if another change came in between). */
    public BootConfig update(UnaryOperator<BootConfig> change) {
        return config.updateAndGet(change);
    }

    /** The DHCP answer's boot information for a client that reached us at {@code server}. */
    public BootDecision decide(ClientInfo c, Inet4Address server) {
        BootConfig cfg = config.get();
        if (c.isUBoot() && c.mac() != null) uBoots.put(c.mac(), c.firmware());
        return BootPolicy.decide(cfg, c, scriptUrl(server, cfg.httpPort()));
    }

    /** Bootbench's own script URL at an address: {@code http://ADDRESS[:PORT]/boot.ipxe}. */
    public static String scriptUrl(Inet4Address server, int httpPort) {
        return "http://" + server.getHostAddress() + (httpPort == 80 ? "" : ":" + httpPort) + "/boot.ipxe";
    }

    /** What serves {@code /boot.ipxe} now, in words for the log and the UI. */
    public String scriptSource() {
        BootConfig cfg = config.get();
        return cfg.menu() != null ? "the published menu '" + cfg.menuName() + "'" : "the script template " + cfg.template();
    }

    @Override
    public String script(BootScriptRequest r) throws IOException {
        BootConfig cfg = config.get();
        String mac = r.mac() == null ? null : r.mac().toString().toLowerCase(Locale.ROOT);
        NextBoot next = cfg.host(r.mac()).nextBoot();
        String text;
        if (cfg.menu() != null) {
            Menu menu = RootLayout.withLayout(cfg.menu(), cfg.root());
            if (next != null && !next.local() && menu.allEntries().noneMatch(e -> e.id().equals(next.choice()))) {
                log.warn("next boot of {}: the published menu has no entry '{}'; it gets the menu", mac, next.choice());
                return menuScript(menu, r.baseUrl(), mac, null);
            }
            text = menuScript(menu, r.baseUrl(), mac, next);
        } else if (next != null && next.local()) {
            text = localScript(r.baseUrl(), mac);
        } else {
            if (next != null) log.warn("next boot of {}: '{}' needs a published menu; it gets the template", mac, next.choice());
            return TemplateBootScriptProvider.read(cfg.template(), r);
        }
        if (next != null) {
            log.info("next boot of {}: {}", mac, next.describe());
            bus.publish(new NextBootUsed(Instant.now(), r.mac(), next));
        }
        return text;
    }

    /**
     * A menu's script for one client: {@code ${base-url}} set to our address as the client reached it unless the menu
     * has its own, {@code ${bb-event}} to our beacon at that address (whichever server the menu's files come from), and
     * its next boot: the local disk at once (reporting stage {@code local}), or one entry without showing the menu (the
     * menu comes back when it fails).
     *
     * @param baseUrl our {@code http://ADDRESS[:PORT]}, or null: neither files nor beacon
     * @param mac     the client's MAC ({@code 52:54:00:12:34:56}), or null: iPXE's {@code ${netX/mac}}
     * @param next    its next boot, or null: the menu
     */
    public static String menuScript(Menu menu, String baseUrl, String mac, NextBoot next) {
        return menuScript(menu, baseUrl, mac, next, eventUrl(baseUrl, mac));
    }

    /**
     * The same script as a static file for another web server (an export for production): {@code ${base-url}} set to
     * {@code baseUrl} unless the menu has its own, and no beacons (nothing there would receive them).
     */
    public static String staticMenuScript(Menu menu, String baseUrl, String mac, NextBoot next) {
        return menuScript(menu, baseUrl, mac, next, null);
    }

    private static String menuScript(Menu menu, String baseUrl, String mac, NextBoot next, String event) {
        if (next != null && next.local()) return localScriptWith(mac, event);
        Menu.Builder b = menu.toBuilder();
        if (menu.baseUrl() == null && baseUrl != null) b.baseUrl(baseUrl);
        if (next != null && menu.allEntries().anyMatch(e -> e.id().equals(next.choice()))) {
            String pre = menu.ipxePreamble();
            b.ipxePreamble((pre == null ? "" : pre + "\n") + "# Bootbench: the next boot of " + mac + " is '" + next.choice() + "'\ngoto " + next.choice());
        }
        return IpxeGenerator.generate(b.build(), event);
    }

    /** Leaves network boot for the local disk, reporting stage {@code local} first. */
    static String localScript(String baseUrl, String mac) {
        return localScriptWith(mac, eventUrl(baseUrl, mac));
    }

    private static String localScriptWith(String mac, String event) {
        StringBuilder sb = new StringBuilder("#!ipxe\n# Bootbench: the next boot of " + (mac != null ? mac : "this client") + " is the local disk\n");
        if (event != null) sb.append(IpxeGenerator.eventLine(event)).append('\n');
        return sb.append(IpxeGenerator.beacon("local")).append("\nexit\n").toString();
    }

    /** Our beacon for this client: {@code BASE/_/event?mac=MAC}, or null without a base URL. */
    static String eventUrl(String baseUrl, String mac) {
        if (baseUrl == null || baseUrl.isBlank() || baseUrl.chars().anyMatch(Character::isWhitespace)) return null;
        String m = mac != null && mac.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}") ? mac : "${netX/mac}";
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/_/event?mac=" + m;
    }

    // ---- GRUB: grub/grub.cfg over TFTP ----

    /**
     * Where GRUB looks for its configuration when it was loaded over the network: Debian's and Ubuntu's signed network
     * images under their prefix {@code /grub}; Fedora's and RHEL's GRUB beside itself, in the root here.
     */
    public static final List<String> GRUB_CONFIGS = List.of(GrubGenerator.FILE, "grub.cfg");

    /**
     * {@code grub/grub.cfg} (and {@code grub.cfg}) for one client, when the served root has no such file: the
     * published menu as GRUB's, with the client's next boot, as {@code /boot.ipxe} gives iPXE. A next boot given for
     * once is reported ({@link NextBootUsed}) when GRUB has received the whole file, not before (a client that only
     * asked for the size has not used it).
     */
    @Override
    public Generated generate(String name, MacAddress mac) {
        if (UBootScript.isScriptName(name)) return uBootScript(mac);
        if (name != null && name.regionMatches(true, 0, PXELINUX_DIR, 0, PXELINUX_DIR.length())) return pxelinuxFile(name);
        if (name == null || GRUB_CONFIGS.stream().noneMatch(name::equalsIgnoreCase)) return null;
        BootConfig cfg = config.get();
        String m = mac == null ? null : mac.toString().toLowerCase(Locale.ROOT);
        NextBoot next = cfg.host(mac).nextBoot();
        String text, source;
        if (cfg.menu() != null) {
            String choice = next == null ? null : next.choice();
            if (next != null && !next.local() && cfg.menu().allEntries().noneMatch(e -> e.id().equals(choice))) {
                log.warn("next boot of {}: the published menu has no entry '{}'; GRUB gets the menu", m, choice);
                next = null;
            }
            text = grubMenu(RootLayout.withLayout(cfg.menu(), cfg.root()), m, next);
            source = "the published menu '" + cfg.menuName() + "'";
        } else if (next != null && next.local()) {
            text = grubLocal(m);
            source = "the next boot of " + m;
        } else {
            if (next != null) log.warn("next boot of {}: '{}' needs a published menu; GRUB gets a note that none is", m, next.choice());
            next = null;
            text = grubNoMenu();
            source = "no published menu";
        }
        NextBoot given = next;
        Runnable sent = given == null ? null : () -> {
            log.info("next boot of {}: {} (GRUB)", m, given.describe());
            bus.publish(new NextBootUsed(Instant.now(), mac, given));
        };
        return new Generated(text.getBytes(StandardCharsets.UTF_8), sent, source);
    }

    /**
     * A menu's {@code grub.cfg} for one client: the menu as {@link GrubGenerator} writes it, and the client's next
     * boot: the local disk at once ({@code exit}: the firmware goes on to its next boot option), or one entry booted
     * without waiting ({@code default} set to it, {@code timeout} 0). An entry of a submenu is copied to the top menu
     * for that, as {@value #NEXT_ENTRY}: GRUB's own {@code submenu>entry} default would be undone by the submenu's
     * {@code default}.
     *
     * @param mac  the client's MAC, for the comment, or null
     * @param next its next boot, or null: the menu
     */
    public static String grubMenu(Menu menu, String mac, NextBoot next) {
        if (next != null && next.local()) return grubLocal(mac);
        Entry target = next == null ? null : menu.allEntries().filter(e -> e.id().equals(next.choice())).findFirst().orElse(null);
        if (target == null) return GrubGenerator.generate(menu);
        Menu.Builder b = menu.toBuilder();
        String pre = menu.grubGlobals();
        b.grubGlobals((pre == null ? "" : pre + "\n") + "# Bootbench: the next boot of " + (mac != null ? mac : "this client") + " is '"
                + next.choice() + "'\nset timeout=0");
        if (menu.entries().contains(target)) {
            b.defaultEntry(target.id());
        } else {
            String id = NEXT_ENTRY;
            for (int n = 2; menu.entry(id).isPresent(); n++) id = NEXT_ENTRY + "-" + n;
            b.item(new Entry(id, "Next boot: " + target.label(), null, target.platforms(), target.arches(), null, target.action()));
            b.defaultEntry(id);
        }
        return GrubGenerator.generate(b.build());
    }

    // ---- U-Boot: boot.scr.uimg, and the pxelinux menu it runs ----

    private static final String PXELINUX_DIR = "pxelinux.cfg/";

    /**
     * {@value UBootScript#FILE} for one client, when the served root has none: a script that runs the pxelinux menu
     * served here, as a uImage of the client's architecture (arm64 unless DHCP saw a 32-bit ARM U-Boot with this MAC).
     */
    Generated uBootScript(MacAddress mac) {
        Firmware fw = mac == null ? null : uBoots.get(mac);
        UBootScript.Arch arch = fw == Firmware.UBOOT_ARM32 ? UBootScript.Arch.ARM : UBootScript.Arch.ARM64;
        byte[] image = UBootScript.uImage("Bootbench pxelinux menu", arch, UBootScript.menuScript(), Instant.now().getEpochSecond());
        return new Generated(image, null, "Bootbench's U-Boot script (" + (arch == UBootScript.Arch.ARM ? "arm32" : "arm64") + ")");
    }

    /**
     * A pxelinux file of the published menu ({@code pxelinux.cfg/default} and its submenus' files), when the served
     * root has none: what the Menus view writes into the root when it publishes, made here for {@code serve} (which
     * writes nothing there) and for U-Boot's {@code pxe} command, whose lookup ends at {@code pxelinux.cfg/default}.
     * The per-client names of the lookup (01-MAC, the address in hex, default-arm) are left to the root.
     */
    Generated pxelinuxFile(String name) {
        BootConfig cfg = config.get();
        if (cfg.menu() == null) return null;
        PxelinuxGenerator.Output px = PxelinuxGenerator.generate(cfg.menu(), PxelinuxGenerator.Options.defaults());
        for (java.util.Map.Entry<String, String> e : px.files().entrySet()) {
            String file = e.getKey().equals("default") ? PXELINUX_DIR + "default" : e.getKey();
            if (file.equalsIgnoreCase(name)) {
                return new Generated(e.getValue().getBytes(StandardCharsets.UTF_8), null, "the published menu '" + cfg.menuName() + "'");
            }
        }
        return null;
    }

    /** The id of the copy of a submenu's entry that is a client's next boot. */
    public static final String NEXT_ENTRY = "bootbench-next";

    /** Leaves GRUB for the firmware's next boot option (the local disk). */
    static String grubLocal(String mac) {
        return "# Generated by Bootbench: the next boot of " + (mac != null ? mac : "this client") + " is the local disk\nexit\n";
    }

    /** What GRUB gets while no menu is published: a note on its screen, then back to the firmware's next boot option. */
    static String grubNoMenu() {
        return "# Generated by Bootbench: no menu is published.\n"
                + "echo 'Bootbench: no menu is published. Publish one in the Menus view, or put grub/grub.cfg in the served folder.'\n"
                + "sleep --interruptible 10\nexit\n";
    }
}
