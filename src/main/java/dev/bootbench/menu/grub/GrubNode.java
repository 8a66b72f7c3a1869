package dev.bootbench.menu.grub;

import java.util.List;

/**
 * A statement of a GRUB script: a simple command, {@code if}, a loop, a function definition, or a menu entry
 * ({@code menuentry} / {@code submenu}). Positions: line and column (1-based) of its first word, and the offsets
 * of its text in the file ({@code start} inclusive, {@code end} exclusive).
 */
public sealed interface GrubNode permits GrubNode.Command, GrubNode.If, GrubNode.Loop, GrubNode.Function, GrubNode.Entry {
    int line();

    int column();

    int start();

    int end();

    /**
     * A simple command: its words (the first names the command), {@code !} before it, and a block argument
     * ({@code {...}} after the words) when it has one, else null.
     */
    record Command(List<GrubWord> words, boolean negated, List<GrubNode> block, int line, int column, int start, int end) implements GrubNode {
        public Command {
            words = List.copyOf(words);
            if (block != null) block = List.copyOf(block);
        }

        /** The command name ("" when it has no fixed name). */
        public String name() {
            if (words.isEmpty()) return "";
            String n = words.get(0).literal();
            return n == null ? "" : n;
        }

        public List<GrubWord> args() {
            return words.isEmpty() ? List.of() : words.subList(1, words.size());
        }
    }

    /** {@code if C; then B; elif C; then B; else B; fi}; {@code otherwise} is null without {@code else}. */
    record If(List<Branch> branches, List<GrubNode> otherwise, int line, int column, int start, int end) implements GrubNode {
        public If {
            branches = List.copyOf(branches);
            if (otherwise != null) otherwise = List.copyOf(otherwise);
        }
    }

    record Branch(List<GrubNode> condition, List<GrubNode> body, int line, int column) {
        public Branch {
            condition = List.copyOf(condition);
            body = List.copyOf(body);
        }
    }

    /** {@code for V in WORDS; do B; done} (variable and items) or {@code while|until C; do B; done} (condition). */
    record Loop(Kind kind, GrubWord variable, List<GrubWord> items, List<GrubNode> condition, List<GrubNode> body, int line, int column, int start,
            int end) implements GrubNode {
        public enum Kind { FOR, WHILE, UNTIL }

        public Loop {
            items = List.copyOf(items);
            condition = List.copyOf(condition);
            body = List.copyOf(body);
        }
    }

    /** {@code function NAME { B }}. */
    record Function(String name, List<GrubNode> body, int line, int column, int start, int end) implements GrubNode {
        public Function {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code menuentry} or {@code submenu}: its arguments (title, options, further positional arguments) and body;
     * {@code bodyStart}/{@code bodyEnd} are the offsets of the text between the braces.
     */
    record Entry(boolean submenu, List<GrubWord> args, List<GrubNode> body, int bodyStart, int bodyEnd, int line, int column, int start, int end)
            implements GrubNode {
        public Entry {
            args = List.copyOf(args);
            body = List.copyOf(body);
        }

        /** The first argument that is not an option (or an option's value), or null. */
        public GrubWord title() {
            List<GrubWord> p = positional();
            return p.isEmpty() ? null : p.get(0);
        }

        public List<GrubWord> positional() {
            return GrubOptions.positional(args);
        }

        /** The last value of an option ({@code --id=x} or {@code --id x}) as written, or null. */
        public GrubWord option(String name) {
            List<GrubWord> all = GrubOptions.values(args, name);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        public List<GrubWord> options(String name) {
            return GrubOptions.values(args, name);
        }

        public boolean flag(String name) {
            return GrubOptions.flag(args, name);
        }

        /** The literal --id, or null. */
        public String id() {
            GrubWord w = option("id");
            return w == null ? null : w.literal();
        }

        public List<String> classes() {
            return options("class").stream().map(GrubWord::literal).filter(java.util.Objects::nonNull).toList();
        }

        public String keyword() {
            return submenu ? "submenu" : "menuentry";
        }
    }
}
