package dev.bootbench.ui.editor;

import dev.bootbench.menu.ipxe.IpxeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small lexer for the code views: style classes for ranges of an iPXE script or a pxelinux config. iPXE: comments
 * ({@code #} starting a word), labels ({@code :name}), commands (first word and after {@code &&} / {@code ||}),
 * operators, options ({@code --x}), variables ({@code ${...}}, nested), strings (the text of {@code menu}, {@code item},
 * {@code echo}, {@code prompt}). pxelinux: comments, keywords (also two-word {@code MENU X}), label names, options
 * ({@code key=value}), strings (menu labels and titles). GRUB: comments, reserved words ({@code if}, {@code menuentry},
 * ...) as keywords, commands (first word of each command), options, variables ({@code $x}, {@code ${x}}, also inside
 * double quotes), strings (quoted text), braces and {@code ;} as operators.
 */
public final class Highlighter {
    public record Span(int start, int end, String style) {}

    private static final Set<String> TEXT_COMMANDS = Set.of("menu", "item", "echo", "prompt");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*(=\\S*)?");

    private Highlighter() {}

    public static List<Span> ipxe(String text) {
        List<Span> out = new ArrayList<>();
        int lineStart = 0;
        boolean continued = false;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(lineStart, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            ipxeLine(line, lineStart, continued, out);
            continued = line.endsWith("\\") && !line.trim().startsWith("#");
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        return out;
    }

    private static void ipxeLine(String s, int base, boolean continued, List<Span> out) {
        int i = 0;
        while (i < s.length() && IpxeParser.ws(s.charAt(i))) i++;
        if (i >= s.length()) return;
        if (!continued && s.charAt(i) == ':') {
            out.add(new Span(base + i, base + s.length(), "label"));
            return;
        }
        boolean expectCommand = !continued;
        boolean textArgs = false;
        while (i < s.length()) {
            while (i < s.length() && IpxeParser.ws(s.charAt(i))) i++;
            if (i >= s.length()) break;
            if (s.charAt(i) == '#') {
                out.add(new Span(base + i, base + s.length(), "comment"));
                return;
            }
            int b = i;
            i = IpxeParser.wordEnd(s, b); // the words iPXE sees, as the parser splits them
            String w = s.substring(b, i);
            if (w.equals("&&") || w.equals("||")) {
                out.add(new Span(base + b, base + i, "operator"));
                expectCommand = true;
                textArgs = false;
                continue;
            }
            if (expectCommand) {
                out.add(new Span(base + b, base + i, w.contains("${") ? "variable" : "command"));
                textArgs = TEXT_COMMANDS.contains(w);
                expectCommand = false;
                continue;
            }
            if (OPTION.matcher(w).matches()) {
                out.add(new Span(base + b, base + i, "option"));
                continue;
            }
            word(w, base + b, textArgs ? "string" : null, out);
        }
    }

    /** A word: its ${...} references as variables, the rest in {@code rest} style (or none). */
    private static void word(String w, int at, String rest, List<Span> out) {
        int i = 0, plain = 0;
        while (i < w.length() - 1) {
            if (w.charAt(i) == '$' && w.charAt(i + 1) == '{') {
                int depth = 1, j = i + 2;
                while (j < w.length() && depth > 0) {
                    if (w.charAt(j) == '$' && j + 1 < w.length() && w.charAt(j + 1) == '{') {
                        depth++;
                        j++;
                    } else if (w.charAt(j) == '}') depth--;
                    j++;
                }
                if (rest != null && i > plain) out.add(new Span(at + plain, at + i, rest));
                out.add(new Span(at + i, at + j, "variable"));
                i = plain = j;
            } else i++;
        }
        if (rest != null && w.length() > plain) out.add(new Span(at + plain, at + w.length(), rest));
    }

    private static final Pattern PX_KEYWORD = Pattern.compile("^(\\s*)((?i:menu|text)\\s+[A-Za-z]+|[A-Za-z0-9]+)");
    private static final Pattern PX_OPTION = Pattern.compile("(?<=\\s|^)([A-Za-z_][A-Za-z0-9_.\\-]*)=\\S*");

    public static List<Span> pxelinux(String text) {
        List<Span> out = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(lineStart, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            pxLine(line, lineStart, out);
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        return out;
    }

    private static void pxLine(String s, int base, List<Span> out) {
        String t = s.trim();
        if (t.isEmpty()) return;
        if (t.startsWith("#")) {
            out.add(new Span(base + s.indexOf('#'), base + s.length(), "comment"));
            return;
        }
        Matcher m = PX_KEYWORD.matcher(s);
        if (!m.find()) return;
        int kEnd = m.end(2);
        String keyword = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        out.add(new Span(base + m.start(2), base + kEnd, "keyword"));
        int argStart = kEnd;
        while (argStart < s.length() && Character.isWhitespace(s.charAt(argStart))) argStart++;
        if (argStart >= s.length()) return;
        switch (keyword) {
            case "LABEL", "DEFAULT" -> out.add(new Span(base + argStart, base + s.length(), "label"));
            case "MENU LABEL", "MENU TITLE", "SAY", "MENU PASSPROMPT", "MENU AUTOBOOT", "MENU TABMSG" ->
                    out.add(new Span(base + argStart, base + s.length(), "string"));
            default -> {
                Matcher o = PX_OPTION.matcher(s);
                o.region(argStart, s.length());
                while (o.find()) out.add(new Span(base + o.start(), base + o.end(), "option"));
            }
        }
    }

    private static final Set<String> GRUB_KEYWORDS = Set.of("if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until",
            "function", "menuentry", "submenu", "!", "[[", "]]", "case", "esac", "select", "time");
    /** Reserved words after which the next word is a command again. */
    private static final Set<String> GRUB_LEADING = Set.of("if", "then", "elif", "else", "do", "while", "until", "!");

    public static List<Span> grub(String text) {
        List<Span> out = new ArrayList<>();
        int i = 0, n = text.length();
        boolean expectCommand = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == ';') {
                if (c == ';') out.add(new Span(i, i + 1, "operator"));
                expectCommand = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (c == '#') {
                int e = text.indexOf('\n', i);
                if (e < 0) e = n;
                out.add(new Span(i, e, "comment"));
                i = e;
                continue;
            }
            if (c == '{' || c == '}') {
                out.add(new Span(i, i + 1, "operator"));
                expectCommand = true;
                i++;
                continue;
            }
            if (c == '|' || c == '&' || c == '<' || c == '>') {
                i++;
                continue;
            }
            // a word: plain parts, quotes, variables
            int start = i;
            List<Span> parts = new ArrayList<>();
            StringBuilder plain = new StringBuilder();
            int plainStart = -1;
            while (i < n) {
                char d = text.charAt(i);
                if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ';' || d == '{' || d == '}' || d == '|' || d == '&' || d == '<' || d == '>') break;
                if (d == '\\') {
                    i = Math.min(n, i + 2);
                    continue;
                }
                if (d == '\'') {
                    int e = text.indexOf('\'', i + 1);
                    e = e < 0 ? n : e + 1;
                    parts.add(new Span(i, e, "string"));
                    i = e;
                    continue;
                }
                if (d == '"') {
                    int j = i + 1, from = i;
                    while (j < n && text.charAt(j) != '"') {
                        if (text.charAt(j) == '\\') {
                            j += 2;
                            continue;
                        }
                        if (text.charAt(j) == '$') {
                            int v = grubVarEnd(text, j);
                            if (v > j + 1) {
                                if (j > from) parts.add(new Span(from, j, "string"));
                                parts.add(new Span(j, v, "variable"));
                                j = v;
                                from = j;
                                continue;
                            }
                        }
                        j++;
                    }
                    j = Math.min(n, j + 1);
                    if (j > from) parts.add(new Span(from, j, "string"));
                    i = j;
                    continue;
                }
                if (d == '$') {
                    int v = grubVarEnd(text, i);
                    if (v > i + 1) {
                        parts.add(new Span(i, v, "variable"));
                        i = v;
                        continue;
                    }
                }
                if (plainStart < 0) plainStart = i;
                plain.append(d);
                i++;
            }
            String word = text.substring(start, i);
            boolean hasQuotesOrVars = !parts.isEmpty();
            if (expectCommand && !hasQuotesOrVars && GRUB_KEYWORDS.contains(word)) {
                out.add(new Span(start, i, "keyword"));
                expectCommand = GRUB_LEADING.contains(word);
                continue;
            }
            if (expectCommand && !hasQuotesOrVars) {
                out.add(new Span(start, i, "command"));
                expectCommand = false;
                continue;
            }
            expectCommand = false;
            if (!hasQuotesOrVars && word.startsWith("--") && word.length() > 2) {
                out.add(new Span(start, i, "option"));
                continue;
            }
            parts.sort(java.util.Comparator.comparingInt(Span::start));
            out.addAll(parts);
        }
        return out;
    }

    /** The end of a GRUB variable reference at i ('$'), or i when there is none. */
    private static int grubVarEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) return i;
        char c = s.charAt(i + 1);
        if (c == '{') {
            int e = s.indexOf('}', i + 2);
            int nl = s.indexOf('\n', i + 2);
            if (e < 0 || (nl >= 0 && nl < e)) return i;
            return e + 1;
        }
        if (c == '?' || c == '@' || c == '*' || c == '#') return i + 2;
        int j = i + 1;
        if (Character.isDigit(c)) {
            while (j < n && Character.isDigit(s.charAt(j))) j++;
            return j;
        }
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_') && s.charAt(j) < 128) j++;
        return j;
    }
}
