package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.VarText;

import java.util.ArrayList;
import java.util.List;

/** One whitespace-separated word of an iPXE command line, unexpanded, with its position. */
public record Word(String text, int line, int column) {
    /** The {@code ${...}} references in this word, innermost ones included, left to right. */
    public List<VarRef> vars() {
        List<VarRef> out = new ArrayList<>();
        scan(text, 0, text.length(), out);
        return out;
    }

    public boolean hasVars() {
        return text.contains("${");
    }

    private void scan(String s, int from, int to, List<VarRef> out) {
        int i = from;
        while (i < to - 1) {
            if (s.charAt(i) == '$' && s.charAt(i + 1) == '{') {
                int end = matchingBrace(s, i + 2, to);
                if (end < 0) return; // unterminated: reported by the parser
                String inner = s.substring(i + 2, end);
                boolean dynamic = inner.contains("${");
                String name = inner, type = null;
                int colon = lastColonOutsideBraces(inner);
                if (colon >= 0) {
                    name = inner.substring(0, colon);
                    type = inner.substring(colon + 1);
                }
                out.add(new VarRef(name, type, dynamic, line, column + i));
                if (dynamic) scan(s, i + 2, end, out);
                i = end + 1;
            } else {
                i++;
            }
        }
    }

    static int matchingBrace(String s, int from, int to) {
        return VarText.matchingBrace(s, from, to);
    }

    private static int lastColonOutsideBraces(String s) {
        return VarText.lastColonOutsideBraces(s);
    }
}
