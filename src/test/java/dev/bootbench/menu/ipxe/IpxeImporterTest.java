package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpxeImporterTest {
    @Test
    void seedMainImportsAsAMenu() {
        Menu m = IpxeImporter.importText("main.ipxe", Fixtures.seed("main.ipxe"));
        assertEquals("HispaMSX Network Boot Services - ${platform} ${arch}", m.title());
        assertEquals("wds", m.defaultEntry());
        assertEquals(30000, m.timeoutMs());
        assertEquals(List.of("wds", "dart", "hirenpe", "ubuntu", "memtest", "netbootxyz", "shell", "exit"), m.entries().stream().map(Entry::id).toList());
        assertEquals(new Gap("${bold}${fg_cya}Microsoft Windows${boldoff}"), m.items().get(0));
        assertEquals(List.of(Platform.PCBIOS), m.entry("memtest").orElseThrow().platforms());
        assertEquals(new BootAction.Shell(), m.entry("shell").orElseThrow().action());
        assertEquals(new Colours(List.of(), List.of(new Colours.ColourPair(2, 7, 0))), m.colours());
        assertEquals("clear menu\nset space:hex 20:20\nset space ${space:string}", m.ipxeMenuSetup());
        assertTrue(m.ipxePreamble().startsWith("set esc:hex 1b"));
        assertTrue(m.entry("wds").orElseThrow().action() instanceof BootAction.Custom c && c.ipxe().contains("wdsmgfw.efi"));
        // JSON round trip of the imported model
        assertEquals(m, fromJson(MenuJson.toJson(m)));
        // regenerating and importing again gives the same model, and the result lints clean
        String again = IpxeGenerator.generate(m);
        assertEquals(m, IpxeImporter.importText("main.ipxe", again));
        assertEquals(List.of(), IpxeLinter.lint("main.ipxe", again));
    }

    @Test
    void seedEmbeddedScriptImportsItsFailsafeMenu() {
        Menu m = IpxeImporter.importText("embed.ipxe", Fixtures.seed("embed.ipxe"));
        assertEquals("netboot.xyz Failsafe Menu", m.title());
        assertEquals("failsafe", m.id());
        assertEquals("failsafe_choice", m.choiceVariable());
        assertEquals(List.of("localboot", "netconfig", "retry", "debug", "reboot"), m.entries().stream().map(Entry::id).toList());
        assertEquals(new BootAction.LocalDisk(null), m.entry("localboot").orElseThrow().action());
        assertEquals("menu", m.ipxeSections().get(0).label());
        assertTrue(m.ipxePreamble().contains(":start") && m.ipxePreamble().contains("prompt --key m --timeout 4000"));
        String again = IpxeGenerator.generate(m);
        assertEquals(m, IpxeImporter.importText("embed.ipxe", again));
        assertTrue(IpxeLinter.lint("embed.ipxe", again).stream().noneMatch(f -> f.isError()));
    }

    @Test
    void seedUbuntuImportsAsACustomBlock() {
        IpxeImporter.Result r = IpxeImporter.importScript(IpxeParser.parse("ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe")));
        Menu m = r.menu();
        assertNull(m.title());
        assertTrue(m.items().isEmpty());
        assertTrue(m.ipxePreamble().contains("goto main_ubuntu"));
        assertTrue(r.notes().stream().anyMatch(n -> n.code().equals("import-raw")));
        // its defects survive regeneration, so the linter still sees them
        String again = IpxeGenerator.generate(m);
        assertTrue(IpxeLinter.lint("ubuntu.ipxe", again).stream().anyMatch(f -> f.message().contains("main_ubuntu")));
    }

    @Test
    void fallThroughBecomesExplicit() {
        String script = "#!ipxe\n:m\nmenu\nitem a A\nitem b B\nchoose t || exit\ngoto ${t}\n:a\necho a\n:b\necho b\nexit\n";
        Menu m = IpxeImporter.importText("x", script);
        assertEquals(new BootAction.Custom("echo a\ngoto b", ""), m.entry("a").orElseThrow().action());
        assertEquals(new BootAction.Custom("echo b\nexit", ""), m.entry("b").orElseThrow().action());
    }

    private static Menu fromJson(String json) {
        try {
            return MenuJson.fromJson(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A menu before any label (menu, item, choose ... || goto local, goto ${target} at the top) imports as entries (#24). */
    @Test
    void aMenuBeforeAnyLabelImportsAsEntries() {
        String script = """
                #!ipxe
                dhcp
                menu Lab boot menu
                item --gap -- Systems
                item debian Debian installer
                item main Another label named main
                item local Boot from disk
                choose --default debian --timeout 5000 target || goto local
                goto ${target}

                :debian
                kernel http://10.0.0.1/debian/linux console=ttyS0
                initrd http://10.0.0.1/debian/initrd.gz
                boot

                :main
                shell

                :local
                exit
                """;
        Menu m = IpxeImporter.importText("top.ipxe", script);
        assertEquals("Lab boot menu", m.title());
        assertEquals(List.of("debian", "main", "local"), m.entries().stream().map(Entry::id).toList());
        assertEquals("debian", m.defaultEntry());
        assertEquals(5000, m.timeoutMs());
        assertTrue(m.entries().get(2).action() instanceof BootAction.LocalDisk, m.entries().get(2).action().toString());
        assertEquals("dhcp", m.ipxePreamble().trim(), "what comes before the menu stays before it");
        String again = IpxeGenerator.generate(m);
        assertEquals(m.entries().stream().map(Entry::id).toList(),
                IpxeImporter.importText("top.ipxe", again).entries().stream().map(Entry::id).toList(), "the generated script imports back");
    }
}
