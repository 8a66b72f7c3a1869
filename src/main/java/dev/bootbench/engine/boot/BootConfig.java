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

    /** Without a served root: the programs by the names set ({@link RootLayout} not looked at). */
    public BootConfig(String biosBoot, String uefiBoot, String uefiIa32Boot, String arm64Boot, String ipxeScript,
                      String pxelinuxConfigFile, String pxelinuxPathPrefix, Map<MacAddress, HostBoot> hosts,
                      Menu menu, String menuName, Path template, int httpPort, String httpBoot, String arm64HttpBoot,
                      BootPath uefiPath, BootPath arm64Path, FirmwareMenu firmwareMenu) {
        this(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, hosts, menu, menuName,
                template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, firmwareMenu, null, null);
    }

    /** Without a firmware menu. */
    public BootConfig(String biosBoot, String uefiBoot, String uefiIa32Boot, String arm64Boot, String ipxeScript,
                      String pxelinuxConfigFile, String pxelinuxPathPrefix, Map<MacAddress, HostBoot> hosts,
                      Menu menu, String menuName, Path template, int httpPort, String httpBoot, String arm64HttpBoot,
                      BootPath uefiPath, BootPath arm64Path) {
        this(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, hosts, menu, menuName,
                template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, null, null, null);
    }

    /** Without a firmware menu, with a U-Boot boot file. */
    public BootConfig(String biosBoot, String uefiBoot, String uefiIa32Boot, String arm64Boot, String ipxeScript,
                      String pxelinuxConfigFile, String pxelinuxPathPrefix, Map<MacAddress, HostBoot> hosts,
                      Menu menu, String menuName, Path template, int httpPort, String httpBoot, String arm64HttpBoot,
                      BootPath uefiPath, BootPath arm64Path, String ubootBoot) {
        this(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, hosts, menu, menuName,
                template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, null, ubootBoot, null);
    }

    /**
     * Without HTTP Boot programs of their own (HTTP Boot clients get the UEFI boot program of their architecture) and
     * with the default paths (iPXE on x64; on arm64 the program set, GRUB when none is), and no U-Boot boot file.
     */
    public BootConfig(String biosBoot, String uefiBoot, String uefiIa32Boot, String arm64Boot, String ipxeScript,
                      String pxelinuxConfigFile, String pxelinuxPathPrefix, Map<MacAddress, HostBoot> hosts,
                      Menu menu, String menuName, Path template, int httpPort) {
        this(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix, hosts, menu, menuName,
                template, httpPort, null, null, null, null, (FirmwareMenu) null, null, null);
    }

    /** The overrides of one client (none: {@link HostBoot#NONE}). */
    public HostBoot host(MacAddress mac) {
        HostBoot h = mac == null ? null : hosts.get(mac);
        return h != null ? h : HostBoot.NONE;
    }

    /** The same with another published menu (null: none). */
    public BootConfig withMenu(Menu m, String name) {
        return new BootConfig(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix,
                hosts, m, name, template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, firmwareMenu, ubootBoot, root);
    }

    /** The same with one client's next boot changed (null: the menu again). */
    public BootConfig withNextBoot(MacAddress mac, NextBoot next) {
        Map<MacAddress, HostBoot> h = new LinkedHashMap<>(hosts);
        HostBoot changed = host(mac).withNextBoot(next);
        if (changed.isEmpty()) h.remove(mac);
        else h.put(mac, changed);
        return new BootConfig(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix,
                h, menu, menuName, template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, firmwareMenu, ubootBoot, root);
    }

    /** The same with another firmware menu (null: off). */
    public BootConfig withFirmwareMenu(FirmwareMenu m) {
        return new BootConfig(biosBoot, uefiBoot, uefiIa32Boot, arm64Boot, ipxeScript, pxelinuxConfigFile, pxelinuxPathPrefix,
                hosts, menu, menuName, template, httpPort, httpBoot, arm64HttpBoot, uefiPath, arm64Path, m, ubootBoot, root);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
