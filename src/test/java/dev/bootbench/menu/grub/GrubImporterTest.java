package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.MenuValidator;
import dev.bootbench.menu.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrubImporterTest {
    static Menu load(String f) {
        return GrubImporter.importText(f, Fixtures.resource(f));
    }

    /** Importing what the imported menu generates gives the same menu: nothing is lost on the way. */
    static void stable(Menu m) {
        assertEquals(List.of(), MenuValidator.validate(m, "m"));
        Menu again = GrubImporter.importText("again", GrubGenerator.generate(m));
        assertEquals(MenuJson.toJson(m), MenuJson.toJson(again));
    }

    @Test
    void debianNetboot() {
        Menu m = load("grub/debian-netboot.cfg");
        assertEquals(List.of("graphical-install", "install", "advanced-options", "install-with-speech-synthesis"),
                m.entries().stream().map(Entry::id).toList());
        Entry install = m.entry("install").orElseThrow();
        assertEquals("i", install.hotkey());
        assertEquals(new BootAction.Linux("debian-installer/amd64/linux", List.of("debian-installer/amd64/initrd.gz"), "vga=788 --- quiet"),
                install.action());
        // a body with more than the kernel and initrd is kept as it is
        BootAction.Custom g = (BootAction.Custom) m.entry("graphical-install").orElseThrow().action();
        assertEquals("set background_color=black\nlinux    /debian-installer/amd64/linux vga=788 --- quiet\ninitrd   /debian-installer/amd64/initrd.gz",
                g.grub());
        Menu adv = ((BootAction.Submenu) m.entry("advanced-options").orElseThrow().action()).menu();
        assertEquals(List.of("expert-install", "rescue-mode"), adv.entries().stream().map(Entry::id).toList());
        assertTrue(adv.grubGlobals().contains("set theme=/debian-installer/amd64/grub/theme/1-1"), adv.grubGlobals());
        assertTrue(m.grubGlobals().startsWith("if loadfont $prefix/font.pf2 ; then"), m.grubGlobals());
        assertTrue(m.grubGlobals().contains("play 960 440 1 0 4 440 1"), m.grubGlobals());
        stable(m);
    }

    @Test
    void ubuntuNetboot() {
        GrubImporter.Result r = GrubImporter.importScript(GrubParser.parse("u", Fixtures.resource("grub/ubuntu-netboot.cfg")));
        Menu m = r.menu();
        assertNull(m.defaultEntry(), "default 0 is GRUB's own default");
        assertEquals(30000, m.timeoutMs());
        assertNull(m.colours(), "white is not one of iPXE's eight colours: the colour lines stay GRUB lines");
        assertTrue(m.grubGlobals().contains("set menu_color_normal=white/black\nset menu_color_highlight=black/light-gray"), m.grubGlobals());
        assertTrue(m.grubGlobals().contains("function gfxmode {"), m.grubGlobals());
        assertEquals(List.of(Platform.EFI), m.entry("uefi-firmware-settings").orElseThrow().platforms());
        assertEquals(new BootAction.Custom("", "", "fwsetup"), m.entry("uefi-firmware-settings").orElseThrow().action());
        assertEquals("plain", m.entries().get(1).id());
        BootAction.Custom c = (BootAction.Custom) m.entries().get(0).action();
        assertTrue(c.grub().contains("url=http://${net_default_server}/ubuntu.iso"), c.grub());
        stable(m);
    }

    @Test
    void fedoraPxe() {
        Menu m = load("grub/fedora-pxe.cfg");
        assertEquals("test-this-media-install-fedora", m.defaultEntry(), "default=1 is the second entry");
        assertEquals(60000, m.timeoutMs());
        assertEquals(List.of("install-fedora-40", "test-this-media-install-fedora", "troubleshooting"), m.entries().stream().map(Entry::id).toList());
        assertTrue(m.grubGlobals().startsWith("function load_video {"), m.grubGlobals());
        assertTrue(m.grubGlobals().contains("search --no-floppy --set=root -l 'Fedora-S-dvd-x86_64-40'"), m.grubGlobals());
        stable(m);
    }

    @Test
    void defaultsByTitleAndNumberHeadingsAndVariables() {
        String text = """
                set default='Second'
                set timeout=-1
                menuentry "--- Tools ---" { true }
                menuentry 'First' { linux /a }
                menuentry 'Second' --id two { linux /b "mac=$net_default_mac" }
                menuentry "On ${grub_platform}" { reboot }
                """;
        Menu m = GrubImporter.importText("t", text);
        assertEquals("two", m.defaultEntry());
        assertNull(m.timeoutMs());
        assertEquals(new Gap("--- Tools ---"), m.items().get(0));
        assertEquals(new BootAction.Linux("b", List.of(), "mac=${mac}"), m.entry("two").orElseThrow().action());
        assertEquals("On ${platform}", m.entries().get(2).label());
        assertEquals("first", m.entries().get(0).id());
        Menu byNumber = GrubImporter.importText("t", text.replace("set default='Second'", "set default=2"));
        assertEquals("two", byNumber.defaultEntry());
        Menu implicit = GrubImporter.importText("t", text.replace("set default='Second'", "set default=1"));
        assertNull(implicit.defaultEntry(), "the first entry after a heading");
        GrubImporter.Result none = GrubImporter.importScript(GrubParser.parse("t", text.replace("set default='Second'", "set default=nothing")));
        assertTrue(none.menu().grubGlobals().contains("set default=nothing"), none.menu().grubGlobals());
        assertTrue(none.notes().stream().anyMatch(f -> f.code().equals("import-raw")), none.notes().toString());
    }

    @Test
    void idsAreMadeUniqueAndValid() {
        Menu m = GrubImporter.importText("t", "menuentry 'Install' { linux /a }\nmenuentry 'Install' { linux /b }\nmenuentry 'x' --id install { linux /c }\n"
                + "menuentry 'Ünïcode ☃' { linux /d }\n");
        assertEquals(List.of("install-2", "install-3", "install", "n-code"), m.entries().stream().map(Entry::id).toList());
        assertEquals(List.of(), MenuValidator.validate(m, "m"));
    }
}
