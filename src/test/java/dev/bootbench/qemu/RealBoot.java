package dev.bootbench.qemu;

import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.BootTimes;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.testlab.ServeProcess;
import dev.bootbench.testlab.Sessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real boot: a bench of namespaces, {@code bootbench serve} on it, a QEMU guest that
 * network-boots through it to the test initramfs, the time to the marker, and the engine's session
 * of that guest checked stage by stage. On failure the serve, serial, QEMU (and dnsmasq) logs are
 * printed; they also stay in target/qemu/&lt;scenario&gt;/, with the sessions.json the checks read.
 */
final class RealBoot {
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(Long.getLong("bootbench.qemu.timeout", 180));
    static final String SESSIONS_URL = "http://" + Bench.SERVER_IP + "/_/api/sessions";
    /** The addresses the bench's DHCP server hands out. */
    static final String RANGE_FIRST = "10.77.0.100", RANGE_LAST = "10.77.0.149";


    /** What the guest boots through. */
    enum Loader { IPXE, PXELINUX, GRUB, /** U-Boot's boot.scr.uimg, then its pxe command on the published menu */ UBOOT }

    static final class Scenario {
        final String tag;
        QemuGuest.Firmware firmware = QemuGuest.Firmware.BIOS;
        QemuGuest.Nic nic = QemuGuest.Nic.E1000;
        String mac;
        boolean proxy;
        Loader loader = Loader.IPXE;
        final List<String> serveOptions = new ArrayList<>();
        String ipxeTemplate;
        /** the boot program fetched over TFTP before iPXE/pxelinux runs (null: the ROM is iPXE) */
        String bootProgram;
        /** how the firmware fetches the boot program: tftp, or http (UEFI HTTP Boot) */
        String bootProgramProtocol = "tftp";
        /** the firmware the session must name (Firmware's constant, e.g. UEFI_X64_HTTP), or null: no check */
        String sessionFirmware;
        /** where the pxelinux-style loader looks for its files (efi64/ for syslinux.efi) */
        String pxelinuxDir = "";
        /**
         * The root laid out as the Files view's "Copy into root" makes it (ipxe/, bios/ with what the boot paths load),
         * with the kernel, the initrd and pxelinux.cfg/ at its top: syslinux runs from {@link #pxelinuxDir} and finds
         * them through the fall-through to the root.
         */
        boolean structuredRoot;
        /** with {@link #structuredRoot}: the BIOS boot program set ({@code --bios-boot}) */
        String structuredBiosBoot;
        List<String> stages;
        /** text the guest must have shown on its serial console (e.g. the iPXE menu's title), or null */
        String mustShow;
        /** at least this long from SCRIPT to KERNEL in the session (a menu's timeout), 0: no check */
        long minScriptToKernelMillis;
        /** a menu published in the workspace (GRUB's grub.cfg is made from it), or null: none */
        dev.bootbench.menu.Menu menu;
        /** the path the session must show (the sessions API's {@code path}), or null: no check */
        List<String> pathShown;
        /** lines serve must have logged (e.g. the port-4011 boot server exchange of the firmware menu) */
        final List<String> serveLogMustShow = new ArrayList<>();

        /**
         * An ISO boot: {@code tiny.iso} (the test kernel and initramfs behind isolinux and an EFI boot image) and memdisk
         * are in the root; instead of vmlinuz and initrd.img the session must show {@link #wholeFiles} fetched whole and
         * {@link #rangeFile} read by HTTP ranges.
         */
        boolean iso;
        /** pxelinux.cfg/default in the root, or null: {@link #pxelinuxConfig(String)} */
        String pxelinuxConfig;
        /** with {@link #iso}: files fetched whole, as {@code protocol:path} */
        List<String> wholeFiles = List.of();
        /** with {@link #iso}: a file read in parts by HTTP range requests (iPXE's sanboot), or null */
        String rangeFile;

        Scenario(String tag) {
            this.tag = tag;
        }
    }

