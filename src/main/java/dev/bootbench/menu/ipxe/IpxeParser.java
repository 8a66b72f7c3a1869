package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses iPXE scripts (ipxe.org/scripting): {@code #!ipxe}, {@code :labels}, {@code #} comments, commands joined by
 * {@code &&} and {@code ||}, backslash continuations, CRLF and a UTF-8 byte order mark. Never throws: anything odd
 * becomes a finding in {@link IpxeScript#problems()}.
 */
public final class IpxeParser {
    private IpxeParser() {}

    public static IpxeScript parse(String file, String text) {
        List<Finding> problems = new ArrayList<>();
        List<IpxeLine> lines = new ArrayList<>();
        if (text == null) text = "";
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] physical = text.split("\r\n|\n|\r", -1);
        boolean shebang = physical.length > 0 && physical[0].startsWith("#!ipxe");
        int n = physical.length;
        if (n > 0 && physical[n - 1].isEmpty()) n--; // trailing newline
        int i = 0;
        while (i < n) {
            int startLine = i + 1;
            String p0 = physical[i];
            boolean cont0 = p0.endsWith("\\") && !p0.trim().startsWith("#") && i + 1 < n;
            if (!cont0) {
                // the common case: one physical line, positions are (line, index + 1)
                lines.add(parseLine(file, lines.size(), startLine, p0, null, problems));
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder();
            List<int[]> positions = new ArrayList<>(); // per char: line, column
            while (true) {
                String p = physical[i];
                boolean cont = p.endsWith("\\") && !p.trim().startsWith("#") && i + 1 < n;
                String part = cont ? p.substring(0, p.length() - 1) : p;
                for (int c = 0; c < part.length(); c++) {
                    sb.append(part.charAt(c));
                    positions.add(new int[] {i + 1, c + 1});
                }
                i++;
                if (!cont) break;
            }
            lines.add(parseLine(file, lines.size(), startLine, sb.toString(), positions, problems));
        }
        return new IpxeScript(file, shebang, lines, problems);
    }

    /** What separates iPXE's words: space, tab, form feed and vertical tab (nothing else, not even a no-break space). */
    public static boolean ws(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
    }

    /**
     * Where the word that starts at {@code from} ends: at the first separator outside {@code ${...}}, or at the line's
     * end. The parser and the editor's highlighting split words alike with it.
     */
    public static int wordEnd(String s, int from) {
        return (int) scanWord(s, from);
    }

    /** The word's end in the low half, and in the high half how many {@code ${} were still open there (an unterminated one). */
    private static long scanWord(String s, int i) {
        int depth = 0;
        while (i < s.length() && (depth > 0 || !ws(s.charAt(i)))) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                depth++;
                i += 2;
                continue;
            }
            if (c == '}' && depth > 0) depth--;
            i++;
        }
        return ((long) depth << 32) | i;
    }

    private static IpxeLine parseLine(String file, int index, int lineNo, String s, List<int[]> pos, List<Finding> problems) {
        int start = 0;
        while (start < s.length() && ws(s.charAt(start))) start++;
        if (start < s.length() && s.charAt(start) == ':') {
            int end = start + 1;
            while (end < s.length() && !ws(s.charAt(end))) end++;
            String label = s.substring(start + 1, end);
            if (label.isEmpty())
                problems.add(new Finding(file, lineNo, start + 1, Severity.WARNING, "empty-label", "label with no name"));
            return new IpxeLine(index, lineNo, s, label, List.of(), null);
        }
        // split into words; '#' at the start of a word begins a comment
        List<Word> words = new ArrayList<>();
        String comment = null;
        int i = start;
        while (i < s.length()) {
            while (i < s.length() && ws(s.charAt(i))) i++;
            if (i >= s.length()) break;
            if (s.charAt(i) == '#') {
                comment = s.substring(i + 1);
                break;
            }
            int b = i;
            long scanned = scanWord(s, b);
            i = (int) scanned;
            int depth = (int) (scanned >>> 32);
            String w = s.substring(b, i);
            int[] p = pos == null ? new int[] {lineNo, b + 1} : pos.get(b);
            words.add(new Word(w, p[0], p[1]));
            if (depth > 0)
                problems.add(new Finding(file, p[0], p[1], Severity.WARNING, "unbalanced-brace", "unterminated '${' in '" + clip(w) + "'"));
        }
        List<IpxeCommand> commands = new ArrayList<>();
        IpxeCommand.Op op = IpxeCommand.Op.FIRST;
        List<Word> cur = new ArrayList<>();
        int cmdLine = lineNo, cmdCol = start + 1;
        boolean pending = false;
        for (Word w : words) {
            if (w.text().equals("||") || w.text().equals("&&")) {
                if (cur.isEmpty() && op == IpxeCommand.Op.FIRST)
                    problems.add(new Finding(file, w.line(), w.column(), Severity.WARNING, "syntax", "'" + w.text() + "' with no command before it"));
                commands.add(command(cur, op, cmdLine, cmdCol));
                op = w.text().equals("||") ? IpxeCommand.Op.OR : IpxeCommand.Op.AND;
                cur = new ArrayList<>();
                cmdLine = w.line();
                cmdCol = w.column() + 3;
                pending = true;
                continue;
            }
            if (cur.isEmpty()) {
                cmdLine = w.line();
                cmdCol = w.column();
            }
            cur.add(w);
            pending = true;
        }
        if (pending) commands.add(command(cur, op, cmdLine, cmdCol));
        return new IpxeLine(index, lineNo, s, null, commands, comment);
    }

    private static IpxeCommand command(List<Word> words, IpxeCommand.Op op, int line, int col) {
        if (words.isEmpty()) return new IpxeCommand("", List.of(), op, line, col);
        return new IpxeCommand(words.get(0).text(), words.subList(1, words.size()), op, line, col);
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
