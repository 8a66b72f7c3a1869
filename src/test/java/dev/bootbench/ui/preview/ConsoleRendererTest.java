package dev.bootbench.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Screen;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {
    static final Screen SCREEN = new Screen("Bench", List.of(new Screen.Line(null, "Installers"), new Screen.Line("a", "Debian"),
            new Screen.Line("b", "Windows")), "a", 5000, null);

    @Test
    void ipxeStyleWithDefaultAndScriptColours() {
        ConsoleBuffer b = ConsoleRenderer.ipxe(SCREEN, 2, 4, null);
        assertTrue(b.row(1).trim().equals("Bench"));
        assertTrue(b.row(4).contains("Debian") && b.row(5).contains("Windows") && b.row(5).trim().endsWith("(4)"), b.text());
        assertEquals(ConsoleRenderer.VGA[4], b.bg(4, 5), "items on blue");
        assertEquals(ConsoleRenderer.VGA[1], b.bg(5, 5), "the selection on red");
        assertEquals(ConsoleRenderer.VGA[6], b.fg(3, 3), "separators in cyan");
        Colours c = new Colours(List.of(new Colours.ColourDef(2, null, 0x123456)), List.of(new Colours.ColourPair(2, 0, 2)));
        ConsoleBuffer k = ConsoleRenderer.ipxe(SCREEN, 2, null, c);
        assertEquals(0x123456, k.bg(5, 5), "cpair 2 with colour 2 redefined by the palette");
        assertEquals(ConsoleRenderer.VGA[0], k.fg(5, 5));
    }

    @Test
    void menuC32Style() {
        ConsoleBuffer b = ConsoleRenderer.menuC32(SCREEN, 1, 5);
        assertTrue(b.row(1).contains("╔") && b.row(2).contains("Bench"), b.text());
        assertTrue(b.row(5).contains(" Debian"));
        assertEquals(ConsoleRenderer.VGA[7], b.bg(5, 15), "the selection in reverse video");
        assertTrue(b.text().contains("Automatic boot in 5 seconds..."));
    }

    @Test
    void grubStyle() {
        Screen s = new Screen("GNU GRUB", List.of(new Screen.Line("a", "Debian"), new Screen.Line("b", "Windows")), "a", 5000, null);
        ConsoleBuffer b = ConsoleRenderer.grub(s, 1, 4, null, null);
        assertEquals("GNU GRUB", b.row(1).trim());
        assertTrue(b.row(3).contains("┌") && b.row(4).contains(" Debian") && b.row(5).contains("*Windows"), b.text());
        assertEquals(ConsoleRenderer.VGA[7], b.bg(5, 10), "the highlighted entry: black on light grey");
        assertEquals(ConsoleRenderer.VGA[0], b.fg(5, 10));
        assertEquals(ConsoleRenderer.VGA[0], b.bg(4, 10), "the others: light grey on black");
        assertTrue(b.text().contains("boots automatically in 4s."), b.text());
        ConsoleBuffer c = ConsoleRenderer.grub(s, 0, null, "white/blue", "yellow/red");
        assertEquals(ConsoleRenderer.VGA[1], c.bg(4, 10));
        assertEquals(ConsoleRenderer.VGA[11], c.fg(4, 10));
        assertEquals(ConsoleRenderer.VGA[4], c.bg(5, 10));
        assertTrue(!c.text().contains("automatically"));
    }
}
