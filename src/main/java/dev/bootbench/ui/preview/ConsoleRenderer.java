package dev.bootbench.ui.preview;

import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Screen;
import java.util.List;

/**
 * Draws a menu screen the way the client does: iPXE's menu (white on blue, the selected item on red, separators in
 * cyan, the countdown after the selected item, colours as the script sets them with {@code colour} and
 * {@code cpair}), syslinux's menu.c32 (a framed blue box on black with its default colours) and GRUB's text menu (a
 * framed list under a "GNU GRUB" heading, in {@code menu_color_normal} / {@code menu_color_highlight}).
 */
public final class ConsoleRenderer {
    private ConsoleRenderer() {}

    /** VGA text colours: black, red, green, yellow (brown), blue, magenta, cyan, white (light grey); then bright ones. */
    static final int[] VGA = {0x000000, 0xAA0000, 0x00AA00, 0xAA5500, 0x0000AA, 0xAA00AA, 0x00AAAA, 0xAAAAAA,
        0x555555, 0xFF5555, 0x55FF55, 0xFFFF55, 0x5555FF, 0xFF55FF, 0x55FFFF, 0xFFFFFF};
    static final int DEFAULT_FG = VGA[7], DEFAULT_BG = VGA[0];

    /** iPXE's colour of a colour index (0..7, 9 default) under the script's palette. */
    static int ipxeColour(Colours c, Integer index, boolean foreground) {
        if (index == null || index == 9 || index < 0 || index > 7) return foreground ? DEFAULT_FG : DEFAULT_BG;
        if (c != null)
            for (Colours.ColourDef d : c.palette())
                if (d.index() == index) {
                    if (d.rgb() != null) return d.rgb() & 0xFFFFFF;
                    if (d.basic() != null && d.basic() >= 0 && d.basic() <= 7) return VGA[d.basic()];
                }
        return VGA[index];
    }

    /** Colour pair {@code pair} as {fg, bg}; iPXE's defaults: 1 normal white/blue, 2 selected white/red, 3 separator cyan/blue. */
    static int[] ipxePair(Colours c, int pair) {
        int[][] defaults = {{9, 9}, {7, 4}, {7, 1}, {6, 4}};
        Integer f = defaults[pair][0], b = defaults[pair][1];
        if (c != null)
            for (Colours.ColourPair p : c.pairs())
                if (p.pair() == pair) {
                    f = p.foreground() != null ? p.foreground() : 9;
                    b = p.background() != null ? p.background() : 9;
                }
        return new int[] {ipxeColour(c, f, true), ipxeColour(c, b, false)};
    }