    static String defaultScript(String tag) {
        return """
                #!ipxe
                echo Bootbench real-boot test %1$s for {{mac}}
                kernel {{base-url}}/vmlinuz initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=%1$s
                initrd {{base-url}}/initrd.img
                imgfetch --name beacon {{base-url}}/_/event?mac={{mac}}&stage=booting && imgfree beacon || echo beacon not answered
                boot
                """.formatted(tag);
    }

    static String menuScript(String tag) {
        return """
                #!ipxe
                menu Bootbench real-boot test menu
                item --gap Choose one, or wait
                item linux Boot the test kernel
                item shell iPXE shell
                choose --default linux --timeout 3000 target || goto linux
                goto ${target}
                :shell
                shell
                :linux
                kernel {{base-url}}/vmlinuz initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=%1$s
                initrd {{base-url}}/initrd.img
                imgfetch --name beacon {{base-url}}/_/event?mac={{mac}}&stage=booting && imgfree beacon || echo beacon not answered
                boot
                """.formatted(tag);
    }

    static String pxelinuxConfig(String tag) {
        return """
                UI menu.c32
                PROMPT 0
                TIMEOUT 10
                DEFAULT linux
                MENU TITLE Bootbench real-boot test
                LABEL linux
                  MENU LABEL Boot the test kernel
                  KERNEL vmlinuz
                  APPEND initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=%s
                """.formatted(tag);
    }

    /** Preconditions of every real boot: root, the programs, the firmware, the kernel and initrd. */
    static void requirePreconditions() throws IOException {
        Lab.requireRootAnd("ip", "qemu-system-x86_64", "dnsmasq", "curl", "apt-get", "apt-cache", "dpkg-deb", "tar");
        Lab.require(Files.exists(Paths.get("/dev/net/tun")), "/dev/net/tun is missing (QEMU needs tap devices)");
        BootAssets.requireFirmware();
        Lab.jar();
        BootAssets.kernel();
        BootAssets.initrd();
    }

    static void run(Scenario s) throws Exception {
        Path runDir = Lab.targetDir().resolve("qemu").resolve(s.tag);
        Exec.run("rm", "-rf", runDir.toString());
        Files.createDirectories(runDir);
        Path root = Files.createTempDirectory("bootbench-root-");
        Path workspace = runDir.resolve("workspace");
        ServeProcess serve = null;
        QemuGuest guest = null;
        Bench bench = null;
        try {
            bench = Bench.create();
            populateRoot(root, s);
            Files.createDirectories(workspace.resolve("templates"));
            String template = s.ipxeTemplate != null ? s.ipxeTemplate : defaultScript(s.tag);
            Files.writeString(workspace.resolve("templates/boot.ipxe"), template);
            if (s.menu != null) publish(workspace, s.menu);
            String tap = bench.addTap();
            if (s.proxy) bench.startAddressServer("10.77.0.150", "10.77.0.199", runDir);

            serve = ServeProcess.start(bench.server(), runDir.resolve("serve.log"), serveOptions(s, root, workspace));

            guest = QemuGuest.start(bench, tap, s.firmware, s.nic, s.mac, runDir);
            double seconds = guest.awaitMarker(s.tag, BOOT_TIMEOUT);
            String marker = guest.markerLine();
            java.util.regex.Matcher up = java.util.regex.Pattern.compile("kernel_uptime=(\\S+)").matcher(marker == null ? "" : marker);
            String note = (up.find() ? "kernel_uptime=" + up.group(1) + " " : "") + "load=" + loadAverage();
            BootTimes.record(s.tag, seconds, note);
            System.out.println("marker: " + guest.markerLine());

            if (s.mustShow != null && !guest.serialLog().contains(s.mustShow)) {
                throw new AssertionError("the guest booted but never showed '" + s.mustShow + "' on its console");
            }
            for (String line : s.serveLogMustShow) {
                if (!serve.log().contains(line)) throw new AssertionError("serve never logged '" + line + "'");
            }
            if (s.proxy) checkAddressServer(s, runDir);
            checkSession(bench.server(), s, root, runDir);
            BootTimes.check(s.tag, seconds); // last: a wrong boot is the more telling failure
        } catch (Throwable t) {
            dumpLogs(s, runDir, serve, guest);
            throw t;
        } finally {
            if (guest != null) guest.close();
            if (serve != null) serve.close();
            if (bench != null) bench.close();
            Exec.run("rm", "-rf", root.toString());
        }
    }

