package dev.bootbench.qemu;

import dev.bootbench.export.ProductionExport;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootTimes;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots through an export for production, with no Bootbench process running: the workspace's settings and
 * published menu are exported ({@link ProductionExport}), and the bench's server namespace runs the exported files
 * with the servers operators use: dnsmasq (DHCP and TFTP) and nginx, or Kea, tftpd-hpa (started from the exported
 * /etc/default file's values) and nginx. Each guest boots the published menu's default entry to the test initramfs;
 * the servers' own logs show the chain (nginx's access log: the script, the kernel and the initrd).
 */
@Tag("qemu")
class ExportedSetupBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        Lab.requireRootAnd("dnsmasq", "nginx", "kea-dhcp4", "in.tftpd");
    }

    enum Servers { DNSMASQ, KEA_TFTPD }

    static Menu menu(String tag) {
        return Menu.builder("Bootbench export " + tag).defaultEntry("linux").timeoutMs(1000)
                .entry("linux", "Boot the test kernel", new BootAction.Linux("vmlinuz", List.of("initrd.img"),
                        "initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=" + tag))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
    }

    @Test
    void dnsmasqBiosIpxeRom() throws Exception {
        run("export-dnsmasq-bios-ipxe-rom", Servers.DNSMASQ, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, "52:54:00:77:00:51", Map.of(), false);
    }

    @Test
    void dnsmasqOvmfIpxeEfi() throws Exception {
        run("export-dnsmasq-uefi-ipxe.efi", Servers.DNSMASQ, QemuGuest.Firmware.OVMF, QemuGuest.Nic.VIRTIO_NO_ROM, "52:54:00:77:00:52",
                Map.of("uefiBoot", "ipxe.efi"), false);
    }

    @Test
    void dnsmasqBiosLpxelinux() throws Exception {
        run("export-dnsmasq-bios-lpxelinux", Servers.DNSMASQ, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, "52:54:00:77:00:53",
                Map.of("ipxeScript", "", "biosBoot", "lpxelinux.0"), true);
    }

    @Test
    void keaTftpdBiosIpxeRom() throws Exception {
        run("export-kea-bios-ipxe-rom", Servers.KEA_TFTPD, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, "52:54:00:77:00:54", Map.of(), false);
    }

    @Test
    void keaTftpdOvmfIpxeEfi() throws Exception {
        run("export-kea-uefi-ipxe.efi", Servers.KEA_TFTPD, QemuGuest.Firmware.OVMF, QemuGuest.Nic.VIRTIO_NO_ROM, "52:54:00:77:00:55",
                Map.of("uefiBoot", "ipxe.efi"), false);
    }

    @Test
    void keaTftpdBiosLpxelinux() throws Exception {
        run("export-kea-bios-lpxelinux", Servers.KEA_TFTPD, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, "52:54:00:77:00:56",
                Map.of("ipxeScript", "", "biosBoot", "lpxelinux.0"), true);
    }

    static void run(String tag, Servers servers, QemuGuest.Firmware fw, QemuGuest.Nic nic, String mac, Map<String, String> settings,
                    boolean pxelinux) throws Exception {
        Path runDir = Lab.targetDir().resolve("qemu").resolve(tag);
        Exec.run("rm", "-rf", runDir.toString());
        Files.createDirectories(runDir);
        Path root = Files.createTempDirectory("bootbench-root-");
        Path out = Files.createTempDirectory("bootbench-export-");
        Exec.run("chmod", "755", out.toString()).orThrow(); // tftpd-hpa's and nginx's users reach root/ through it
        Bench bench = null;
        QemuGuest guest = null;
        try {
            RealBoot.Scenario s = new RealBoot.Scenario(tag);
            s.firmware = fw;
            RealBoot.populateRoot(root, s);
            Workspace ws = new Workspace(runDir.resolve("workspace"));
            RealBoot.publish(ws.dir(), menu(tag));
            Settings st = new Settings();
            st.iface = Bench.SERVER_IFACE;
            st.address = Bench.SERVER_IP;
            st.subnetMask = "255.255.255.0";
            st.range = RealBoot.RANGE_FIRST + "-" + RealBoot.RANGE_LAST;
            st.root = root.toString();
            if (settings.containsKey("ipxeScript")) st.ipxeScript = settings.get("ipxeScript");
            if (settings.containsKey("biosBoot")) st.biosBoot = settings.get("biosBoot");
            if (settings.containsKey("uefiBoot")) st.uefiBoot = settings.get("uefiBoot");
            ProductionExport.write(st, ws, out);
            Exec.run("cp", "-r", out.toString(), runDir.resolve("export").toString());

            bench = Bench.create();
            String tap = bench.addTap();
            Netns srv = bench.server();
            srv.start(List.of("nginx", "-c", out.resolve("nginx.conf").toString(), "-p", out.toString(), "-g", "daemon off;"),
                    runDir.resolve("nginx.out"));
            if (servers == Servers.DNSMASQ) {
                // as root, as the test peers run (a site runs it as its own user, which then owns the leases and log)
                srv.start(List.of("dnsmasq", "--no-daemon", "-C", out.resolve("dnsmasq.conf").toString(), "--user=root", "--group=root"),
                        runDir.resolve("dnsmasq.out"));
            } else {
                srv.start(List.of("env", "KEA_PIDFILE_DIR=" + out, "KEA_LOCKFILE_DIR=" + out, "kea-dhcp4", "-c", out.resolve("kea-dhcp4.conf").toString()),
                        runDir.resolve("kea.out"));
                srv.start(tftpdFromDefaults(out.resolve("tftpd-hpa")), runDir.resolve("tftpd.out"));
            }
            Thread.sleep(1500); // the servers bind their sockets (no Bootbench to say "ready")

            guest = QemuGuest.start(bench, tap, fw, nic, mac, runDir);
            double seconds = guest.awaitMarker(tag, RealBoot.BOOT_TIMEOUT);
            BootTimes.record(tag, seconds, "load=" + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            System.out.println("marker: " + guest.markerLine());

            String access = Files.readString(out.resolve("logs/nginx-access.log"), StandardCharsets.ISO_8859_1);
            if (pxelinux) {
                // TFTP all the way: nginx is not asked
                if (access.contains("GET /vmlinuz")) throw new AssertionError("pxelinux fetched the kernel over HTTP:\n" + access);
            } else {
                for (String f : List.of("/boot.ipxe", "/vmlinuz", "/initrd.img"))
                    if (!Pattern.compile("\"GET " + Pattern.quote(f) + "[ ?][^\"]*\" 200 ").matcher(access).find())
                        throw new AssertionError("nginx did not serve " + f + " with 200:\n" + access);
            }
            if (servers == Servers.DNSMASQ) {
                String leases = Files.readString(out.resolve("dnsmasq.leases"));
                if (!leases.toLowerCase(Locale.ROOT).contains(mac)) throw new AssertionError("dnsmasq gave " + mac + " no lease: " + leases);
            } else {
                String leases = Files.readString(out.resolve("kea-leases4.csv"));
                if (!leases.toLowerCase(Locale.ROOT).contains(mac)) throw new AssertionError("Kea gave " + mac + " no lease: " + leases);
            }
            BootTimes.check(tag, seconds);
        } catch (Throwable t) {
            StringBuilder b = new StringBuilder("\n===== exported-setup boot " + tag + " failed; logs in " + runDir + " =====\n");
            for (Path p : List.of(runDir.resolve("nginx.out"), runDir.resolve("dnsmasq.out"), runDir.resolve("kea.out"), runDir.resolve("tftpd.out"),
                    out.resolve("logs/dnsmasq.log"), out.resolve("logs/kea-dhcp4.log"), out.resolve("logs/nginx-access.log"), out.resolve("logs/nginx-error.log"))) {
                if (Files.exists(p)) b.append("----- ").append(p.getFileName()).append(" -----\n").append(tail(Files.readString(p, StandardCharsets.ISO_8859_1))).append('\n');
            }
            if (guest != null) b.append("----- serial log -----\n").append(tail(guest.serialLog())).append('\n');
            System.out.println(b);
            throw t;
        } finally {
            if (guest != null) guest.close();
            if (bench != null) bench.close();
            try {
                Exec.run("cp", "-r", out.resolve("logs").toString(), runDir.resolve("logs").toString());
            } finally {
                Exec.run("rm", "-rf", root.toString(), out.toString());
            }
        }
    }

    /** in.tftpd as the tftpd-hpa service starts it, from the values of the exported /etc/default/tftpd-hpa. */
    static List<String> tftpdFromDefaults(Path defaults) throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(TFTP_[A-Z]+)=\"([^\"]*)\"$").matcher(Files.readString(defaults));
        while (m.find()) v.put(m.group(1), m.group(2));
        for (String k : List.of("TFTP_USERNAME", "TFTP_DIRECTORY", "TFTP_ADDRESS", "TFTP_OPTIONS"))
            if (!v.containsKey(k)) throw new AssertionError(defaults + " has no " + k + ":\n" + Files.readString(defaults));
        List<String> cmd = new ArrayList<>(List.of(Lab.which("in.tftpd").toString(), "--listen", "--foreground", "--verbose",
                "--user", v.get("TFTP_USERNAME"), "--address", v.get("TFTP_ADDRESS")));
        for (String o : v.get("TFTP_OPTIONS").trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.add(v.get("TFTP_DIRECTORY"));
        return cmd;
    }

    private static String tail(String s) {
        return s.length() <= 20000 ? s : "[...]" + s.substring(s.length() - 20000);
    }
}
