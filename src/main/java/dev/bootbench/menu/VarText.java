package dev.bootbench.menu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * iPXE settings ({@code ${name}}, {@code ${name:type}}, {@code ${net0/mac}}) in the text of a menu model, for the
 * languages that do not have them: each reference is replaced by what the target language has for it, or left out.
 * Text that loses a reference is tidied (no doubled spaces, no empty brackets, no separator left dangling), so
 * {@code "Bootbench: ${mac} (${platform} ${buildarch})"} becomes {@code "Bootbench"} for pxelinux.
 */
public final class VarText {
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]|\\{\\s*}|<\\s*>");
    private static final Pattern DANGLING_END = Pattern.compile("[\\s:;,|/\\-=]+$");
    private static final Pattern DANGLING_START = Pattern.compile("^[\\s:;,|/\\-=]+");

    private VarText() {}

    /** The text with its references replaced or left out, and the names of those left out (in order, once each). */
    public record Result(String text, List<String> dropped) {
        public Result {
            dropped = List.copyOf(dropped);
        }

        public boolean lossy() {
            return !dropped.isEmpty();
        }
    }

    public static boolean hasVars(String text) {
        return text != null && text.contains("${");
    }

    /**
     * @param mapping the replacement for a setting name (type suffix removed, scope kept: {@code net0/mac}); null
     *                leaves the reference out
     */
    public static Result translate(String text, Function<String, String> mapping) {
        if (text == null || !text.contains("${")) return new Result(text, List.of());
        StringBuilder sb = new StringBuilder();
        List<String> dropped = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int s = text.indexOf("${", i);
            if (s < 0) {
                sb.append(text, i, text.length());
                break;
            }
            int e = matchingBrace(text, s + 2, text.length());
            if (e < 0) {
                // unterminated: the rest is not a reference, but it is iPXE syntax all the same
                sb.append(text, i, s);
                String rest = text.substring(s + 2);
                if (!dropped.contains(rest)) dropped.add(rest);
                i = text.length();
                break;
            }
            sb.append(text, i, s);
            String inner = text.substring(s + 2, e);
            String name = inner;
            int colon = lastColonOutsideBraces(inner);
            if (colon >= 0) name = inner.substring(0, colon);
            String with = name.contains("${") ? null : mapping.apply(name);
            if (with != null) sb.append(with);
            else if (!dropped.contains(name)) dropped.add(name);
            i = e + 1;
        }
        String out = sb.toString();
        if (!dropped.isEmpty()) out = tidy(out);
        return new Result(out, dropped);
    }

    /** Leaves every reference out (the languages without settings). */
    public static Result strip(String text) {
        return translate(text, n -> null);
    }

    static String tidy(String s) {
        String t = s.replaceAll("[ \\t]{2,}", " ").replaceAll("([(\\[])[ \\t]+", "$1").replaceAll("[ \\t]+([)\\]])", "$1");
        for (int round = 0; round < 4; round++) {
            String u = EMPTY_BRACKETS.matcher(t).replaceAll("").replaceAll("[ \\t]{2,}", " ");
            u = DANGLING_END.matcher(u).replaceAll("");
            u = DANGLING_START.matcher(u).replaceAll("");
            if (u.equals(t)) break;
            t = u;
        }
        return t.trim();
    }

    /** The index of the '}' closing a reference whose name starts at {@code from} (nested references counted), or -1. */
    public static int matchingBrace(String s, int from, int to) {
        int depth = 1;
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            if (c == '$' && j + 1 < to && s.charAt(j + 1) == '{') {
                depth++;
                j++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The ':' before a type in {@code name:type} (outside nested braces), or -1. */
    public static int lastColonOutsideBraces(String s) {
        int depth = 0, found = -1;
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ':' && depth == 0) found = j;
        }
        return found;
    }
}
