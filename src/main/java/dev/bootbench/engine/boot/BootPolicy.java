package dev.bootbench.engine.boot;

import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import java.util.List;
import java.util.Locale;

/**
 * What a DHCP answer tells a client to boot.
 * <ol>
 * <li>An iPXE client (user class {@code iPXE} or option 175) gets the iPXE script URL, carrying its MAC,
 *     so a chainloaded iPXE never loads itself again; unless the iPXE rule is off (empty script setting,
 *     globally or for that MAC), when it is treated like any PXE client.</li>
 * <li>A UEFI HTTP Boot client gets its HTTP Boot program as a URL of our HTTP server (or the URL set).</li>
 * <li>A PXE client gets the boot program of its firmware (option 93, else option 60's Arch): for x64 and arm64 UEFI,
 *     that of the firmware's {@link BootPath} (iPXE's, GRUB's, or shim's for Secure Boot). A program set by bare name
 *     is given from its folder of the {@link RootLayout} when the served root has it there ({@code ipxe/undionly.kpxe},
 *     {@code bios/lpxelinux.0} with that folder as pxelinux's path prefix, option 210), else by that name.</li>
 * <li>U-Boot (option 60 {@code U-Boot...}, or type 21/22 in option 93) gets its boot file (by default
 *     {@code boot.scr.uimg}, which Bootbench makes to run the pxelinux menu) with the next-server address: no PXE
 *     options, it is no PXE ROM.</li>
 * <li>Anyone else gets an address, and the per-MAC boot file if one is set; a client that asks for option 67 without
 *     saying what it is gets the BIOS boot program (as dnsmasq gives its default boot file to whoever asks).</li>
 * </ol>
 * Per-MAC overrides win at each step. A pure function of the configuration and the request.
 */
public final class BootPolicy {
    private BootPolicy() {}

    /** @param defaultScriptUrl the URL of Bootbench's own script, e.g. {@code http://10.77.0.1/boot.ipxe} */
    public static BootDecision decide(BootConfig cfg, ClientInfo c, String defaultScriptUrl) {
        HostBoot host = cfg.host(c.mac());
        String script = host.ipxeScript() != null ? host.ipxeScript() : cfg.ipxeScript();
        if (c.isIpxe() && (script == null || !script.isEmpty())) {
            return new BootDecision(scriptUrl(script, c, defaultScriptUrl), true, null, null, "iPXE client: script");
        }
        if (c.isUBoot()) {
            if (host.bootFile() != null && !host.bootFile().isEmpty()) return withPxelinux(cfg, host.bootFile(), "per-MAC boot file");
            if (cfg.ubootBoot() == null) return BootDecision.none("no boot file set for " + c.firmware().label());
            return new BootDecision(cfg.ubootBoot(), false, null, null, c.firmware().label() + " boot script");
        }
        if (!c.isPxe()) {
            if (host.bootFile() != null) return withPxelinux(cfg, host.bootFile(), "per-MAC boot file");
            // as dnsmasq gives its boot file to whoever asks (measured: udhcpc asking 67 got the BIOS one, dhcp-boot's
            // default): a client that names no architecture is taken for PXE's default, x86 BIOS
            if (c.asksBootFile() && cfg.biosBoot() != null) {
                return withPxelinux(cfg, cfg.biosBoot(), "asked for a boot file (option 67): the BIOS boot program");
            }
            return BootDecision.none("not a PXE client");
        }
        if (c.isHttpBoot()) return httpBoot(cfg, c, host, defaultScriptUrl);
        if (host.bootFile() != null && !host.bootFile().isEmpty()) return withPxelinux(cfg, host.bootFile(), "per-MAC boot file");
        BootPath path = switch (c.firmware()) {
            case UEFI_X64, UEFI_X64_HTTP -> cfg.uefiPath();
            case UEFI_ARM64 -> cfg.arm64Path();
            default -> BootPath.IPXE;
        };
        String file = switch (c.firmware()) {
            case BIOS -> cfg.biosBoot();
            case UEFI_X64 -> path.x64Program(cfg.uefiBoot());
            case UEFI_IA32 -> cfg.uefiIa32Boot();
            case UEFI_ARM64 -> path.arm64Program(cfg.arm64Boot());
            case UEFI_X64_HTTP, UEFI_ARM64_HTTP -> null; // not reached: HTTP Boot clients are answered above
            case UEFI_ARM32, UNKNOWN -> null;
            case UBOOT_ARM32, UBOOT_ARM64, UBOOT -> null; // not reached: U-Boot is answered above
        };
        if (file == null) return BootDecision.none("no boot program set for " + c.firmware().label());
        return placed(cfg, file, c.firmware(), c.firmware().label() + " boot program" + (path != BootPath.IPXE ? " (" + path.label() + ")" : ""));
    }

    /**
     * The firmware menu a client is offered (option 43's menu, see {@link FirmwareMenu}), default first; empty when none:
     * no menu set, not a PXE client, a UEFI HTTP Boot client (it reads no PXE menu), a client with a per-MAC boot file,
     * a system type without items, or an iPXE client that chose from the menu a moment ago: that iPXE was chainloaded
     * from the item it chose, and iPXE prefers a menu over its boot file, so it would loop; it gets what
     * {@link #decide} gives it (the script). An iPXE that did not choose (QEMU's iPXE ROM at power-on, which sends the
     * very same request as a chainloaded one) is shown the menu like any PXE ROM.
     *
     * @param choseRecently the client chose an item of the menu on port 4011 within {@link BootCore#CHOICE_MEMORY_MILLIS}
     */
    public static List<FirmwareMenu.Item> firmwareMenu(BootConfig cfg, ClientInfo c, boolean choseRecently) {
        FirmwareMenu m = cfg.firmwareMenu();
        if (m == null || !c.isPxe() || c.isHttpBoot()) return List.of();
        String hostFile = cfg.host(c.mac()).bootFile();
        if (hostFile != null && !hostFile.isEmpty()) return List.of();
        if (c.isIpxe() && choseRecently) return List.of();
        return m.itemsFor(c.firmware());
    }