    /** Publishes a menu in a workspace, as the Menus view does. */
    static void publish(Path workspace, dev.bootbench.menu.Menu menu) throws IOException {
        dev.bootbench.publish.MenuStore store = new dev.bootbench.publish.MenuStore(workspace);
        store.save("test", menu);
        store.setPublished("test");
    }

    /** The options of {@code bootbench serve} for a scenario: the bench interface, the root, the workspace, its own. */
    static String[] serveOptions(Scenario s, Path root, Path workspace) {
        List<String> opts = new ArrayList<>(List.of("--iface", Bench.SERVER_IFACE, "--address", Bench.SERVER_IP,
                "--dhcp", s.proxy ? "proxy" : "full", "--root", root.toString(), "--workspace", workspace.toString()));
        if (!s.proxy) opts.addAll(List.of("--range", RANGE_FIRST + "-" + RANGE_LAST, "--no-detect"));
        opts.addAll(s.serveOptions);
        return opts.toArray(String[]::new);
    }

    /** In proxy mode the address came from dnsmasq, not from Bootbench. */
    static void checkAddressServer(Scenario s, Path runDir) throws IOException {
        Path leases = runDir.resolve("dnsmasq.leases");
        String text = Files.exists(leases) ? Files.readString(leases) : "";
        if (!text.toLowerCase(java.util.Locale.ROOT).contains(s.mac)) {
            throw new AssertionError("proxyDHCP: dnsmasq gave " + s.mac + " no lease; its leases: " + text);
        }
    }

