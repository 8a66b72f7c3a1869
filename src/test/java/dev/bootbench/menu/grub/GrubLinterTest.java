package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.LintOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubLinterTest {
    static List<Finding> lint(String text) {
        return GrubLinter.lint("grub.cfg", text);
    }

    static Finding triggers(String code, String text) {
        List<Finding> fs = lint(text);
        return fs.stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow(() -> new AssertionError(code + " expected in " + fs + "\n" + text));
    }

    static void clean(String code, String text) {
        List<Finding> fs = lint(text);
        assertFalse(fs.stream().anyMatch(f -> f.code().equals(code)), code + " not expected in " + fs + "\n" + text);
    }

    static final String OK = "set timeout=5\nset default=linux\nmenuentry 'Linux' --id linux {\n    linux /vmlinuz quiet\n    initrd /initrd.img\n}\n";

    @Test
    void theCleanConfigHasNoFindings() {
        assertEquals(List.of(), lint(OK));
        for (String f : List.of("grub/debian-netboot.cfg", "grub/ubuntu-netboot.cfg"))
            assertEquals(List.of(), GrubLinter.lint(f, Fixtures.resource(f)), f);
    }

    @Test
    void syntax() {
        Finding f = triggers("syntax", OK + "if [ x = y ]; then\n  echo\n");
        assertEquals("grub.cfg:7:1: error: 'fi' expected for the 'if' at line 7 [syntax]", f.format());
        clean("syntax", OK);
    }

    @Test
    void defaultNamingNoEntry() {
        Finding f = triggers("default-no-entry", OK.replace("default=linux", "default=lnux"));
        assertEquals("grub.cfg:2:1: error: default 'lnux' names no entry of the menu [default-no-entry]", f.format());
        triggers("default-no-entry", OK.replace("default=linux", "default=3"));
        triggers("default-no-entry", OK + "submenu 'More' --id more { menuentry 'x' --id x { reboot } }\n" + "set fallback='more>y'\n");
        clean("default-no-entry", OK.replace("default=linux", "default=0"));
        clean("default-no-entry", OK.replace("default=linux", "default=Linux"));
        clean("default-no-entry", OK.replace("default=linux", "default=\"${saved_entry}\""));
        clean("default-no-entry", OK + "submenu 'More' --id more { menuentry 'x' --id x { reboot } }\nset fallback=\"more>x\"\n");
        // a default inside a submenu names its entries
        triggers("default-no-entry", OK + "submenu 'More' { set default=nope\n menuentry 'x' --id x { reboot } }\n");
        clean("default-no-entry", OK + "submenu 'More' { set default=x\n menuentry 'x' --id x { reboot } }\n");
    }

    @Test
    void initrdBeforeLinux() {
        Finding f = triggers("initrd-before-linux", "menuentry 'L' {\n    initrd /initrd.img\n    linux /vmlinuz\n}\n");
        assertEquals(2, f.line());
        assertEquals(5, f.column());
        triggers("initrd-before-linux", "menuentry 'L' {\n    linux /vmlinuz\n    initrd16 /initrd.img\n}\n");
        clean("initrd-before-linux", OK);
        clean("initrd-before-linux", "menuentry 'L' {\n  if [ $grub_platform = pc ]; then linux16 /k; initrd16 /i; else linux /k; initrd /i; fi\n}\n");
        clean("initrd-before-linux", "function k { linux /k; }\nmenuentry 'L' {\n  k\n  initrd /i\n}\n");
    }

    @Test
    void variablesNeverSet() {
        Finding f = triggers("undefined-variable", "menuentry 'L' {\n    linux /k console=$consle\n}\n");
        assertEquals("grub.cfg:2:22: warning: $consle is never set [undefined-variable]", f.format());
        Finding mac = triggers("undefined-variable", "menuentry 'L' { linux /k BOOTIF=${mac} }\n");
        assertTrue(mac.message().contains("$net_default_mac"), mac.message());
        clean("undefined-variable", "menuentry 'L' { linux /k mac=$net_default_mac srv=${net_default_server} if=$net_efinet0_ip p=$prefix r=$root $1 ${grub_platform}\n}\n");
        clean("undefined-variable", "set c=ttyS0\nmenuentry 'L' { linux /k console=$c }\n");
        clean("undefined-variable", "for x in a b; do echo $x; done\nregexp --set=1:v '(a)' a\nsearch --set=dev -l x\necho $v $dev\n");
        clean("undefined-variable", "function f { echo $1 $# $@ $?; }\n");
        clean("undefined-variable", "load_env\necho $anything\n");
        // a variable set in a file the config sources
        String sourcing = "source /grub/vars.cfg\nmenuentry 'L' { linux /k c=$c }\n";
        assertTrue(GrubLinter.lint(GrubParser.parse("g", sourcing), LintOptions.defaults(), null, p -> p.equals("grub/vars.cfg") ? Optional.of("set c=1\n") : Optional.empty())
                .stream().noneMatch(x -> x.code().equals("undefined-variable")));
        assertTrue(GrubLinter.lint(GrubParser.parse("g", sourcing), LintOptions.defaults(), null, p -> Optional.of("set d=1\n"))
                .stream().anyMatch(x -> x.code().equals("undefined-variable")));
    }

    @Test
    void ipxeSyntax() {
        Finding f = triggers("ipxe-variable", "menuentry 'L' { linux /k url=http://${next-server}/x }\n");
        assertTrue(f.message().contains("$net_default_server"), f.message());
        clean("ipxe-variable", OK);
    }

    @Test
    void unknownCommands() {
        Finding f = triggers("unknown-command", OK + "kernel /vmlinuz\n");
        assertEquals(7, f.line());
        clean("unknown-command", OK + "function kernel { linux $1; }\nkernel /vmlinuz\n");
        clean("unknown-command", OK + "insmod gfxterm\nterminal_output gfxterm\nsearch.fs_label x root\n");
    }

    @Test
    void biosOnlyCommandsOnEfi() {
        String memdisk = "menuentry 'ISO' {\n    linux16 /memdisk iso raw\n    initrd16 /x.iso\n}\n";
        Finding f = triggers("bios-only-on-efi", memdisk);
        assertEquals("grub.cfg:2:5: warning: linux16 exists on BIOS (pc) only, but this line also runs on EFI (guard it with 'if [ \"$grub_platform\" = pc ]') [bios-only-on-efi]",
                f.format());
        clean("bios-only-on-efi", "if [ \"$grub_platform\" = pc ]; then\n" + memdisk + "fi\n");
        clean("bios-only-on-efi", "if [ x$grub_platform = xpc ]; then\n" + memdisk + "fi\n");
        clean("bios-only-on-efi", "if [ \"$grub_platform\" != efi ]; then\n" + memdisk + "fi\n");
        clean("bios-only-on-efi", "if [ \"$grub_platform\" = efi ]; then\n  echo efi\nelse\n" + memdisk + "fi\n");
        triggers("bios-only-on-efi", "if [ \"$grub_platform\" = efi ]; then\n" + memdisk + "fi\n");
        triggers("bios-only-on-efi", "menuentry 'iPXE' { chainloader /undionly.kpxe }\n");
        clean("bios-only-on-efi", "menuentry 'L' {\n  if [ \"$grub_platform\" = pc ]; then\n    linux16 /memdisk\n  fi\n}\n");
    }

    @Test
    void efiOnlyOnBios() {
        triggers("efi-only-on-bios", "menuentry 'F' { linuxefi /k; initrdefi /i }\n");
        Finding f = triggers("efi-only-on-bios", "menuentry 'iPXE' { chainloader /ipxe.efi }\n");
        assertTrue(f.message().startsWith("/ipxe.efi is an EFI program"), f.message());
        clean("efi-only-on-bios", "if [ \"$grub_platform\" = \"efi\" ]; then\nmenuentry 'iPXE' { chainloader /ipxe.efi }\nfi\n");
        clean("efi-only-on-bios", OK);
    }

    @Test
    void entriesThatBootNothing() {
        Finding f = triggers("entry-boots-nothing", OK + "menuentry 'Only an initrd' {\n    echo hello\n    sleep 3\n}\n");
        assertEquals(7, f.line());
        clean("entry-boots-nothing", OK);
        clean("entry-boots-nothing", OK + "menuentry '--- Heading ---' { true }\nmenuentry 'Empty' {\n}\n");
        clean("entry-boots-nothing", OK + "menuentry 'More' { configfile /grub/more.cfg }\nmenuentry 'R' { reboot }\nmenuentry 'Fw' { fwsetup }\n");
        clean("entry-boots-nothing", "function boot_it { linux /k; }\nmenuentry 'F' { boot_it }\n");
    }

    @Test
    void duplicateIdsNumbersAndColours() {
        triggers("duplicate-id", OK + "menuentry 'Other' --id linux { reboot }\n");
        clean("duplicate-id", OK + "submenu 'S' { menuentry 'Other' --id linux { reboot } }\n");
        triggers("bad-number", OK.replace("timeout=5", "timeout=soon"));
        clean("bad-number", OK.replace("timeout=5", "timeout=-1"));
        triggers("bad-colour", OK + "set menu_color_normal=white/navy\n");
        triggers("bad-colour", OK + "set color_normal=white\n");
        clean("bad-colour", OK + "set menu_color_normal=white/blue\nset color_highlight=black/light-gray\n");
        triggers("bad-value", OK + "set timeout_style=silent\n");
        clean("bad-value", OK + "set timeout_style=hidden\n");
    }

    @Test
    void missingFilesUnderTheRoots(@TempDir Path root) throws Exception {
        String text = "loadfont $prefix/fonts/unicode.pf2\nset theme=/grub/themes/t/theme.txt\n" + OK
                + "menuentry 'More' { configfile (tftp)/grub/more.cfg }\nmenuentry 'W' { linux16 /wimboot; initrd16 newc:bcd:/pe/BCD }\n"
                + "menuentry 'Disk' { chainloader (hd0,1)/efi/boot/bootx64.efi }\n";
        LintOptions o = new LintOptions(List.of(root), false, null, Set.of());
        List<Finding> fs = GrubLinter.lint(GrubParser.parse("grub.cfg", text), o, null, null).stream().filter(f -> f.code().equals("missing-file")).toList();
        List<String> files = fs.stream().map(f -> f.message().substring(6, f.message().indexOf("' ("))).toList();
        assertEquals(List.of("grub/fonts/unicode.pf2", "grub/themes/t/theme.txt", "vmlinuz", "initrd.img", "grub/more.cfg", "wimboot", "pe/BCD"), files);
        for (String f : files) {
            Files.createDirectories(root.resolve(f).getParent() == null ? root : root.resolve(f).getParent());
            Files.writeString(root.resolve(f), f);
        }
        assertEquals(List.of(), GrubLinter.lint(GrubParser.parse("grub.cfg", text), o, null, null).stream().filter(f -> f.code().equals("missing-file")).toList());
        // without roots: no file checks
        assertFalse(lint(text).stream().anyMatch(f -> f.code().equals("missing-file")));
    }

    @Test
    void generatedConfigsLintClean() {
        assertEquals(List.of(), GrubLinter.lint("g", GrubGenerator.generate(GrubGeneratorTest.grubMenu())));
        Map<String, String> none = Map.of();
        assertTrue(GrubLinter.lint(GrubParser.parse("g", GrubGenerator.generate(Fixtures.everyKind())), LintOptions.defaults(), null, p -> Optional.ofNullable(none.get(p)))
                .stream().noneMatch(Finding::isError));
    }
}