    /** A boot program given as it is, with pxelinux's options when it is pxelinux. */
    public static BootDecision program(BootConfig cfg, String file, String reason) {
        return withPxelinux(cfg, file, reason);
    }

    /**
     * A boot program set for a firmware: from its folder of the {@link RootLayout} when the served root has it there
     * (then, for syslinux, that folder is its path prefix unless one is set), else as it is.
     */
    public static BootDecision placed(BootConfig cfg, String file, Firmware fw, String reason) {
        String at = RootLayout.place(file, fw, cfg.root());
        if (at.equals(file)) return withPxelinux(cfg, file, reason);
        String prefix = cfg.pxelinuxPathPrefix() != null ? cfg.pxelinuxPathPrefix() : RootLayout.pathPrefix(at);
        if (isPxelinux(at)) return new BootDecision(at, false, cfg.pxelinuxConfigFile(), prefix, reason + ", from " + at.substring(0, at.indexOf('/') + 1));
        return new BootDecision(at, false, null, null, reason + ", from " + at.substring(0, at.indexOf('/') + 1));
    }

    /**
     * UEFI HTTP Boot: the boot file is a URL (a path of ours becomes {@code http://ADDRESS[:PORT]/PATH}); the firmware
     * fetches it with HEAD then GET, no TFTP. The per-MAC boot file wins; then the HTTP Boot program of its architecture.
     */
    private static BootDecision httpBoot(BootConfig cfg, ClientInfo c, HostBoot host, String defaultScriptUrl) {
        String file;
        String reason;
        if (host.bootFile() != null && !host.bootFile().isEmpty()) {
            file = host.bootFile();
            reason = "per-MAC boot file over HTTP";
        } else {
            Firmware fw = c.firmware();
            file = switch (fw) {
                // its own setting, else the program of the firmware's path (Secure Boot: shim, which fetches GRUB beside it)
                case UEFI_X64_HTTP -> cfg.httpBoot() != null ? cfg.httpBoot() : cfg.uefiPath().x64Program(cfg.uefiBoot());
                case UEFI_ARM64_HTTP -> cfg.arm64HttpBoot() != null ? cfg.arm64HttpBoot() : cfg.arm64Path().arm64Program(cfg.arm64Boot());
                default -> null;
            };
            if (file == null) {
                return BootDecision.none(switch (fw) {
                    case UEFI_X64_HTTP -> "no HTTP Boot program set for UEFI x64 (nor an x64 UEFI boot program)";
                    case UEFI_ARM64_HTTP -> "no HTTP Boot program set for UEFI arm64 (nor an arm64 boot program)";
                    default -> "HTTP Boot client of architecture " + (c.archCode() == null ? "unknown" : c.archCode())
                            + ": no HTTP Boot program for it";
                });
            }
            reason = fw.label() + " boot program over HTTP";
            file = RootLayout.place(file, fw == Firmware.UEFI_ARM64_HTTP ? Firmware.UEFI_ARM64 : Firmware.UEFI_X64, cfg.root());
        }
        return new BootDecision(httpUrl(file, defaultScriptUrl), false, null, null, reason);
    }

    /** A URL as it is; a path of ours as a URL of our HTTP server (the base of {@code defaultScriptUrl}). */
    public static String httpUrl(String file, String defaultScriptUrl) {
        if (file.contains("://")) return file;
        String base = defaultScriptUrl.substring(0, defaultScriptUrl.indexOf('/', defaultScriptUrl.indexOf("://") + 3));
        String path = file.replace('\\', '/');
        while (path.startsWith("/")) path = path.substring(1);
        StringBuilder url = new StringBuilder(base).append('/');
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int ch = b & 0xff;
            if (ch > 0x20 && ch < 0x7f && "%\"<>#?^`{|}".indexOf(ch) < 0) url.append((char) ch);
            else url.append('%').append(String.format(Locale.ROOT, "%02X", ch));
        }
        return url.toString();
    }

    private static BootDecision withPxelinux(BootConfig cfg, String file, String reason) {
        if (isPxelinux(file)) return new BootDecision(file, false, cfg.pxelinuxConfigFile(), cfg.pxelinuxPathPrefix(), reason);
        return new BootDecision(file, false, null, null, reason);
    }

    public static boolean isPxelinux(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        String base = f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
        return base.endsWith("pxelinux.0") || base.equals("syslinux.efi") || base.equals("syslinux64.efi");
    }

    private static String scriptUrl(String script, ClientInfo c, String defaultScriptUrl) {
        String url;
        if (script == null) {
            url = defaultScriptUrl;
        } else if (script.contains("://")) {
            url = script;
        } else {
            String base = defaultScriptUrl.substring(0, defaultScriptUrl.indexOf('/', defaultScriptUrl.indexOf("://") + 3));
            url = base + (script.startsWith("/") ? "" : "/") + script;
        }
        if (url.contains("mac=")) return url;
        return url + (url.contains("?") ? "&" : "?") + "mac=" + c.mac();
    }
}