    /** The per-client session of the guest: its stages in order, and the sizes of its transfers. */
    static void checkSession(Netns server, Scenario s, Path root, Path runDir) throws IOException {
        String body = Sessions.fetchBody(server, SESSIONS_URL);
        Files.writeString(runDir.resolve("sessions.json"), body);
        List<Sessions.Session> all = Sessions.parse(body);
        // stages and transfers over every session of the MAC first (the most telling failure), then: one session
        Sessions.Session session = Sessions.merged(all, s.mac, body);
        System.out.println("session " + s.mac + ": " + session.stages());
        Sessions.assertStagesInOrder(session, s.stages);
        if (s.bootProgram != null) {
            Sessions.assertTransfer(session, s.bootProgramProtocol, s.bootProgram, Files.size(root.resolve(s.bootProgram)));
            // no loop: the chainloaded program was loaded once (an aborted first read does not count)
            long loaded = session.transfers(s.bootProgram).stream().filter(Sessions.Transfer::wentThrough).count();
            if (loaded != 1) throw new AssertionError(s.bootProgram + " went through " + loaded + " times: " + session.transfers(s.bootProgram));
        } else if (s.loader == Loader.IPXE) {
            // the BIOS ROM is iPXE already: it must get the script, not undionly.kpxe
            if (!session.transfers("undionly.kpxe").isEmpty()) throw new AssertionError("an iPXE ROM was sent undionly.kpxe: " + session.transfers("undionly.kpxe"));
        }
        if (s.loader == Loader.PXELINUX) {
            // the syslinux chain: its core module, the config found by the pxelinux.cfg lookup, the menu
            String core = s.firmware == QemuGuest.Firmware.OVMF_IA32 ? "ldlinux.e32" : s.firmware.ovmf() ? "ldlinux.e64" : "ldlinux.c32";
            for (String f : List.of(core, "pxelinux.cfg/default", "menu.c32", "libutil.c32")) {
                // a structured root: the config at the top of the root, served for the bios/pxelinux.cfg/... asked for
                String at = s.structuredRoot && f.startsWith("pxelinux.cfg/") ? f : s.pxelinuxDir + f;
                Sessions.assertTransfer(session, "tftp", at, Files.size(root.resolve(at)));
            }
        }
        if (s.loader == Loader.UBOOT) {
            // the script Bootbench made, then U-Boot's pxe lookup ending at the published menu's pxelinux.cfg/default (both made, not in the root)
            long script = dev.bootbench.engine.boot.UBootScript.uImage("Bootbench pxelinux menu", dev.bootbench.engine.boot.UBootScript.Arch.ARM64,
                    dev.bootbench.engine.boot.UBootScript.menuScript(), 0).length;
            Sessions.assertTransfer(session, "tftp", "boot.scr.uimg", script);
            long cfg = dev.bootbench.menu.pxelinux.PxelinuxGenerator.generate(s.menu, dev.bootbench.menu.pxelinux.PxelinuxGenerator.Options.defaults())
                    .files().get("default").getBytes(StandardCharsets.UTF_8).length;
            Sessions.assertTransfer(session, "tftp", "pxelinux.cfg/default", cfg);
            if (Files.exists(root.resolve("boot.scr.uimg")) || Files.exists(root.resolve("pxelinux.cfg/default"))) {
                throw new AssertionError("the root must not have the files Bootbench makes for U-Boot");
            }
        }
        if (s.loader == Loader.GRUB) {
            // shim loaded GRUB from beside itself; GRUB read the configuration made for this client from the published menu
            String grub = s.firmware.arm64() ? "grubaa64.efi" : "grubx64.efi";
            Sessions.assertTransfer(session, "tftp", grub, Files.size(root.resolve(grub)));
            long cfg = dev.bootbench.engine.boot.BootCore.grubMenu(s.menu, s.mac, null).getBytes(StandardCharsets.UTF_8).length;
            Sessions.assertTransfer(session, "tftp", "grub/grub.cfg", cfg);
        }
        if (s.iso) {
            checkIsoTransfers(session, s, root, runDir);
        } else {
            String proto = s.loader == Loader.IPXE ? "http" : "tftp";
            String dir = s.structuredRoot ? "" : s.pxelinuxDir;
            Sessions.assertTransfer(session, proto, dir + "vmlinuz", Files.size(kernel(s)));
            Sessions.assertTransfer(session, proto, dir + "initrd.img", Files.size(initrd(s)));
        }
        if (s.minScriptToKernelMillis > 0) {
            long script = session.millisOf("SCRIPT"), kernel = session.millisOf("KERNEL");
            if (script >= 0 && kernel >= 0 && kernel - script < s.minScriptToKernelMillis) {
                throw new AssertionError("KERNEL came " + (kernel - script) + " ms after SCRIPT: the menu did not wait its "
                        + s.minScriptToKernelMillis + " ms timeout");
            }
        }
        Sessions.Session one = Sessions.forMac(all, s.mac, body);
        if (s.sessionFirmware != null) {
            String fw = one.raw().path("firmware").asText(null);
            if (!s.sessionFirmware.equals(fw)) throw new AssertionError("the session names firmware " + fw + ", not " + s.sessionFirmware + ": " + one.raw());
        }
        if (s.pathShown != null) {
            List<String> path = new ArrayList<>();
            if (one.raw().has("path")) one.raw().get("path").forEach(n -> path.add(n.asText()));
            if (!path.equals(s.pathShown)) throw new AssertionError("the session's path is " + path + ", not " + s.pathShown);
        }
    }

