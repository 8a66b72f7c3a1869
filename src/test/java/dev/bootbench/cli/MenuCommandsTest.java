package dev.bootbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuCommandsTest {
    record Run(int code, String out, String err) {}

    static Run run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = new Cli().run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("lint", "simulate", "generate", "import")) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("usage: bootbench " + c), r.out());
            assertTrue(run("help").out().contains(c));
        }
    }

    @Test
    void lintPrintsFindingsAndExitsOneOnErrors(@TempDir Path dir) throws Exception {
        Path ubuntu = write(dir, "ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe"));
        Run r = run("lint", ubuntu.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains(ubuntu + ":57:6: error: goto 'main_ubuntu': no such label [undefined-label]"), r.out());
        assertTrue(r.out().contains(ubuntu + ":31:6: warning: ${cls} is never set"), r.out());
        for (String line : r.out().split("\n")) assertTrue(line.matches(".+:\\d+:\\d+: (error|warning|info): .+"), line);
        // together with main.ipxe, which chains it, ${cls} is known
        Path main = write(dir, "main.ipxe", Fixtures.seed("main.ipxe"));
        Run both = run("lint", main.toString(), ubuntu.toString());
        assertEquals(1, both.code());
        assertTrue(!both.out().contains("${cls}"), both.out());
        // warnings only: exit 0
        Path warn = write(dir, "warn.ipxe", "#!ipxe\necho ${nothing}\n");
        Run w = run("lint", warn.toString());
        assertEquals(0, w.code());
        assertEquals(warn + ":2:6: warning: ${nothing} is never set [undefined-variable]\n", w.out());
        assertEquals(0, run("lint", main.toString()).code());
        assertEquals("", run("lint", main.toString()).out());
    }

    @Test
    void lintDetectsPxelinuxAndChecksRoots(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, "pxelinux.cfg/default", "UI menu.c32\nDEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Run r = run("lint", "--root", root.toString(), cfg.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("ldlinux.c32"), r.out());
        assertTrue(r.out().contains(cfg + ":4:3: error: file 'vmlinuz'"), r.out());
        assertEquals(0, run("lint", cfg.toString()).code());
        Run efi = run("lint", "--root", root.toString(), "--boot-program", "syslinux.efi", cfg.toString());
        assertTrue(efi.out().contains("ldlinux.e64"), efi.out());
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) {
        assertEquals(2, run("lint").code());
        assertEquals(2, run("lint", "--frobnicate", "x").code());
        assertEquals(2, run("lint", dir.resolve("missing.ipxe").toString()).code());
        assertEquals(2, run("simulate", "x.ipxe").code());
        assertEquals(2, run("simulate", "x.ipxe", "--platform", "amiga", "--arch", "x86_64").code());
        assertEquals(2, run("generate", "menu.json").code());
        assertEquals(2, run("import").code());
        assertTrue(run("lint").err().contains("Try 'bootbench lint --help'."));
    }

    @Test
    void simulatePrintsScreensAndAction(@TempDir Path dir) throws Exception {
        Path main = write(dir, "main.ipxe", Fixtures.seed("main.ipxe"));
        write(dir, "ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe"));
        Run r = run("simulate", main.toString(), "--platform", "efi", "--arch", "x86_64", "--choose", "ubuntu", "--choose", "disco", "--choose", "rescue");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("== HispaMSX Network Boot Services - efi x86_64 =="), r.out());
        assertTrue(r.out().contains("  >     Windows Deployment Services  [wds]"), r.out());
        assertTrue(r.out().contains("  timeout 30.0 s, default wds"), r.out());
        assertTrue(r.out().contains("  chosen: ubuntu"), r.out());
        assertTrue(r.out().contains("action: boot http://archive.ubuntu.com/ubuntu/dists/disco/main/installer-amd64/current/images/netboot/ubuntu-installer/amd64/linux args: initrd=initrd.gz vga=788 rescue/enabled=true"), r.out());
        Run bios = run("simulate", main.toString(), "--platform", "pcbios", "--arch", "i386", "--mac", "52:54:00:00:00:01", "--ip", "10.0.0.5");
        assertTrue(bios.out().contains("action: chain tftp://10.0.1.22/boot/x86/wdsnbp.com"), bios.out());
        Path waits = write(dir, "waits.ipxe", "#!ipxe\nmenu Pick\nitem a A\nchoose t && goto ${t} || exit\n:a\nshell\n");
        Run w = run("simulate", waits.toString(), "--platform", "efi", "--arch", "x86_64");
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().contains("  chosen: (nothing yet: waits for a choice)\n") && w.out().contains("action: wait: the menu 'Pick' has no timeout"), w.out());
        Path loop = write(dir, "loop.ipxe", "#!ipxe\n:a\ngoto a\n");
        assertEquals(1, run("simulate", loop.toString(), "--platform", "efi", "--arch", "arm64").code());
    }

    @Test
    void simulatePxelinux(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, "pxelinux.cfg/default", Fixtures.seed("pxelinux-default.cfg"));
        write(dir, "pxelinux.cfg/01-52-54-00-00-00-07", "DEFAULT mine\nLABEL mine\n  KERNEL mine/vmlinuz\n  APPEND quiet\n");
        Run r = run("simulate", cfg.toString(), "--platform", "pcbios", "--arch", "x86_64", "--choose", "slitaz");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| tftp pxelinux.cfg/01-52-54-00-12-34-56: not found"), r.out());
        assertTrue(r.out().contains("action: boot ../ssoo/slitaz/bzImage"), r.out());
        Run mine = run("simulate", cfg.toString(), "--platform", "pcbios", "--arch", "x86_64", "--mac", "52:54:00:00:00:07");
        assertTrue(mine.out().contains("action: boot mine/vmlinuz args: quiet"), mine.out());
    }

    @Test
    void generateAndImport(@TempDir Path dir) throws Exception {
        Path json = write(dir, "menu.json", MenuJson.toJson(Fixtures.everyKind()));
        Run ipxe = run("generate", json.toString(), "--format", "ipxe");
        assertEquals(0, ipxe.code());
        assertEquals(Fixtures.resource("ipxe/every-kind.ipxe"), ipxe.out());
        Run px = run("generate", json.toString(), "--format", "pxelinux", "--platform", "efi");
        assertEquals(0, px.code());
        assertTrue(px.out().contains("# ---- pxelinux.cfg/tools.cfg ----"), px.out());
        assertTrue(px.err().contains("entry 'wds' left out"), px.err());
        Path script = write(dir, "every.ipxe", ipxe.out());
        Run imp = run("import", script.toString());
        assertEquals(0, imp.code());
        Menu back = MenuJson.fromJson(imp.out());
        assertEquals(IpxeGenerator.generate(Fixtures.everyKind()), IpxeGenerator.generate(back));
        Path cfg = write(dir, "pxelinux.cfg/default", Fixtures.seed("pxelinux-default.cfg"));
        Run pimp = run("import", cfg.toString());
        assertEquals(0, pimp.code());
        assertTrue(pimp.out().contains("\"kind\" : \"poweroff\""), pimp.out());
        Path bad = write(dir, "bad.json", "{ not json");
        assertEquals(1, run("generate", bad.toString(), "--format", "ipxe").code());
    }

    @Test
    void grubLintDetectsChecksRootsAndPassesVariables(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, "grub/grub.cfg", "set timeout=5\nset default=lnux\nmenuentry 'Linux' --id linux {\n    linux16 /vmlinuz\n"
                + "    initrd16 /initrd.img\n}\nmenuentry 'More' { configfile /grub/more.cfg }\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        Run r = run("lint", "--root", root.toString(), cfg.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains(cfg + ":2:1: error: default 'lnux' names no entry of the menu [default-no-entry]"), r.out());
        assertTrue(r.out().contains(cfg + ":4:5: warning: linux16 exists on BIOS (pc) only"), r.out());
        assertTrue(r.out().contains(cfg + ":4:5: error: file 'vmlinuz' (linux16) is not under the served roots"), r.out());
        assertTrue(r.out().contains(cfg + ":7:20: error: file 'grub/more.cfg' (configfile) is not under the served roots"), r.out());
        for (String line : r.out().split("\n")) assertTrue(line.matches(".+:\\d+:\\d+: (error|warning|info): .+"), line);
        // a config the first one loads knows the variables it set
        Path more = write(dir, "more.cfg", "menuentry 'X' { linux /k console=$console }\n");
        Path first = write(dir, "first.cfg", "set console=ttyS0\nconfigfile /grub/more.cfg\n");
        assertTrue(run("lint", more.toString()).out().contains("$console is never set"));
        assertEquals("", run("lint", first.toString(), more.toString()).out());
        // --format overrides the detection
        Path odd = write(dir, "menu.txt", "menuentry 'x' { linux /k $nothing }\n");
        assertTrue(run("lint", odd.toString()).out().contains("$nothing is never set"), "detected by its menuentry");
        assertTrue(run("lint", "--format", "pxelinux", odd.toString()).out().contains("unknown directive"));
        assertEquals(2, run("lint", "--format", "yaml", odd.toString()).code());
    }

    @Test
    void grubGenerateImportAndSimulate(@TempDir Path dir) throws Exception {
        Path json = write(dir, "menu.json", MenuJson.toJson(Fixtures.everyKind()));
        Run g = run("generate", json.toString(), "--format", "grub");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("submenu 'Tools' --id tools {"), g.out());
        assertTrue(g.err().contains("entry 'shell' left out of the GRUB menu"), g.err());
        Path cfg = write(dir, "root/grub/grub.cfg", g.out());
        Run imp = run("import", cfg.toString());
        assertEquals(0, imp.code(), imp.err());
        Menu back = MenuJson.fromJson(imp.out());
        // what GRUB cannot boot was left out; the rest comes back as it was
        assertEquals(List.of("debian", "winpe", "tools", "disk", "next", "reboot", "poweroff"), back.entries().stream().map(dev.bootbench.menu.Entry::id).toList());
        assertEquals(Fixtures.everyKind().entry("debian"), back.entry("debian"));
        assertEquals(Fixtures.everyKind().title(), back.title());
        Run deb = run("import", write(dir, "debian.cfg", Fixtures.resource("grub/debian-netboot.cfg")).toString(), "--format", "grub");
        assertTrue(deb.out().contains("\"id\" : \"advanced-options\""), deb.out());

        write(dir, "root/grub/more.cfg", "menuentry 'Rescue' --id rescue { linux /rescue/vmlinuz mac=$net_default_mac }\n");
        Path main = write(dir, "root/grub/main.cfg", "set timeout=3\nmenuentry 'Debian' --id debian { linux /debian/linux\n initrd /debian/initrd.gz }\n"
                + "if [ \"$grub_platform\" = efi ]; then menuentry 'More' --id more { configfile /grub/more.cfg }; fi\n");
        Run bios = run("simulate", main.toString(), "--platform", "pcbios", "--arch", "x86_64");
        assertEquals(0, bios.code(), bios.err());
        assertTrue(bios.out().contains("== GNU GRUB =="), bios.out());
        assertTrue(bios.out().contains("  >  Debian  [debian]"), bios.out());
        assertTrue(!bios.out().contains("[more]"), bios.out());
        assertTrue(bios.out().contains("action: boot /debian/linux\n  initrd /debian/initrd.gz"), bios.out());
        Run efi = run("simulate", main.toString(), "--platform", "efi", "--arch", "arm64", "--choose", "more", "--mac", "52:54:00:00:00:09");
        assertEquals(0, efi.code(), efi.err());
        assertTrue(efi.out().contains("| tftp grub/more.cfg"), efi.out());
        assertTrue(efi.out().contains("action: boot /rescue/vmlinuz args: mac=52:54:00:00:00:09"), efi.out());
        Path none = write(dir, "none.cfg", "set timeout=1\nmenuentry 'Nothing' { echo hi }\n");
        assertEquals(1, run("simulate", none.toString(), "--platform", "efi", "--arch", "x86_64").code());
    }
}