    /**
     * iPXE's menu: title centred on row 1, items from row 3 (20 rows, scrolled to keep the selection visible), 78
     * columns wide with two spaces of padding.
     */
    public static ConsoleBuffer ipxe(Screen s, int selected, Integer secondsLeft, Colours colours) {
        int[] normal = ipxePair(colours, 1), sel = ipxePair(colours, 2), sep = ipxePair(colours, 3);
        ConsoleBuffer buf = new ConsoleBuffer(normal[0], normal[1]);
        String title = s.title() == null ? "" : s.title();
        buf.centre(1, title, normal[0], normal[1], true);
        List<Screen.Line> lines = s.lines();
        int rows = 20, top = 0;
        if (selected >= rows) top = selected - rows + 1;
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            Screen.Line l = lines.get(top + i);
            int row = 3 + i;
            int[] col = l.gap() ? sep : (top + i == selected ? sel : normal);
            buf.fill(1, row, 78, 1, ' ', col[0], col[1]);
            String text = l.text();
            if (!l.gap() && top + i == selected && secondsLeft != null) {
                String t = " (" + secondsLeft + ")";
                buf.put(row, 1 + 78 - t.length(), t, col[0], col[1]);
                if (text.length() > 74 - t.length()) text = text.substring(0, Math.max(0, 74 - t.length()));
            }
            buf.put(row, 3, text.length() > 76 ? text.substring(0, 76) : text, col[0], col[1]);
        }
        if (top > 0) buf.put(3, 78, "↑", normal[0], normal[1]);
        if (top + rows < lines.size()) buf.put(22, 78, "↓", normal[0], normal[1]);
        return buf;
    }

    /** menu.c32 with its default colours: a double frame 60 columns wide, title, up to 12 rows, tab and timeout messages. */
    public static ConsoleBuffer menuC32(Screen s, int selected, Integer secondsLeft) {
        int black = VGA[0], white = VGA[7], blue = VGA[4], brightWhite = VGA[15], brightCyan = VGA[14], grey = VGA[8], red = VGA[1];
        ConsoleBuffer buf = new ConsoleBuffer(white, black);
        int left = 10, width = 60, rows = 12;
        List<Screen.Line> lines = s.lines();
        int top = selected >= rows ? selected - rows + 1 : 0;
        // frame
        buf.put(1, left, "╔" + "═".repeat(width - 2) + "╗", black, blue);
        buf.put(2, left, "║" + " ".repeat(width - 2) + "║", black, blue);
        buf.put(3, left, "╟" + "─".repeat(width - 2) + "╢", black, blue);
        for (int i = 0; i < rows; i++) buf.put(4 + i, left, "║" + " ".repeat(width - 2) + "║", black, blue);
        buf.put(4 + rows, left, "╚" + "═".repeat(width - 2) + "╝", black, blue);
        String title = s.title() == null ? "" : s.title();
        if (title.length() > width - 4) title = title.substring(0, width - 4);
        buf.put(2, left + (width - title.length()) / 2, title, brightCyan, blue, true);
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            Screen.Line l = lines.get(top + i);
            int row = 4 + i;
            String text = l.text();
            if (l.gap() && text.isEmpty()) {
                buf.put(row, left, "╟" + "─".repeat(width - 2) + "╢", black, blue);
                continue;
            }
            boolean isSel = !l.gap() && top + i == selected;
            int f = l.gap() ? grey : isSel ? black : white, b = isSel ? white : blue;
            buf.fill(left + 1, row, width - 2, 1, ' ', f, b);
            String t = " " + text;
            buf.put(row, left + 1, t.length() > width - 2 ? t.substring(0, width - 2) : t, f, b, l.gap());
        }
        buf.centre(4 + rows + 2, "Press [Tab] to edit options", red, black, false);
        if (secondsLeft != null) buf.centre(4 + rows + 4, "Automatic boot in " + secondsLeft + " second" + (secondsLeft == 1 ? "" : "s") + "...", white, black, false);
        return buf;
    }

    /** GRUB's 16 colour names, in VGA order. */
    static final List<String> GRUB_COLOURS = List.of("black", "red", "green", "brown", "blue", "magenta", "cyan", "light-gray", "dark-gray",
            "light-red", "light-green", "yellow", "light-blue", "light-magenta", "light-cyan", "white");

    /** A GRUB "fg/bg" colour setting as {fg, bg}; GRUB's default when it is not one. */
    static int[] grubColours(String setting, String fallback) {
        for (String v : new String[] {setting, fallback}) {
            if (v == null) continue;
            String[] p = v.split("/", -1);
            if (p.length == 2 && GRUB_COLOURS.contains(p[0]) && GRUB_COLOURS.contains(p[1]))
                return new int[] {VGA[GRUB_COLOURS.indexOf(p[0])], VGA[GRUB_COLOURS.indexOf(p[1])]};
        }
        return new int[] {DEFAULT_FG, DEFAULT_BG};
    }

    /**
     * GRUB's text menu: "GNU GRUB" on row 1, a single-line frame from row 3 holding up to 12 entries (scrolled to keep
     * the selection visible), the highlighted entry across the frame, the keys and the countdown below it. GRUB
     * has no title or separators: every line is an entry.
     *
     * @param normal    {@code menu_color_normal} ("fg/bg"), null: GRUB's default light-gray/black
     * @param highlight {@code menu_color_highlight}, null: black/light-gray
     */
    public static ConsoleBuffer grub(Screen s, int selected, Integer secondsLeft, String normal, String highlight) {
        int[] frame = {DEFAULT_FG, DEFAULT_BG};
        int[] n = grubColours(normal, "light-gray/black"), h = grubColours(highlight, "black/light-gray");
        ConsoleBuffer buf = new ConsoleBuffer(frame[0], frame[1]);
        buf.centre(1, "GNU GRUB", frame[0], frame[1], false);
        int left = 1, width = 78, rows = 12;
        List<Screen.Line> lines = s.lines();
        int top = selected >= rows ? selected - rows + 1 : 0;
        buf.put(3, left, "┌" + "─".repeat(width - 2) + "┐", frame[0], frame[1]);
        for (int i = 0; i < rows; i++) {
            buf.put(4 + i, left, "│", frame[0], frame[1]);
            buf.fill(left + 1, 4 + i, width - 2, 1, ' ', n[0], n[1]);
            buf.put(4 + i, left + width - 1, "│", frame[0], frame[1]);
        }
        buf.put(4 + rows, left, "└" + "─".repeat(width - 2) + "┘", frame[0], frame[1]);
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            boolean sel = top + i == selected;
            int[] col = sel ? h : n;
            String text = (sel ? "*" : " ") + lines.get(top + i).text();
            buf.fill(left + 1, 4 + i, width - 2, 1, ' ', col[0], col[1]);
            buf.put(4 + i, left + 1, text.length() > width - 2 ? text.substring(0, width - 2) : text, col[0], col[1]);
        }
        if (top > 0) buf.put(4, left + width - 2, "↑", n[0], n[1]);
        if (top + rows < lines.size()) buf.put(3 + rows, left + width - 2, "↓", n[0], n[1]);
        buf.put(6 + rows, 5, "↑ and ↓ select an entry, Enter boots it, 'e' edits it, 'c' opens GRUB's command line.", frame[0], frame[1]);
        if (secondsLeft != null)
            buf.put(7 + rows, 5, "The highlighted entry boots automatically in " + secondsLeft + "s.", frame[0], frame[1]);
        return buf;
    }

    /** A plain console (white on black) with lines of text, as the client shows after a choice. */
    public static ConsoleBuffer text(List<String> lines) {
        ConsoleBuffer buf = new ConsoleBuffer(DEFAULT_FG, DEFAULT_BG);
        int start = Math.max(0, lines.size() - ConsoleBuffer.ROWS);
        for (int i = start; i < lines.size(); i++) buf.put(i - start, 0, lines.get(i), DEFAULT_FG, DEFAULT_BG);
        return buf;
    }
}