    /** An ISO boot's files: memdisk and the ISO whole, or the ISO by ranges (never whole: sanboot reads what it needs). */
    private static void checkIsoTransfers(Sessions.Session session, Scenario s, Path root, Path runDir) throws IOException {
        for (String pf : s.wholeFiles) {
            String proto = pf.substring(0, pf.indexOf(':')), file = pf.substring(pf.indexOf(':') + 1);
            Sessions.assertTransfer(session, proto, file, Files.size(root.resolve(file)));
        }
        if (s.rangeFile != null) {
            List<Sessions.Transfer> reads = session.transfers(s.rangeFile);
            if (reads.size() < 2) throw new AssertionError("sanboot read " + s.rangeFile + " " + reads.size() + " times, not by ranges: " + reads);
            long total = reads.stream().mapToLong(t -> Math.max(0, t.bytes())).sum();
            for (Sessions.Transfer t : reads) {
                if (!"http".equalsIgnoreCase(t.protocol())) throw new AssertionError(s.rangeFile + " read over " + t.protocol() + ": " + t.raw());
            }
            // the ranges are the booted system reading its disk: not a kernel or an initrd the script loaded
            for (String st : List.of("KERNEL", "INITRD")) {
                if (session.stages().contains(st)) throw new AssertionError("range reads of " + s.rangeFile + " made the session reach " + st + ": " + session.stages());
            }
            // keep-alive: the ranges come over one connection (or a few), not one connection each
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("http: [0-9.]+:(\\d+) .*" + java.util.regex.Pattern.quote(s.rangeFile) + " \\[GET bytes")
                    .matcher(Files.readString(runDir.resolve("serve.log"), StandardCharsets.ISO_8859_1));
            java.util.Set<String> connections = new java.util.HashSet<>();
            while (port.find()) connections.add(port.group(1));
            if (connections.isEmpty() || connections.size() > 3) {
                throw new AssertionError(reads.size() + " range reads of " + s.rangeFile + " came over " + connections.size() + " connections (keep-alive expected)");
            }
            System.out.println(s.rangeFile + ": " + connections.size() + " connection(s), " + reads.size() + " range reads, " + total + " bytes of " + Files.size(root.resolve(s.rangeFile)));
        }
    }

    /** The kernel the scenario's guest boots: Debian's amd64 one, or its arm64 one on an arm64 guest. */
    static Path kernel(Scenario s) throws IOException {
        if (s.firmware == QemuGuest.Firmware.OVMF_IA32) return BootAssets.ia32Kernel();
        return s.firmware.arm64() ? BootAssets.arm64Kernel() : BootAssets.kernel();
    }

    /** The test initramfs of the guest's architecture. */
    static Path initrd(Scenario s) throws IOException {
        if (s.firmware == QemuGuest.Firmware.OVMF_IA32) return BootAssets.ia32Initrd();
        return s.firmware.arm64() ? BootAssets.arm64Initrd() : BootAssets.initrd();
    }

    /** The --root folder: boot programs, syslinux modules, kernel, initrd and pxelinux configs. */
    static void populateRoot(Path root, Scenario s) throws IOException {
        if (s.structuredRoot) {
            populateStructuredRoot(root, s);
            return;
        }
        for (String f : List.of("undionly.kpxe", "ipxe.efi", "snponly.efi")) BootAssets.copy(BootAssets.IPXE.resolve(f), root.resolve(f));
        for (String f : List.of("pxelinux.0", "lpxelinux.0")) BootAssets.copy(BootAssets.PXELINUX.resolve(f), root.resolve(f));
        for (String f : List.of("ldlinux.c32", "menu.c32", "libutil.c32")) BootAssets.copy(BootAssets.SYSLINUX_BIOS.resolve(f), root.resolve(f));
        BootAssets.copy(BootAssets.SYSLINUX_EFI, root.resolve("efi64/syslinux.efi"));
        for (String f : List.of("ldlinux.e64", "menu.c32", "libutil.c32")) BootAssets.copy(BootAssets.SYSLINUX_EFI64.resolve(f), root.resolve("efi64/" + f));
        if (s.firmware == QemuGuest.Firmware.OVMF_IA32) {
            BootAssets.copy(BootAssets.SYSLINUX_EFI32, root.resolve("efi32/syslinux.efi"));
            for (String f : List.of("ldlinux.e32", "menu.c32", "libutil.c32")) BootAssets.copy(BootAssets.SYSLINUX_EFI32_MODULES.resolve(f), root.resolve("efi32/" + f));
        }
        for (String dir : s.firmware == QemuGuest.Firmware.OVMF_IA32 ? List.of("", "efi64/", "efi32/") : List.of("", "efi64/")) {
            BootAssets.copy(kernel(s), root.resolve(dir + "vmlinuz"));
            BootAssets.copy(initrd(s), root.resolve(dir + "initrd.img"));
            if (s.loader == Loader.UBOOT) continue; // its menu is the published one, made by Bootbench
            Files.createDirectories(root.resolve(dir + "pxelinux.cfg"));
            Files.writeString(root.resolve(dir + "pxelinux.cfg/default"), s.pxelinuxConfig != null ? s.pxelinuxConfig : pxelinuxConfig(s.tag));
        }
        if (s.loader == Loader.GRUB && s.firmware.arm64()) {
            // arm64's: Microsoft-signed shim and Debian's signed GRUB network image, from Debian's arm64 packages
            BootAssets.copy(BootAssets.arm64Shim(), root.resolve("shimaa64.efi"));
            BootAssets.copy(BootAssets.arm64GrubNet(), root.resolve("grubaa64.efi"));
        } else if (s.loader == Loader.GRUB) {
            // the Secure Boot chain as the Files view copies it: Microsoft-signed shim, Debian's signed GRUB beside it
            BootAssets.copy(BootAssets.SHIM_X64, root.resolve("shimx64.efi"));
            BootAssets.copy(BootAssets.GRUBNET_X64, root.resolve("grubx64.efi"));
        }
        if (s.iso) {
            BootAssets.iso(s.tag, root.resolve("tiny.iso"));
            BootAssets.copy(BootAssets.MEMDISK, root.resolve("memdisk"));
        }
        // readable by any server user
        Exec.run("chmod", "-R", "a+rX", root.toString()).orThrow();
    }

