package dev.bootbench.export;

import dev.bootbench.engine.boot.BootConfig;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.boot.RootLayout;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.boot.BootPolicy;
import dev.bootbench.engine.boot.HostBoot;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.net.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link BootPolicy} written out as rules a DHCP server can hold: each rule names the client classes it needs and
 * those it must not have, and what the client gets. The rules never overlap (each excludes what an earlier step of
 * the policy would have answered), so their order does not matter to dnsmasq's tags or Kea's classes alike.
 *
 * <p>The classes: {@code ipxe} (user class iPXE or option 175), {@code httpboot} (option 60 HTTPClient, or option 93
 * 16 or 19), {@code http-x64} and {@code http-arm64}, the PXE firmware by option 93 (else option 60's Arch:)
 * {@code bios} 0, {@code efi-ia32} 6, {@code efi-x64} 7 and 9, {@code efi-arm64} 11, and {@code host-N} for the
 * N-th client with boot settings of its own (by MAC). A client with boot settings of its own is answered by its rules
 * only, made as the policy answers it.
 */
public final class BootRules {
    /** The PXE firmware the policy tells apart, with their option 93 codes. */
    public enum Arch {
        BIOS("bios", 0), EFI_IA32("efi-ia32", 6), EFI_X64("efi-x64", 7, 9), EFI_ARM64("efi-arm64", 11),
        HTTP_X64("http-x64", 16), HTTP_ARM64("http-arm64", 19);

        public final String tag;
        public final int[] codes;

        Arch(String tag, int... codes) {
            this.tag = tag;
            this.codes = codes;
        }

        public boolean http() {
            return this == HTTP_X64 || this == HTTP_ARM64;
        }
    }

    public static final String IPXE = "ipxe";
    public static final String HTTPBOOT = "httpboot";

    /**
     * One answer.
     *
     * @param name        a short name (for Kea's class and comments)
     * @param why         in words, for the comment above it
     * @param with        classes the client must have
     * @param without     classes it must not have
     * @param bootFile    the boot file (a TFTP path, or a URL)
     * @param httpClient  the answer carries option 60 {@code HTTPClient} (UEFI HTTP Boot)
     * @param pxelinuxConfig option 209, or null
     * @param pxelinuxPrefix option 210, or null
     */
    public record Rule(String name, String why, List<String> with, List<String> without, String bootFile, boolean httpClient,
                       String pxelinuxConfig, String pxelinuxPrefix) {
        public boolean url() {
            return bootFile.contains("://");
        }

        /** pxelinux's options go with this answer (its program is pxelinux and 209 or 210 is set). */
        public boolean pxelinux() {
            return pxelinuxConfig != null || pxelinuxPrefix != null;
        }
    }

    /** A client with boot settings of its own, the class {@code tag} naming it. */
    public record Host(MacAddress mac, String tag) {}

    private final List<Host> hosts = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    private BootRules() {}

    /** The rules of an export: the defaults for every client, and those of each client with settings of its own. */
    public static BootRules of(ExportPlan plan) {
        BootRules r = new BootRules();
        BootConfig cfg = plan.boot();
        Map<MacAddress, HostBoot> own = new LinkedHashMap<>();
        cfg.hosts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            HostBoot h = e.getValue();
            if (h.bootFile() != null || h.ipxeScript() != null || ServedTree.hasOwnScript(plan, h.nextBoot())) own.put(e.getKey(), h);
        });
        int n = 1;
        for (MacAddress mac : own.keySet()) r.hosts.add(new Host(mac, "host-" + n++));
        List<String> others = r.hosts.stream().map(Host::tag).toList();
        r.profile(plan, null, HostBoot.NONE, List.of(), others);
        for (Host h : r.hosts) r.profile(plan, h, own.get(h.mac()), List.of(h.tag()), List.of());
        return r;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The rules of one client (host) or of everyone else (null), as {@link BootPolicy#decide} answers them. */
    private void profile(ExportPlan plan, Host host, HostBoot h, List<String> with, List<String> without) {
        BootConfig cfg = plan.boot();
        String prefix = host == null ? "" : host.tag() + "-";
        String who = host == null ? "" : " (" + host.mac() + ")";
        String script = h.ipxeScript() != null ? h.ipxeScript() : cfg.ipxeScript();
        boolean ipxeOn = script == null || !script.isEmpty();
        List<String> notIpxe = new ArrayList<>(without);
        if (ipxeOn) {
            notIpxe.add(IPXE);
            String url;
            if (h.ipxeScript() != null) url = scriptUrl(plan, h.ipxeScript());
            else if (host != null && ServedTree.hasOwnScript(plan, h.nextBoot())) url = plan.baseUrl() + "/" + ServedTree.hostScript(host.mac());
            else url = script == null ? plan.scriptUrl() : scriptUrl(plan, script);
            rules.add(new Rule(prefix + "ipxe", "iPXE clients" + who + ": the script", plus(with, IPXE), without, url, false, null, null));
        }
        List<String> pxe = plus(notIpxe, HTTPBOOT);
        if (h.bootFile() != null) {
            rules.add(new Rule(prefix + "httpboot", "UEFI HTTP Boot" + who + ": its boot file over HTTP", plus(with, HTTPBOOT), notIpxe,
                    BootPolicy.httpUrl(h.bootFile(), plan.scriptUrl()), true, null, null));
            rules.add(withPxelinux(cfg, prefix + "boot-file", "any other client" + who + ": its own boot file", with, pxe, h.bootFile()));
            return;
        }
        String httpX64 = cfg.httpBoot() != null ? cfg.httpBoot() : cfg.uefiPath().x64Program(cfg.uefiBoot());
        String httpArm64 = cfg.arm64HttpBoot() != null ? cfg.arm64HttpBoot() : cfg.arm64Path().arm64Program(cfg.arm64Boot());
        if (httpX64 != null)
            rules.add(new Rule(prefix + "http-x64", "UEFI HTTP Boot x64" + who, plus(with, Arch.HTTP_X64.tag), notIpxe,
                    BootPolicy.httpUrl(RootLayout.place(httpX64, Firmware.UEFI_X64, cfg.root()), plan.scriptUrl()), true, null, null));
        if (httpArm64 != null)
            rules.add(new Rule(prefix + "http-arm64", "UEFI HTTP Boot arm64" + who, plus(with, Arch.HTTP_ARM64.tag), notIpxe,
                    BootPolicy.httpUrl(RootLayout.place(httpArm64, Firmware.UEFI_ARM64, cfg.root()), plan.scriptUrl()), true, null, null));
        for (Arch a : List.of(Arch.BIOS, Arch.EFI_IA32, Arch.EFI_X64, Arch.EFI_ARM64)) {
            String file = switch (a) {
                case BIOS -> cfg.biosBoot();
                case EFI_IA32 -> cfg.uefiIa32Boot();
                case EFI_X64 -> cfg.uefiPath().x64Program(cfg.uefiBoot());
                case EFI_ARM64 -> cfg.arm64Path().arm64Program(cfg.arm64Boot());
                default -> null;
            };
            if (file == null) continue;
            // from its folder of the layout when the served root has it there (syslinux with that folder as option 210)
            BootDecision d = BootPolicy.placed(cfg, file, switch (a) {
                case BIOS -> Firmware.BIOS;
                case EFI_IA32 -> Firmware.UEFI_IA32;
                case EFI_ARM64 -> Firmware.UEFI_ARM64;
                default -> Firmware.UEFI_X64;
            }, "");
            rules.add(new Rule(prefix + a.tag, label(a) + " PXE" + who, plus(with, a.tag), pxe, d.bootFile(), false,
                    d.pxelinuxConfigFile(), d.pxelinuxPathPrefix()));
        }
    }

    private static Rule withPxelinux(BootConfig cfg, String name, String why, List<String> with, List<String> without, String file) {
        boolean px = BootPolicy.isPxelinux(file);
        return new Rule(name, why, with, without, file, false, px ? cfg.pxelinuxConfigFile() : null, px ? cfg.pxelinuxPathPrefix() : null);
    }

    /** A script setting as a URL: a URL as it is, a path of the root as a URL of nginx. */
    static String scriptUrl(ExportPlan plan, String script) {
        if (script.contains("://")) return script;
        return plan.baseUrl() + "/" + script.replaceFirst("^/+", "");
    }

    static String label(Arch a) {
        return switch (a) {
            case BIOS -> "BIOS";
            case EFI_IA32 -> "UEFI ia32";
            case EFI_X64 -> "UEFI x64";
            case EFI_ARM64 -> "UEFI arm64";
            case HTTP_X64 -> "UEFI HTTP Boot x64";
            case HTTP_ARM64 -> "UEFI HTTP Boot arm64";
        };
    }

    private static List<String> plus(List<String> l, String x) {
        List<String> out = new ArrayList<>(l);
        out.add(x);
        return List.copyOf(out);
    }

    /** {@code 52-54-00-77-00-01}: a MAC as iPXE's {@code ${mac:hexhyp}} writes it. */
    static String hyphenated(MacAddress mac) {
        return mac.toString().replace(':', '-').toLowerCase(Locale.ROOT);
    }
}
