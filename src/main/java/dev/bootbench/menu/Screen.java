package dev.bootbench.menu;

import java.util.List;

/**
 * A menu as the client draws it: title, lines (items and gaps), the highlighted default, the timeout, and what was
 * chosen (null when the user escaped, or when the client stays at this menu waiting for a choice: see
 * {@link SimulationResult#waitsAt}).
 */
public record Screen(String title, List<Line> lines, String defaultId, Integer timeoutMs, String chosen) {
    public Screen {
        lines = List.copyOf(lines);
    }

    /** An item ({@code id} set) or a gap ({@code id} null). */
    public record Line(String id, String text) {
        public boolean gap() {
            return id == null;
        }
    }

    public List<String> itemIds() {
        return lines.stream().filter(l -> !l.gap()).map(Line::id).toList();
    }

    /** The screen as text: the title, each line (the default marked with {@code >}), the timeout and the choice. */
    public String render() {
        return render(false);
    }

    /** As {@link #render()}; {@code waiting}: the client stays at this menu, nothing chosen yet. */
    public String render(boolean waiting) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(title == null || title.isEmpty() ? "(no title)" : title).append(" ==\n");
        for (Line l : lines) {
            if (l.gap()) sb.append("     ").append(l.text()).append('\n');
            else sb.append(l.id().equals(defaultId) ? "  >  " : "     ").append(l.text()).append("  [").append(l.id()).append("]\n");
        }
        if (timeoutMs != null) sb.append("  timeout ").append(timeoutMs / 1000.0).append(" s");
        if (defaultId != null) sb.append(timeoutMs != null ? ", " : "  ").append("default ").append(defaultId);
        if (timeoutMs != null || defaultId != null) sb.append('\n');
        sb.append("  chosen: ").append(waiting ? "(nothing yet: waits for a choice)" : chosen == null ? "(escape)" : chosen).append('\n');
        return sb.toString();
    }
}