    /**
     * The root as the Files view's "Copy into root" lays it out for the boot paths of the scenario (the same finder, plan
     * and copy, from this machine's packages), and the kernel, initrd and pxelinux.cfg/default at its top.
     */
    static void populateStructuredRoot(Path root, Scenario s) throws IOException {
        var cfg = dev.bootbench.engine.boot.BootConfig.builder().biosBoot(s.structuredBiosBoot).uefiBoot("ipxe.efi").ipxeScript("").build();
        var report = dev.bootbench.workspace.BootProgramFinder.system(List.of()).scan();
        var plan = dev.bootbench.workspace.BootProgramFinder.plan(report.found(), dev.bootbench.engine.boot.RootLayout.needed(cfg));
        List<String> written = dev.bootbench.workspace.BootProgramFinder.copyInto(plan.copy(), root);
        System.out.println("structured root: " + written + (plan.notFound().isEmpty() ? "" : "; not found: " + plan.notFound()));
        try (var top = Files.list(root)) {
            List<String> files = top.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            if (!files.isEmpty()) throw new AssertionError("the copy put files at the top of the root: " + files);
        }
        BootAssets.copy(kernel(s), root.resolve("vmlinuz"));
        BootAssets.copy(initrd(s), root.resolve("initrd.img"));
        Files.createDirectories(root.resolve("pxelinux.cfg"));
        Files.writeString(root.resolve("pxelinux.cfg/default"), s.pxelinuxConfig != null ? s.pxelinuxConfig : pxelinuxConfig(s.tag));
        Exec.run("chmod", "-R", "a+rX", root.toString()).orThrow();
    }

    private static void dumpLogs(Scenario s, Path runDir, ServeProcess serve, QemuGuest guest) {
        StringBuilder b = new StringBuilder("\n===== real boot " + s.tag + " failed; logs in " + runDir + " =====\n");
        if (serve != null) b.append("----- serve log -----\n").append(serve.log()).append('\n');
        if (guest != null) {
            b.append("----- serial log -----\n").append(tail(guest.serialLog(), 20000)).append('\n');
            b.append("----- qemu log -----\n").append(guest.qemuLog()).append('\n');
        }
        for (String extra : List.of("dnsmasq.log")) {
            Path p = runDir.resolve(extra);
            if (Files.exists(p)) {
                try {
                    b.append("----- ").append(extra).append(" -----\n").append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
        System.out.println(b);
    }

    /** The 1-minute load average: boot times under TCG depend on it (other jobs share the cores). */
    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "[...]" + s.substring(s.length() - max);
    }
}
