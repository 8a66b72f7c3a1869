package dev.bootbench.menu.ipxe;

import java.util.List;

/**
 * One logical line of a script (physical lines joined by a trailing backslash). Either a label ({@code :name}),
 * a command line (one or more commands joined by {@code &&} / {@code ||}), or blank / comment only.
 *
 * @param index    position in {@link IpxeScript#lines()}
 * @param line     1-based physical line where it starts
 * @param text     the raw text (continuations joined)
 * @param label    the label name for a label line, else null
 * @param commands the commands, empty for labels, blanks and comments
 * @param comment  trailing comment text without {@code #}, or null
 */
public record IpxeLine(int index, int line, String text, String label, List<IpxeCommand> commands, String comment) {
    public IpxeLine {
        commands = List.copyOf(commands);
    }

    public boolean isLabel() {
        return label != null;
    }

    public boolean isBlank() {
        return label == null && commands.isEmpty();
    }

    public IpxeCommand first() {
        return commands.isEmpty() ? null : commands.get(0);
    }

    /** The line without its comment, whitespace-normalised: what it means. */
    public String code() {
        if (label != null) return ":" + label;
        StringBuilder sb = new StringBuilder();
        for (IpxeCommand c : commands) {
            if (c.op() == IpxeCommand.Op.AND) sb.append(" && ");
            else if (c.op() == IpxeCommand.Op.OR) sb.append(" || ");
            sb.append(c.text());
        }
        return sb.toString().trim();
    }
}
