package dev.bootbench.menu.grub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One word of a GRUB script as written: its parts (literal text, from quotes or not, and variable references) and
 * where it starts. Variables are expanded when the command runs; an unquoted expansion is split into several words
 * at white space, as in a Bourne shell.
 */
public record GrubWord(String raw, List<Part> parts, int line, int column) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?@*#]");

    public GrubWord {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Lit, Var {}

    /** Literal text; {@code quoted} when it came from quotes or a backslash escape. */
    public record Lit(String text, boolean quoted) implements Part {}

    /** {@code $name} or {@code ${name}}; {@code quoted} inside double quotes (no splitting). */
    public record Var(String name, boolean braced, boolean quoted, int line, int column) implements Part {
        /** Whether GRUB reads it as a variable: letters, digits and '_' (not starting with a digit), digits, or ? @ * #. */
        public boolean valid() {
            return NAME.matcher(name).matches();
        }

        public boolean positional() {
            return !name.isEmpty() && (Character.isDigit(name.charAt(0)) || "@*#".contains(name));
        }
    }

    /** The text when the word has no variables, else null. */
    public String literal() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) sb.append(l.text());
            else return null;
        }
        return sb.toString();
    }

    /** True when the word is exactly {@code s}, unquoted (how reserved words are recognised). */
    public boolean is(String s) {
        return parts.size() == 1 && parts.get(0) instanceof Lit l && !l.quoted() && l.text().equals(s);
    }

    public boolean unquoted() {
        for (Part p : parts)
            if (p instanceof Lit l ? l.quoted() : ((Var) p).quoted()) return false;
        return true;
    }

    public List<Var> vars() {
        List<Var> out = new ArrayList<>();
        for (Part p : parts) if (p instanceof Var v) out.add(v);
        return out;
    }

    /** The word with variables written as {@code ${name}} and quoting removed: what it means, for comparisons. */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) sb.append(l.text());
            else sb.append("${").append(((Var) p).name()).append('}');
        }
        return sb.toString();
    }

    /** The value as one string (no splitting); unset variables expand to nothing. */
    public String expand(Function<String, String> env) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) sb.append(l.text());
            else {
                String v = env.apply(((Var) p).name());
                if (v != null) sb.append(v);
            }
        }
        return sb.toString();
    }

    /** The words this word becomes: unquoted expansions split at white space; a word of nothing but such is dropped when empty. */
    public List<String> fields(Function<String, String> env) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean has = false;
        for (Part p : parts) {
            if (p instanceof Lit l) {
                cur.append(l.text());
                has = true;
            } else {
                Var v = (Var) p;
                String val = env.apply(v.name());
                if (val == null) val = "";
                if (v.quoted()) {
                    cur.append(val);
                    has = true;
                    continue;
                }
                String[] pieces = val.split("[ \\t\\n]+", -1);
                for (int i = 0; i < pieces.length; i++) {
                    if (i > 0) {
                        if (has) out.add(cur.toString());
                        cur.setLength(0);
                        has = false;
                    }
                    if (!pieces[i].isEmpty()) {
                        cur.append(pieces[i]);
                        has = true;
                    }
                }
            }
        }
        if (has) out.add(cur.toString());
        return out;
    }

    /** A word of literal text (tests and the generator). */
    public static GrubWord of(String text, int line, int column) {
        return new GrubWord(text, List.of(new Lit(text, false)), line, column);
    }
}
