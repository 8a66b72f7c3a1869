package dev.bootbench.menu.pxelinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Menu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PxelinuxLinterTest {
    static List<Finding> lint(String text) {
        return PxelinuxLinter.lint("default", text);
    }

    static void triggers(String code, String text) {
        List<Finding> fs = lint(text);
        assertTrue(fs.stream().anyMatch(f -> f.code().equals(code)), code + " expected in " + fs);
    }

    static void clean(String code, String text) {
        List<Finding> fs = lint(text);
        assertFalse(fs.stream().anyMatch(f -> f.code().equals(code)), code + " not expected in " + fs);
    }

    static final String OK = "UI menu.c32\nDEFAULT local\nTIMEOUT 50\nLABEL local\n  MENU LABEL Local\n  LOCALBOOT 0\n";

    @Test
    void defaultNamingNoLabel() {
        triggers("default-no-label", OK.replace("DEFAULT local", "DEFAULT lokal"));
        clean("default-no-label", OK);
        clean("default-no-label", "DEFAULT menu.c32\nLABEL a\n  LOCALBOOT 0\n");
        List<Finding> fs = lint("default lokal\nlabel local\n  localboot 0\n");
        assertEquals("default:1:1: error: DEFAULT lokal names no LABEL [default-no-label]", fs.get(0).format());
    }

    @Test
    void labelWithNothingToBoot() {
        triggers("label-nothing-to-boot", OK + "LABEL empty\n  MENU LABEL Empty\n  APPEND quiet\n");
        clean("label-nothing-to-boot", OK + "LABEL heading\n  MENU LABEL Heading\n  MENU DISABLE\n");
        clean("label-nothing-to-boot", OK);
    }

    @Test
    void otherSyntax() {
        triggers("bad-number", OK.replace("TIMEOUT 50", "TIMEOUT soon"));
        clean("bad-number", OK);
        triggers("unknown-directive", OK + "FROBNICATE 1\n");
        clean("unknown-directive", OK);
        triggers("duplicate-label", OK + "LABEL local\n  LOCALBOOT -1\n");
        clean("duplicate-label", OK);
        triggers("include-unresolved", OK + "INCLUDE other.cfg\n");
    }

    /** A structured root (#24): pxelinux in bios/ reads its modules and memdisk there, kernels from the top. */
    @Test
    void modulesInTheBiosFolderOfAStructuredRootAreFound(@TempDir Path root) throws Exception {
        String cfg = "UI menu.c32\nDEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\nLABEL iso\n  KERNEL memdisk\n  INITRD tiny.iso\n  APPEND iso raw\n";
        LintOptions o = new LintOptions(List.of(root), false, null, Set.of());
        Files.createDirectories(root.resolve("bios"));
        for (String f : List.of("bios/ldlinux.c32", "bios/menu.c32", "bios/libutil.c32", "bios/libcom32.c32", "bios/memdisk", "vmlinuz", "tiny.iso"))
            Files.writeString(root.resolve(f), f);
        assertEquals(List.of(), PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), o, null));
        assertTrue(PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), o, "syslinux.efi").stream()
                .anyMatch(f -> f.message().startsWith("module menu.c32")), "syslinux.efi reads efi64/, not bios/");
    }

    @Test
    void missingModulesAndFiles(@TempDir Path root) throws Exception {
        String cfg = "UI menu.c32\nDEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n  APPEND initrd=initrd.img quiet\nLABEL reboot\n  COM32 reboot.c32\n";
        LintOptions o = new LintOptions(List.of(root), false, null, Set.of());
        List<Finding> fs = PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), o, null);
        List<String> msgs = fs.stream().map(Finding::message).toList();
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("ldlinux.c32")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("module menu.c32")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("library libutil.c32")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("module reboot.c32")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("file 'vmlinuz'")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("file 'initrd.img'")), msgs.toString());
        for (String f : List.of("ldlinux.c32", "menu.c32", "libutil.c32", "libcom32.c32", "reboot.c32", "vmlinuz", "initrd.img"))
            Files.writeString(root.resolve(f), f);
        assertEquals(List.of(), PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), o, null));
        // syslinux.efi needs ldlinux.e64
        assertTrue(PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), o, "syslinux.efi").stream()
                .anyMatch(f -> f.message().startsWith("ldlinux.e64")));
    }

    @Test
    void ipxeSettingsInAConfig() {
        triggers("ipxe-variable", OK.replace("MENU LABEL Local", "MENU LABEL Local ${mac}"));
        triggers("ipxe-variable", "MENU TITLE Bench ${platform}\n" + OK);
        List<Finding> fs = lint("LABEL a\n  KERNEL vmlinuz\n  APPEND arch=${buildarch} quiet\n");
        Finding f = fs.stream().filter(x -> x.code().equals("ipxe-variable")).findFirst().orElseThrow();
        assertEquals(3, f.line());
        assertTrue(f.message().contains("${buildarch}"), f.message());
        clean("ipxe-variable", OK);
        clean("ipxe-variable", OK.replace("MENU LABEL Local", "MENU LABEL Costs $5"));
    }

    @Test
    void directivesOutsideLabelsAndIncludeLoops() {
        triggers("outside-label", "APPEND quiet\n" + OK);
        clean("outside-label", OK);
        List<Finding> loop = PxelinuxLinter.lint(PxelinuxParser.parse("default", "INCLUDE a.cfg\n" + OK,
                n -> Optional.of("INCLUDE a.cfg\n")), LintOptions.defaults(), null);
        assertTrue(loop.stream().anyMatch(f -> f.code().equals("include-loop")), loop.toString());
        List<Finding> fine = PxelinuxLinter.lint(PxelinuxParser.parse("default", "INCLUDE a.cfg\n" + OK,
                n -> Optional.of("SAY hello\n")), LintOptions.defaults(), null);
        assertEquals(List.of(), fine);
    }

    @Test
    void remote404InConfigs(@TempDir Path root) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/vmlinuz") ? 200 : 404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String f : List.of("ldlinux.c32")) Files.writeString(root.resolve(f), f);
            LintOptions on = new LintOptions(List.of(root), true, java.time.Duration.ofSeconds(5), Set.of());
            String cfg = "DEFAULT a\nLABEL a\n  KERNEL " + base + "/vmlinuz\n  INITRD " + base + "/gone.img\n";
            List<Finding> fs = PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), on, null);
            assertEquals(List.of("remote-404"), fs.stream().map(Finding::code).toList(), fs.toString());
            assertEquals(4, fs.get(0).line());
            assertEquals(List.of(), PxelinuxLinter.lint(PxelinuxParser.parse("default", cfg), new LintOptions(List.of(root), false, null, Set.of()), null));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void memdiskUnderSyslinuxEfi() {
        String cfg = "DEFAULT iso\nLABEL iso\n  KERNEL memdisk\n  INITRD x.iso\n  APPEND iso raw\n";
        assertTrue(PxelinuxLinter.lint(PxelinuxParser.parse("d", cfg), LintOptions.defaults(), "syslinux.efi").stream()
                .anyMatch(f -> f.code().equals("bios-only-on-efi")));
        assertTrue(PxelinuxLinter.lint(PxelinuxParser.parse("d", cfg), LintOptions.defaults(), "lpxelinux.0").isEmpty());
    }

    // ---- the seed ----

    @Test
    void seedConfigLintsClean() {
        assertEquals(List.of(), lint(Fixtures.seed("pxelinux-default.cfg")));
    }

    @Test
    void seedConfigImports() {
        Menu m = PxelinuxImporter.importText("default", Fixtures.seed("pxelinux-default.cfg"));
        assertEquals("local", m.defaultEntry());
        assertEquals(10000, m.timeoutMs());
        assertEquals("none", m.pxelinuxUi());
        assertEquals("SAY Arranque por red del dpto. de Informatica\nF1 ../cfg/files/ayuda.txt\nKBDMAP ../cfg/files/es.ktl", m.pxelinuxGlobals());
        List<Entry> es = m.entries();
        assertEquals(List.of("slitaz", "memtest", "local", "reboot", "apagar"), es.stream().map(Entry::id).toList());
        assertEquals(new BootAction.Linux("../ssoo/slitaz/bzImage", List.of("../ssoo/slitaz/rootfs.gz"),
                "lang=es_ES kmap=es rw root=/dev/null vga=normal autologin BOOT_IMAGE=../ssoo/slitaz/bzImage"), es.get(0).action());
        assertEquals("Slitaz", es.get(0).label());
        assertEquals("s", es.get(0).hotkey());
        assertEquals(new BootAction.Linux("../ssoo/memtest86+.bin", List.of(), ""), es.get(1).action());
        assertEquals(new BootAction.LocalDisk(null), es.get(2).action());
        assertEquals(new BootAction.Custom("", "KERNEL reboot.c32 -w"), es.get(3).action());
        assertEquals(new BootAction.Poweroff(), es.get(4).action());
        // regenerating keeps the meaning: importing the result gives the same menu
        String again = PxelinuxGenerator.generate(m);
        assertEquals(m, PxelinuxImporter.importText("default", again));
        assertEquals(List.of(), lint(again));
    }

    @Test
    void seedSplitConfigResolvesInclude() {
        Map<String, String> files = Map.of("../cfg/items.cfg", Fixtures.seed("items.cfg"));
        PxelinuxConfig cfg = PxelinuxParser.parse("default", Fixtures.seed("pxelinux-split.cfg"), n -> Optional.ofNullable(files.get(n)));
        assertEquals(List.of("slitaz", "memtest", "local", "reboot", "apagar", "menu"), cfg.labels().stream().map(PxLabel::name).toList());
        PxLabel slitaz = cfg.labels().get(0);
        assertEquals("../cfg/items.cfg", slitaz.label().file());
        assertEquals(1, slitaz.label().line());
        assertEquals(List.of(), PxelinuxLinter.lint(cfg, LintOptions.defaults(), null));
        Menu m = PxelinuxImporter.importText("default", Fixtures.seed("pxelinux-split.cfg"), n -> Optional.ofNullable(files.get(n)));
        assertEquals(new BootAction.Custom("", "CONFIG ../cfg/menu"), m.entry("menu").orElseThrow().action());
        // without the resolver the INCLUDE is reported and kept
        List<Finding> unresolved = lint(Fixtures.seed("pxelinux-split.cfg"));
        assertTrue(unresolved.stream().anyMatch(f -> f.code().equals("include-unresolved") && f.line() == 9), unresolved.toString());
        assertTrue(unresolved.stream().anyMatch(f -> f.code().equals("default-no-label")), unresolved.toString());
    }

    @Test
    void positionsAndCaseInsensitivity() {
        PxelinuxConfig cfg = PxelinuxParser.parse("c", "\uFEFFdefault a\r\n  label a\r\n    menu label ^A thing\r\n    kernel vmlinuz\r\n");
        PxLabel a = cfg.labels().get(0);
        assertEquals(2, a.label().line());
        assertEquals(3, a.label().column());
        assertEquals("MENU LABEL", a.directives().get(0).keyword());
        assertEquals("^A thing", a.directives().get(0).arg());
        assertEquals(3, a.directives().get(0).line());
    }
}
