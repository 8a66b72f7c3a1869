package dev.bootbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.cli.Cli;
import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.boot.BootPolicy;
import dev.bootbench.engine.boot.NextBoot;
import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.publish.MenuStore;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export for production: each file passes its own server's checker (dnsmasq, Kea, nginx, run for real), the boot
 * policy written as tags and classes answers every kind of client as Bootbench's own policy does, and the served tree
 * holds the published menu as static files.
 */
class ProductionExportTest {
    static final MacAddress NEXT_LOCAL = MacAddress.parse("52:54:00:77:00:31");
    static final MacAddress NEXT_ENTRY = MacAddress.parse("52:54:00:77:00:32");
    static final MacAddress OWN_FILE = MacAddress.parse("52:54:00:77:00:33");
    static final MacAddress NO_IPXE = MacAddress.parse("52:54:00:77:00:34");
    static final MacAddress PLAIN = MacAddress.parse("52:54:00:77:00:35");

    @TempDir
    Path tmp;

    static Menu menu() {
        return Menu.builder("Export test menu").defaultEntry("linux").timeoutMs(2000)
                .entry("linux", "Linux", new BootAction.Linux("vmlinuz", List.of("initrd.img"), "initrd=initrd.img console=ttyS0"))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
    }

    /** A workspace on the loopback (the checkers look at the machine's interfaces), a published menu, and clients of their own. */
    Settings settings(Workspace ws, int httpPort) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("served"));
        for (String f : List.of("undionly.kpxe", "ipxe.efi", "lpxelinux.0", "vmlinuz", "initrd.img"))
            Files.writeString(root.resolve(f), "content of " + f);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/file.txt"), "nested");
        MenuStore store = new MenuStore(ws.dir());
        store.save("prod", menu());
        store.setPublished("prod");
        Settings s = new Settings();
        s.iface = "lo";
        s.address = "127.0.0.1";
        s.subnetMask = "255.0.0.0";
        s.range = "127.0.0.100-127.0.0.149";
        s.router = "127.0.0.254";
        s.dns = new ArrayList<>(List.of("127.0.0.53"));
        s.domain = "bench.test";
        s.root = root.toString();
        s.httpPort = httpPort;
        s.pxelinuxConfigFile = "pxelinux.cfg/default";
        s.pxelinuxPathPrefix = "/";
        host(s, NEXT_LOCAL).nextBoot = "local";
        Settings.Host e = host(s, NEXT_ENTRY);
        e.nextBoot = "linux";
        e.address = "127.0.0.20";
        e.hostname = "pc32";
        host(s, OWN_FILE).bootFile = "lpxelinux.0";
        host(s, NO_IPXE).ipxeScript = "";
        return s;
    }

    static Settings.Host host(Settings s, MacAddress mac) {
        return s.hosts.computeIfAbsent(mac.toString(), k -> new Settings.Host());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void eachFilePassesItsServersChecker() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Path out = tmp.resolve("export");
        List<Path> written = ProductionExport.write(settings(ws, freePort()), ws, out);
        for (String f : List.of("dnsmasq.conf", "kea-dhcp4.conf", "tftpd-hpa", "nginx.conf", "README.md", "root/boot.ipxe"))
            assertTrue(written.contains(out.resolve(f)), f + " written: " + written);

        Lab.require(Lab.which("dnsmasq") != null, "dnsmasq is not installed (bash .ci/run installs it)");
        check(Exec.run(Duration.ofSeconds(60), List.of(Lab.which("dnsmasq").toString(), "--test", "-C", out.resolve("dnsmasq.conf").toString())), "dnsmasq --test");
        Lab.require(Lab.which("kea-dhcp4") != null, "kea-dhcp4 is not installed (package kea-dhcp4-server; bash .ci/run installs it)");
        check(Exec.run(Duration.ofSeconds(60), List.of(Lab.which("kea-dhcp4").toString(), "-t", out.resolve("kea-dhcp4.conf").toString())), "kea-dhcp4 -t");
        Lab.require(Lab.which("nginx") != null, "nginx is not installed (package nginx-light; bash .ci/run installs it)");
        check(Exec.run(Duration.ofSeconds(60), List.of(Lab.which("nginx").toString(), "-t", "-c", out.resolve("nginx.conf").toString(), "-p", out.toString())),
                "nginx -t");
    }

    private static void check(Exec.Result r, String what) {
        assertEquals(0, r.exitCode(), what + " refused the exported file:\n" + r.stdout() + r.stderr());
    }

    @Test
    void theTagsAndClassesAnswerEveryClientAsBootbenchsPolicyDoes() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        assertRulesAnswerAsThePolicy(ExportPlan.of(settings(ws, 8080), ws, tmp.resolve("export")));
    }

    /**
     * A root laid out as the Files view copies it (ipxe/, bios/): the exported rules give the programs from their folders
     * with bios/ as pxelinux's path prefix, as Bootbench does, and bios/ reaches the config and kernels at the top of the
     * root through links (Bootbench serves them from the top; a plain TFTP or HTTP server follows the links).
     */
    @Test
    void aStructuredRootIsExportedAsBootbenchServesIt() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Settings s = settings(ws, 8080);
        s.pxelinuxPathPrefix = null;
        s.biosBoot = "lpxelinux.0";
        Path root = Path.of(s.root);
        Files.createDirectories(root.resolve("ipxe"));
        Files.createDirectories(root.resolve("bios"));
        Files.move(root.resolve("undionly.kpxe"), root.resolve("ipxe/undionly.kpxe"));
        Files.move(root.resolve("ipxe.efi"), root.resolve("ipxe/ipxe.efi"));
        Files.move(root.resolve("lpxelinux.0"), root.resolve("bios/lpxelinux.0"));
        Files.writeString(root.resolve("bios/ldlinux.c32"), "core");
        Path out = tmp.resolve("export-structured");
        ExportPlan plan = ExportPlan.of(s, ws, out);
        assertRulesAnswerAsThePolicy(plan);
        ProductionExport.write(s, ws, out);
        String dnsmasq = Files.readString(out.resolve("dnsmasq.conf"));
        assertTrue(dnsmasq.contains("bios/lpxelinux.0"), dnsmasq);
        assertTrue(dnsmasq.contains("ipxe/ipxe.efi"), dnsmasq);
        assertTrue(dnsmasq.contains("bios/"), "option 210: " + dnsmasq);
        assertTrue(Files.readString(out.resolve("kea-dhcp4.conf")).contains("bios/lpxelinux.0"));
        // bios/ reaches the top of the root: the config, the kernel; its own files stay its own
        Path bios = out.resolve("root/bios");
        assertTrue(Files.isSymbolicLink(bios.resolve("pxelinux.cfg")), "bios/pxelinux.cfg is a link");
        assertEquals(Files.readString(out.resolve("root/pxelinux.cfg/default")), Files.readString(bios.resolve("pxelinux.cfg/default")));
        assertEquals("content of vmlinuz", Files.readString(bios.resolve("vmlinuz")));
        assertEquals("core", Files.readString(bios.resolve("ldlinux.c32")));
        assertFalse(Files.exists(bios.resolve("bios"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "no link to itself");
        // exported again: the links are there already, nothing fails
        ProductionExport.write(s, ws, out);
    }

    static void assertRulesAnswerAsThePolicy(ExportPlan plan) {
        BootRules rules = BootRules.of(plan);
        String ours = plan.scriptUrl();
        int checked = 0;
        for (MacAddress mac : List.of(PLAIN, NEXT_LOCAL, NEXT_ENTRY, OWN_FILE, NO_IPXE)) {
            for (ClientInfo c : clients(mac)) {
                BootDecision d = BootPolicy.decide(plan.boot(), c, ours);
                List<BootRules.Rule> match = rules.rules().stream().filter(r -> matches(r, c, rules)).toList();
                assertTrue(match.size() <= 1, "rules overlap for " + describe(c) + ": " + match);
                String exported = match.isEmpty() ? null : match.get(0).bootFile();
                String expected = d.bootFile() == null ? null : d.bootFile().replaceFirst("[?&]mac=[0-9a-f:]+$", "");
                if (d.ipxeScript() && plan.boot().host(mac).nextBoot() != null)
                    expected = plan.baseUrl() + "/" + ServedTree.hostScript(mac); // its next boot, as a file of its own
                assertEquals(expected, exported, "what " + describe(c) + " gets");
                if (!match.isEmpty()) {
                    assertEquals(d.pxelinuxConfigFile(), match.get(0).pxelinuxConfig(), "option 209 for " + describe(c));
                    assertEquals(d.pxelinuxPathPrefix(), match.get(0).pxelinuxPrefix(), "option 210 for " + describe(c));
                    assertEquals(c.isHttpBoot() && !(d.ipxeScript()), match.get(0).httpClient(), "option 60 HTTPClient for " + describe(c));
                }
                checked++;
            }
        }
        assertTrue(checked > 40, checked + " clients checked");
    }

    /** Every kind of client the policy tells apart: each firmware by option 93 or by option 60 only, iPXE or not, HTTP Boot, no PXE. */
    static List<ClientInfo> clients(MacAddress mac) {
        List<ClientInfo> out = new ArrayList<>();
        for (int arch : new int[] {0, 6, 7, 9, 10, 11, 16, 19}) {
            String prefix = arch == 16 || arch == 19 ? "HTTPClient" : "PXEClient";
            String vendor = String.format("%s:Arch:%05d:UNDI:003016", prefix, arch);
            Firmware fw = Firmware.fromArchCode(arch);
            out.add(new ClientInfo(mac, 1, fw, arch, vendor, null, null, null, null));
            out.add(new ClientInfo(mac, 1, fw, arch, vendor, "iPXE", null, null, null));
        }
        {
            out.add(new ClientInfo(mac, 1, Firmware.UNKNOWN, null, "PXEClient", null, null, null, null));
        }
        out.add(new ClientInfo(mac, 1, Firmware.UNKNOWN, null, "MSFT 5.0", null, null, null, null));
        out.add(new ClientInfo(mac, 1, Firmware.UNKNOWN, null, null, "iPXE", null, null, null));
        return out;
    }

    /** The classes a client is in, as dnsmasq's tags and Kea's tests define them. */
    static Set<String> classes(ClientInfo c, BootRules rules) {
        Set<String> t = new HashSet<>();
        if (c.isIpxe()) t.add(BootRules.IPXE);
        String v = c.vendorClass() == null ? "" : c.vendorClass();
        if (v.startsWith("HTTPClient") || (c.archCode() != null && (c.archCode() == 16 || c.archCode() == 19))) t.add(BootRules.HTTPBOOT);
        for (BootRules.Arch a : BootRules.Arch.values())
            for (int code : a.codes) if (c.archCode() != null && c.archCode() == code) t.add(a.tag);
        for (BootRules.Host h : rules.hosts()) if (h.mac().equals(c.mac())) t.add(h.tag());
        return t;
    }

    static boolean matches(BootRules.Rule r, ClientInfo c, BootRules rules) {
        Set<String> t = classes(c, rules);
        return t.containsAll(r.with()) && r.without().stream().noneMatch(t::contains);
    }

    static String describe(ClientInfo c) {
        return c.mac() + " arch " + c.archCode() + " vendor " + c.vendorClass() + " user class " + c.userClass();
    }

    @Test
    void theConfigurationsCarryThePolicy() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Path out = tmp.resolve("export");
        ProductionExport.write(settings(ws, 8080), ws, out);
        String dnsmasq = Files.readString(out.resolve("dnsmasq.conf"));
        assertTrue(dnsmasq.contains("interface=lo\nbind-interfaces\n"), dnsmasq);
        assertTrue(dnsmasq.contains("port=0\n") && dnsmasq.contains("no-ping\n") && dnsmasq.contains("enable-tftp\n"));
        assertTrue(dnsmasq.contains("tftp-root=" + out.resolve("root") + "\n"));
        assertTrue(dnsmasq.contains("dhcp-leasefile=" + out.resolve("dnsmasq.leases") + "\n"));
        assertTrue(dnsmasq.contains("dhcp-range=127.0.0.100,127.0.0.149,255.0.0.0,3600s\n"));
        assertTrue(dnsmasq.contains("dhcp-userclass=set:ipxe,iPXE\n") && dnsmasq.contains("dhcp-match=set:ipxe,175\n"));
        assertTrue(dnsmasq.contains("dhcp-match=set:efi-x64,option:client-arch,7\n") && dnsmasq.contains("dhcp-match=set:efi-x64,option:client-arch,9\n"));
        assertTrue(dnsmasq.contains("tag-if=set:r1,tag:ipxe,tag:!host-1,tag:!host-2,tag:!host-3,tag:!host-4\ndhcp-boot=tag:r1,http://127.0.0.1:8080/boot.ipxe\n"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-boot=tag:r4,undionly.kpxe,,127.0.0.1\n"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-host=" + NEXT_ENTRY + ",set:host-2,127.0.0.20,pc32\n"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-boot=tag:r" ) && dnsmasq.contains(",http://127.0.0.1:8080/boot-52-54-00-77-00-31.ipxe\n"), dnsmasq);
        assertTrue(dnsmasq.contains(",209,\"pxelinux.cfg/default\"\n") && dnsmasq.contains(",210,\"/\"\n"), dnsmasq);

        String kea = Files.readString(out.resolve("kea-dhcp4.conf"));
        assertTrue(kea.contains("\"name\" : \"" + out.resolve("kea-leases4.csv") + "\""), kea);
        assertTrue(kea.contains("\"pool\" : \"127.0.0.100 - 127.0.0.149\""));
        assertTrue(kea.replaceAll("\\s+", " ").contains("\"hw-address\" : \"" + NEXT_ENTRY + "\", \"ip-address\" : \"127.0.0.20\", \"hostname\" : \"pc32\""), kea);
        assertTrue(kea.contains("// \"hooks-libraries\"") && kea.contains("libdhcp_ha.so"), "the HA section, commented");
        assertTrue(kea.contains("\"boot-file-name\" : \"undionly.kpxe\"") && kea.contains("\"next-server\" : \"127.0.0.1\""));
        assertTrue(kea.contains("option[93].hex == 0x0007 or") && kea.contains("option[93].hex == 0x0009 or"), kea);

        String tftpd = Files.readString(out.resolve("tftpd-hpa"));
        assertTrue(tftpd.contains("TFTP_DIRECTORY=\"" + out.resolve("root") + "\"\n") && tftpd.contains("TFTP_ADDRESS=\"127.0.0.1:69\"\n")
                && tftpd.contains("TFTP_OPTIONS=\"--secure\"\n") && tftpd.contains("TFTP_USERNAME=\"tftp\"\n"), tftpd);

        String nginx = Files.readString(out.resolve("nginx.conf"));
        assertTrue(nginx.contains("listen 127.0.0.1:8080;") && nginx.contains("root " + out.resolve("root") + ";")
                && nginx.contains("pid " + out.resolve("nginx.pid") + ";"), nginx);
        assertFalse(nginx.lines().anyMatch(l -> l.trim().startsWith("user ")), "no user: it runs as whoever starts it");

        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("apt-get install") && readme.contains("Live sessions") && readme.contains("Beacons"), readme);
    }

    @Test
    void theServedTreeHoldsTheRootAndThePublishedMenu() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Path out = tmp.resolve("export");
        Settings s = settings(ws, 80);
        ProductionExport.write(s, ws, out);
        Path root = out.resolve("root");
        assertEquals("content of undionly.kpxe", Files.readString(root.resolve("undionly.kpxe")));
        assertEquals("nested", Files.readString(root.resolve("sub/file.txt")));
        // boot.ipxe: the published menu as a client without a next boot gets it, with nginx as its base and no beacons
        String generic = Files.readString(root.resolve("boot.ipxe"));
        assertEquals(BootCore.staticMenuScript(menu(), "http://127.0.0.1", null, null), generic);
        assertTrue(generic.contains("http://127.0.0.1") && !generic.contains("/_/event"), generic);
        assertEquals(BootCore.staticMenuScript(menu(), "http://127.0.0.1", NEXT_ENTRY.toString(), new NextBoot("linux", false)),
                Files.readString(root.resolve("boot-52-54-00-77-00-32.ipxe")));
        String local = Files.readString(root.resolve("boot-52-54-00-77-00-31.ipxe"));
        assertTrue(local.contains("\nexit\n") && !local.contains("/_/event"), local);
        assertFalse(Files.exists(root.resolve("boot-52-54-00-77-00-33.ipxe")), "no next boot, no file of its own");
        assertEquals(PxelinuxGenerator.generate(menu(), PxelinuxGenerator.Options.defaults()).files().get("default"),
                Files.readString(root.resolve("pxelinux.cfg/default")));
        assertTrue(Files.readString(root.resolve("grub/grub.cfg")).contains("Linux"));
        // again: the same files, nothing else touched
        Path mine = Files.writeString(out.resolve("notes.txt"), "mine");
        ProductionExport.write(s, ws, out);
        assertEquals("mine", Files.readString(mine));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void proxyModeHasNoKeaAndSaysWhy() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Settings s = settings(ws, 80);
        s.dhcpMode = DhcpMode.PROXY;
        Path out = tmp.resolve("export");
        List<Path> written = ProductionExport.write(s, ws, out);
        assertFalse(written.contains(out.resolve("kea-dhcp4.conf")));
        assertTrue(Files.readString(out.resolve("dnsmasq.conf")).contains("dhcp-range=127.0.0.0,proxy,255.0.0.0\n"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("Kea has no proxyDHCP"));
    }

    @Test
    void theCommandTakesServesOptionsAndRefusesWhatItCannotResolve() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Settings s = settings(ws, 80);
        ws.saveSettings(s);
        Path out = tmp.resolve("cli-export");
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int rc = new Cli().run(new String[] {"export", "--workspace", ws.dir().toString(), "--out=" + out, "--http-port", "8081",
                "--bios-boot", "lpxelinux.0"}, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, e.toString(StandardCharsets.UTF_8));
        assertTrue(o.toString(StandardCharsets.UTF_8).contains(out.resolve("nginx.conf").toString()));
        assertTrue(Files.readString(out.resolve("nginx.conf")).contains("listen 127.0.0.1:8081;"), "serve's --http-port applies");
        assertTrue(Files.readString(out.resolve("dnsmasq.conf")).contains("dhcp-boot=tag:r4,lpxelinux.0,,127.0.0.1\n"), "serve's --bios-boot applies");
        assertEquals(80, ws.loadSettings().httpPort, "the workspace is not changed");

        rc = new Cli().run(new String[] {"export", "--workspace", ws.dir().toString()}, new PrintStream(o), new PrintStream(e));
        assertEquals(2, rc, "--out is required");
        ByteArrayOutputStream e2 = new ByteArrayOutputStream();
        rc = new Cli().run(new String[] {"export", "--workspace", ws.dir().toString(), "--out", tmp.resolve("x").toString(), "--iface",
                "bb-none0", "--address", ""}, new PrintStream(o), new PrintStream(e2, true, StandardCharsets.UTF_8));
        assertEquals(2, rc);
        assertTrue(e2.toString(StandardCharsets.UTF_8).contains("give --address"), e2.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExportInsideTheServedFolderIsRefused() throws Exception {
        Workspace ws = new Workspace(tmp.resolve("ws"));
        Settings s = settings(ws, 80);
        var ex = assertThrows(java.io.IOException.class, () -> ProductionExport.write(s, ws, Path.of(s.root).resolve("export")));
        assertTrue(ex.getMessage().contains("inside the served folder"), ex.getMessage());
    }
}
