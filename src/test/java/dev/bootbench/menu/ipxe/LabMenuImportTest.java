package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.SimulationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A menu in the common style (settings for timeout and default, lines between choose and goto) imports as entries. */
class LabMenuImportTest {
    final String text = Fixtures.resource("ipxe/lab-menu.ipxe");

    @Test
    void importsAsEntries() {
        Menu m = IpxeImporter.importText("lab-menu.ipxe", text);
        assertEquals("top", m.id());
        assertEquals("${pick}", m.defaultEntry());
        assertEquals("${wait-ms}", m.ipxeTimeout());
        assertEquals("set wait-ms 0", m.ipxeAfterChoose());
        assertEquals("escaped", m.onCancel());
        assertEquals("chosen", m.choiceVariable());
        assertEquals(List.of("disk", "live", "settings", "cmdline"), m.entries().stream().map(Entry::id).toList());
        assertEquals(new BootAction.LocalDisk(null), m.entry("disk").orElseThrow().action());
        assertEquals(new BootAction.Linux("http://${next-server}/live/vmlinuz", List.of("http://${next-server}/live/initrd.img"),
                "boot=live fetch=http://${next-server}/live/fs.squashfs"), m.entry("live").orElseThrow().action());
        assertEquals("top", m.fallback() == null ? m.entry("live").orElseThrow().fallback() : m.fallback());
        assertEquals("escaped", m.ipxeSections().get(0).label());
        assertEquals(List.of(), IpxeLinter.lint("lab-menu.ipxe", text));
        String again = IpxeGenerator.generate(m);
        assertEquals(m, IpxeImporter.importText("again.ipxe", again));
        assertEquals(List.of(), IpxeLinter.lint("again.ipxe", again));
    }

    @Test
    void regeneratedBehavesTheSame() {
        Menu m = IpxeImporter.importText("lab-menu.ipxe", text);
        IpxeScript orig = IpxeParser.parse("lab-menu.ipxe", text), again = IpxeParser.parse("again.ipxe", IpxeGenerator.generate(m));
        for (Platform p : Platform.values())
            for (List<String> choices : List.of(List.<String>of(), List.of("live"), List.of("settings", "cmdline"), List.of("esc"), List.of("disk"))) {
                ClientProfile c = ClientProfile.of(p, Arch.X86_64).withChoices(choices.toArray(String[]::new));
                SimulationResult x = IpxeSimulator.run(orig, c), y = IpxeSimulator.run(again, c);
                assertEquals(x.action(), y.action(), p + " " + choices);
                assertEquals(x.screens(), y.screens(), p + " " + choices);
            }
    }
}
