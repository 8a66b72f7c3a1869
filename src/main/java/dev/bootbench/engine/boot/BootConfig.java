package dev.bootbench.engine.boot;

import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.Menu;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a client boots, frozen: the boot program per firmware, the iPXE rule, pxelinux's
 * options, the per-client overrides and next boots, and the published menu. Whoever keeps the configuration (the
 * app, {@code serve}) builds a new one when something changes and hands it to {@link BootCore}, which the servers'
 * threads read without locks: they never see a half-made change.
 *
 * @param biosBoot           boot program of BIOS PXE clients (e.g. undionly.kpxe), or null
 * @param uefiBoot           of x64 UEFI PXE clients (ipxe.efi), or null
 * @param uefiIa32Boot       of 32-bit UEFI clients, or null
 * @param arm64Boot          of arm64 UEFI clients, or null
 * @param ipxeScript         what iPXE clients get: null, Bootbench's own {@code /boot.ipxe}; a URL or a path served over
 *                           HTTP; "" turns the iPXE rule off (iPXE clients are then treated like any PXE client)
 * @param pxelinuxConfigFile pxelinux option 209, or null
 * @param pxelinuxPathPrefix pxelinux option 210, or null
 * @param hosts              per-client overrides by MAC
 * @param menu               the published menu, or null: the template answers {@code /boot.ipxe}
 * @param menuName           its name, for the log (null with no menu)
 * @param template           the script template of the workspace, used while no menu is published
 * @param httpPort           our HTTP port (in the script URL given to iPXE clients)
 * @param httpBoot           what x64 UEFI HTTP Boot clients fetch over HTTP (a path of ours or a URL), or null: the program
 *                           of {@code uefiPath} ({@code uefiBoot} for iPXE, shimx64.efi for Secure Boot)
 * @param arm64HttpBoot      of arm64 UEFI HTTP Boot clients, or null: the program of {@code arm64Path}
 * @param uefiPath           how x64 UEFI clients boot: null, {@link BootPath#IPXE} ({@code uefiBoot})
 * @param arm64Path          how arm64 UEFI clients boot: null, {@link BootPath#IPXE} when {@code arm64Boot} is set,
 *                           else {@link BootPath#GRUB}
 * @param firmwareMenu       the PXE firmware's own boot menu (option 43 with the port-4011 boot server), or null: off
 * @param ubootBoot          what U-Boot clients are given as their boot file (option 67 and the file field), with the
 *                           next-server; null: none. Bootbench makes
 *                           {@value UBootScript#FILE} for them when the served root has none (see {@link BootCore#generate})
 * @param root               the served root, where the programs set by bare name are looked for in their folders
 *                           ({@link RootLayout}), or null: the names as they are
 */
public record BootConfig(String biosBoot, String uefiBoot, String uefiIa32Boot, String arm64Boot, String ipxeScript,
                         String pxelinuxConfigFile, String pxelinuxPathPrefix, Map<MacAddress, HostBoot> hosts,
                         Menu menu, String menuName, Path template, int httpPort, String httpBoot, String arm64HttpBoot,
                         BootPath uefiPath, BootPath arm64Path, FirmwareMenu firmwareMenu, String ubootBoot, Path root) {
    public BootConfig {
        hosts = Map.copyOf(hosts == null ? Map.of() : hosts);
        biosBoot = blankToNull(biosBoot);
        uefiBoot = blankToNull(uefiBoot);
        uefiIa32Boot = blankToNull(uefiIa32Boot);
        arm64Boot = blankToNull(arm64Boot);
        pxelinuxConfigFile = blankToNull(pxelinuxConfigFile);
        pxelinuxPathPrefix = blankToNull(pxelinuxPathPrefix);
        httpBoot = blankToNull(httpBoot);
        arm64HttpBoot = blankToNull(arm64HttpBoot);
        ubootBoot = blankToNull(ubootBoot);
        if (menu == null) menuName = null;
        if (uefiPath == null) uefiPath = BootPath.IPXE;
        if (arm64Path == null) arm64Path = arm64Boot != null ? BootPath.IPXE : BootPath.GRUB;
    }

    /** The overrides of one client (none: {@link HostBoot#NONE}). */
    public HostBoot host(MacAddress mac) {
        HostBoot h = mac == null ? null : hosts.get(mac);
        return h != null ? h : HostBoot.NONE;
    }

    /** The same with another published menu (null: none). */
    public BootConfig withMenu(Menu m, String name) {
        return toBuilder().menu(m, name).build();
    }

    /** The same with one client's next boot changed (null: the menu again). */
    public BootConfig withNextBoot(MacAddress mac, NextBoot next) {
        Map<MacAddress, HostBoot> h = new LinkedHashMap<>(hosts);
        HostBoot changed = host(mac).withNextBoot(next);
        if (changed.isEmpty()) h.remove(mac);
        else h.put(mac, changed);
        return toBuilder().hosts(h).build();
    }

    /** The same with another firmware menu (null: off). */
    public BootConfig withFirmwareMenu(FirmwareMenu m) {
        return toBuilder().firmwareMenu(m).build();
    }

    /** A configuration with nothing set: no boot programs, no menu, HTTP on port 80, the default paths. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder().biosBoot(biosBoot).uefiBoot(uefiBoot).uefiIa32Boot(uefiIa32Boot).arm64Boot(arm64Boot).ipxeScript(ipxeScript)
                .pxelinux(pxelinuxConfigFile, pxelinuxPathPrefix).hosts(hosts).menu(menu, menuName).template(template).httpPort(httpPort)
                .httpBoot(httpBoot).arm64HttpBoot(arm64HttpBoot).uefiPath(uefiPath).arm64Path(arm64Path).firmwareMenu(firmwareMenu)
                .ubootBoot(ubootBoot).root(root);
    }

    /** Sets what differs from the defaults by name (the record's components say what each means). */
    public static final class Builder {
        private String biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, menuName, httpBoot,
                arm64HttpBoot, ubootBoot;
        private Map<MacAddress, HostBoot> hosts = Map.of();
        private Menu menu;
        private Path template, root;
        private int httpPort = 80;
        private BootPath uefiPath, arm64Path;
        private FirmwareMenu firmwareMenu;

        private Builder() {}

        public Builder biosBoot(String v) { biosBoot = v; return this; }
        public Builder uefiBoot(String v) { uefiBoot = v; return this; }
        public Builder uefiIa32Boot(String v) { uefiIa32Boot = v; return this; }
        public Builder arm64Boot(String v) { arm64Boot = v; return this; }
        public Builder ipxeScript(String v) { ipxeScript = v; return this; }
        /** Options 209 and 210. */
        public Builder pxelinux(String configFile, String pathPrefix) { pxelinuxConfigFile = configFile; pxelinuxPathPrefix = pathPrefix; return this; }
        public Builder hosts(Map<MacAddress, HostBoot> v) { hosts = v; return this; }
        public Builder menu(Menu m, String name) { menu = m; menuName = name; return this; }
        public Builder template(Path v) { template = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder httpBoot(String v) { httpBoot = v; return this; }
        public Builder arm64HttpBoot(String v) { arm64HttpBoot = v; return this; }
        public Builder uefiPath(BootPath v) { uefiPath = v; return this; }
        public Builder arm64Path(BootPath v) { arm64Path = v; return this; }
        public Builder firmwareMenu(FirmwareMenu v) { firmwareMenu = v; return this; }
        public Builder ubootBoot(String v) { ubootBoot = v; return this; }
        public Builder root(Path v) { root = v; return this; }

        public BootConfig build() {
            return new BootConfig(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, hosts, menu,
                    menuName, template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, firmwareMenu, ubootBoot, root);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
