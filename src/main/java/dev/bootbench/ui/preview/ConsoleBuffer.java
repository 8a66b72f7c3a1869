package dev.bootbench.ui.preview;

import java.util.Arrays;

/** A text console of cells (character, foreground and background as 0xRRGGBB), 80×25 by default. */
public final class ConsoleBuffer {
    public static final int COLS = 80, ROWS = 25;
    private final int cols, rows;
    private final char[][] chars;
    private final int[][] fg, bg;
    private final boolean[][] bold;

    public ConsoleBuffer(int cols, int rows, int fgColour, int bgColour) {
        this.cols = cols;
        this.rows = rows;
        chars = new char[rows][cols];
        fg = new int[rows][cols];
        bg = new int[rows][cols];
        bold = new boolean[rows][cols];
        fill(0, 0, cols, rows, ' ', fgColour, bgColour);
    }

    public ConsoleBuffer(int fgColour, int bgColour) {
        this(COLS, ROWS, fgColour, bgColour);
    }

    public int cols() { return cols; }
    public int rows() { return rows; }
    public char charAt(int row, int col) { return chars[row][col]; }
    public int fg(int row, int col) { return fg[row][col]; }
    public int bg(int row, int col) { return bg[row][col]; }
    public boolean bold(int row, int col) { return bold[row][col]; }

    public void fill(int col, int row, int w, int h, char c, int f, int b) {
        for (int r = Math.max(0, row); r < Math.min(rows, row + h); r++)
            for (int x = Math.max(0, col); x < Math.min(cols, col + w); x++) {
                chars[r][x] = c;
                fg[r][x] = f;
                bg[r][x] = b;
                bold[r][x] = false;
            }
    }

    /** Writes text from (row, col), clipped at the right edge; control characters become spaces. */
    public void put(int row, int col, String text, int f, int b, boolean isBold) {
        if (row < 0 || row >= rows || text == null) return;
        for (int i = 0; i < text.length(); i++) {
            int x = col + i;
            if (x < 0) continue;
            if (x >= cols) break;
            char c = text.charAt(i);
            chars[row][x] = c < ' ' ? ' ' : c;
            fg[row][x] = f;
            bg[row][x] = b;
            bold[row][x] = isBold;
        }
    }

    public void put(int row, int col, String text, int f, int b) {
        put(row, col, text, f, b, false);
    }

    /** Writes text centred on a row. */
    public void centre(int row, String text, int f, int b, boolean isBold) {
        String t = text.length() > cols ? text.substring(0, cols) : text;
        put(row, (cols - t.length()) / 2, t, f, b, isBold);
    }

    public String row(int r) {
        return new String(chars[r]);
    }

    /** The rows, right-trimmed, joined by newlines. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) sb.append(row(r).replaceAll("\\s+$", "")).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsoleBuffer c && Arrays.deepEquals(chars, c.chars) && Arrays.deepEquals(fg, c.fg) && Arrays.deepEquals(bg, c.bg);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(chars);
    }
}
