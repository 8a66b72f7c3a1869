package dev.bootbench.engine.dhcp;

import dev.bootbench.workspace.Settings;
import java.util.Locale;

/**
 * The one place that decides what a client boots.
 * <ol>
 * <li>An iPXE client (user class {@code iPXE} or option 175) gets the iPXE script URL, carrying its MAC,
 *     so a chainloaded iPXE never loads itself again; unless the iPXE rule is off (empty script setting,
 *     globally or for that MAC), when it is treated like any PXE client.</li>
 * <li>A PXE client gets the boot program of its firmware (option 93, else option 60's Arch).</li>
 * <li>Anyone else gets an address and no boot file.</li>
 * </ol>
 * Per-MAC overrides win at each step.
 */
public final class BootPolicy {
    /** The decision: boot file (null: none), whether it is the iPXE script, and pxelinux options. */
    public record Decision(String bootFile, boolean ipxeScript, String pxelinuxConfigFile, String pxelinuxPathPrefix, String reason) {
        public boolean pxelinux() {
            return pxelinuxConfigFile != null || pxelinuxPathPrefix != null;
        }
    }

    private final Settings settings;
    private final String defaultScriptUrl;

    /** @param defaultScriptUrl the URL of Bootbench's own script, e.g. {@code http://10.77.0.1/boot.ipxe} */
    public BootPolicy(Settings settings, String defaultScriptUrl) {
        this.settings = settings;
        this.defaultScriptUrl = defaultScriptUrl;
    }

    public Decision decide(ClientInfo c) {
        Settings.Host host = settings.hosts.get(c.mac().toString());
        String script = host != null && host.ipxeScript != null ? host.ipxeScript : settings.ipxeScript;
        if (c.isIpxe() && (script == null || !script.isEmpty())) {
            return new Decision(scriptUrl(script, c), true, null, null, "iPXE client: script");
        }
        if (!c.isPxe()) {
            if (host != null && host.bootFile != null) return withPxelinux(host.bootFile, "per-MAC boot file");
            return new Decision(null, false, null, null, "not a PXE client");
        }
        if (host != null && host.bootFile != null && !host.bootFile.isEmpty()) return withPxelinux(host.bootFile, "per-MAC boot file");
        String file = switch (c.firmware()) {
            case BIOS -> settings.biosBoot;
            case UEFI_X64, UEFI_X64_HTTP -> settings.uefiBoot;
            case UEFI_IA32 -> settings.uefiIa32Boot;
            case UEFI_ARM64 -> settings.arm64Boot;
            case UEFI_ARM32, UNKNOWN -> null;
        };
        if (file == null || file.isEmpty()) {
            return new Decision(null, false, null, null, "no boot program set for " + c.firmware().label());
        }
        return withPxelinux(file, c.firmware().label() + " boot program");
    }

    private Decision withPxelinux(String file, String reason) {
        if (isPxelinux(file)) {
            return new Decision(file, false, emptyToNull(settings.pxelinuxConfigFile), emptyToNull(settings.pxelinuxPathPrefix), reason);
        }
        return new Decision(file, false, null, null, reason);
    }

    public static boolean isPxelinux(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        String base = f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
        return base.endsWith("pxelinux.0") || base.equals("syslinux.efi") || base.equals("syslinux64.efi");
    }

    private String scriptUrl(String script, ClientInfo c) {
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
