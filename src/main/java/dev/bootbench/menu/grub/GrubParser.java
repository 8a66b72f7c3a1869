package dev.bootbench.menu.grub;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses GRUB's script language (the GRUB manual, "Writing full configuration files directly"): words separated by
 * blanks and the metacharacters {@code { } | & $ ; < >}, single and double quotes and backslash escapes,
 * {@code $name} / {@code ${name}} expansions, {@code #} comments, commands ended by a newline or {@code ;},
 * {@code if/elif/else/fi}, {@code for/while/until ... do ... done}, {@code function NAME { }}, and
 * {@code menuentry} / {@code submenu} with their block. Never throws: what is wrong becomes a finding.
 */
public final class GrubParser {
    static final int MAX_DEPTH = 48;
    private static final Set<String> NONE = Set.of();

    private enum T { WORD, NEWLINE, SEMI, LBRACE, RBRACE, META, EOF }

    private record Tok(T type, GrubWord word, int line, int column, int start, int end) {}

    private final String file;
    private final String text;
    private final List<Finding> problems = new ArrayList<>();
    private final List<Tok> toks = new ArrayList<>();
    private int p;
    private int depth;
    private boolean gaveUp;

    private GrubParser(String file, String text) {
        this.file = file;
        this.text = text;
    }

    public static GrubScript parse(String file, String text) {
        if (text == null) text = "";
        if (text.startsWith("\uFEFF")) text = " " + text.substring(1); // keep offsets; the BOM reads as a blank
        GrubParser g = new GrubParser(file, text);
        g.lex();
        List<GrubNode> nodes = g.list(NONE, false);
        while (g.peek().type != T.EOF) {
            Tok t = g.next();
            if (t.type == T.RBRACE) g.problem(t.line, t.column, "'}' without a '{'");
        }
        return new GrubScript(file, text, nodes, g.problems);
    }

    private void problem(int line, int col, String msg) {
        if (problems.size() < 200) problems.add(new Finding(file, line, col, Severity.ERROR, "syntax", msg));
    }

    // ---- lexer ----

    private int pos, line = 1, col = 1;

    private char ch(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean meta(char c) {
        return c == '{' || c == '}' || c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
    }

    private void lex() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (blank(c)) {
                advance();
                continue;
            }
            if (c == '\\' && ch(pos + 1) == '\n') {
                advance();
                advance();
                continue;
            }
            int l = line, k = col, s = pos;
            if (c == '\n') {
                advance();
                toks.add(new Tok(T.NEWLINE, null, l, k, s, pos));
                continue;
            }
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') advance();
                continue;
            }
            if (meta(c)) {
                advance();
                T t = c == ';' ? T.SEMI : c == '{' ? T.LBRACE : c == '}' ? T.RBRACE : T.META;
                if (t == T.META) problem(l, k, "'" + c + "' is reserved in GRUB scripts (no pipes, redirections or background jobs)");
                toks.add(new Tok(t, null, l, k, s, pos));
                continue;
            }
            GrubWord w = word();
            toks.add(new Tok(T.WORD, w, l, k, s, pos));
        }
        toks.add(new Tok(T.EOF, null, line, col, pos, pos));
    }

    private GrubWord word() {
        int l = line, k = col, s = pos;
        List<GrubWord.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean litQuoted = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (blank(c) || c == '\n' || meta(c)) break;
            if (c == '\\') {
                if (ch(pos + 1) == '\n') {
                    advance();
                    advance();
                    continue;
                }
                flush(parts, lit, litQuoted);
                advance();
                if (pos < text.length()) {
                    lit.append(text.charAt(pos));
                    advance();
                } else {
                    lit.append('\\');
                }
                litQuoted = true;
                flush(parts, lit, litQuoted);
                litQuoted = false;
                continue;
            }
            if (c == '\'') {
                flush(parts, lit, litQuoted);
                int ql = line, qk = col;
                advance();
                while (pos < text.length() && text.charAt(pos) != '\'') {
                    lit.append(text.charAt(pos));
                    advance();
                }
                if (pos >= text.length()) problem(ql, qk, "unterminated single quote");
                else advance();
                parts.add(new GrubWord.Lit(lit.toString(), true));
                lit.setLength(0);
                continue;
            }
            if (c == '"') {
                flush(parts, lit, litQuoted);
                int ql = line, qk = col;
                advance();
                boolean closed = false;
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (d == '"') {
                        advance();
                        closed = true;
                        break;
                    }
                    if (d == '\\' && (ch(pos + 1) == '$' || ch(pos + 1) == '"' || ch(pos + 1) == '\\' || ch(pos + 1) == '\n')) {
                        advance();
                        if (text.charAt(pos) != '\n') lit.append(text.charAt(pos));
                        advance();
                        continue;
                    }
                    if (d == '$' && startsVariable(pos)) {
                        if (lit.length() > 0) parts.add(new GrubWord.Lit(lit.toString(), true));
                        lit.setLength(0);
                        parts.add(variable(true));
                        continue;
                    }
                    lit.append(d);
                    advance();
                }
                if (!closed) problem(ql, qk, "unterminated double quote");
                parts.add(new GrubWord.Lit(lit.toString(), true));
                lit.setLength(0);
                continue;
            }
            if (c == '$' && startsVariable(pos)) {
                flush(parts, lit, litQuoted);
                parts.add(variable(false));
                continue;
            }
            lit.append(c);
            advance();
        }
        flush(parts, lit, litQuoted);
        // adjacent literal parts of the same kind read as one
        List<GrubWord.Part> merged = new ArrayList<>();
        for (GrubWord.Part part : parts) {
            if (part instanceof GrubWord.Lit a && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof GrubWord.Lit b && a.quoted() == b.quoted()) {
                merged.set(merged.size() - 1, new GrubWord.Lit(b.text() + a.text(), a.quoted()));
            } else if (!(part instanceof GrubWord.Lit a2 && a2.text().isEmpty() && !a2.quoted())) {
                merged.add(part);
            }
        }
        if (merged.isEmpty()) merged.add(new GrubWord.Lit("", true));
        return new GrubWord(text.substring(s, pos), merged, l, k);
    }

    private static void flush(List<GrubWord.Part> parts, StringBuilder lit, boolean quoted) {
        if (lit.length() > 0) parts.add(new GrubWord.Lit(lit.toString(), quoted));
        lit.setLength(0);
    }

    private boolean startsVariable(int at) {
        char n = ch(at + 1);
        return n == '{' || Character.isLetterOrDigit(n) || n == '_' || n == '?' || n == '@' || n == '*' || n == '#';
    }

    /** At '$': reads ${...} or $name. */
    private GrubWord.Var variable(boolean quoted) {
        int l = line, k = col;
        advance();
        if (ch(pos) == '{') {
            advance();
            StringBuilder name = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '}' && text.charAt(pos) != '\n') {
                name.append(text.charAt(pos));
                advance();
            }
            if (ch(pos) == '}') advance();
            else problem(l, k, "unterminated '${'");
            GrubWord.Var v = new GrubWord.Var(name.toString(), true, quoted, l, k);
            return v;
        }
        StringBuilder name = new StringBuilder();
        char c = ch(pos);
        if (c == '?' || c == '@' || c == '*' || c == '#') {
            name.append(c);
            advance();
        } else if (Character.isDigit(c)) {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                name.append(text.charAt(pos));
                advance();
            }
        } else {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_') && text.charAt(pos) < 128) {
                name.append(text.charAt(pos));
                advance();
            }
        }
        return new GrubWord.Var(name.toString(), false, quoted, l, k);
    }

    // ---- parser ----

    private Tok peek() {
        return toks.get(Math.min(p, toks.size() - 1));
    }

    private Tok next() {
        Tok t = peek();
        if (p < toks.size() - 1) p++;
        return t;
    }

    private boolean atWord(String w) {
        Tok t = peek();
        return t.type == T.WORD && t.word.is(w);
    }

    private void skipSeparators() {
        while (peek().type == T.NEWLINE || peek().type == T.SEMI) next();
    }

    /** Statements until EOF, a '}' (in a block), or a command starting with one of the words in {@code until}. */
    private List<GrubNode> list(Set<String> until, boolean inBlock) {
        List<GrubNode> out = new ArrayList<>();
        while (!gaveUp) {
            skipSeparators();
            Tok t = peek();
            if (t.type == T.EOF) break;
            if (t.type == T.RBRACE) {
                if (inBlock) break;
                next();
                problem(t.line, t.column, "'}' without a '{'");
                continue;
            }
            String lit = t.type == T.WORD && t.word.unquoted() ? t.word.literal() : null;
            if (lit != null && until.contains(lit)) break;
            if (lit != null && Set.of("then", "elif", "else", "fi", "do", "done").contains(lit)) {
                next();
                problem(t.line, t.column, "'" + t.word.literal() + "' out of place");
                continue;
            }
            GrubNode n = statement();
            if (n != null) out.add(n);
        }
        return out;
    }

    private boolean deeper(Tok at) {
        if (++depth > MAX_DEPTH) {
            problem(at.line, at.column, "nested more than " + MAX_DEPTH + " levels deep: the rest is not read");
            gaveUp = true;
            while (peek().type != T.EOF) next();
            return false;
        }
        return true;
    }

    private GrubNode statement() {
        Tok first = peek();
        if (!deeper(first)) return null;
        try {
            if (first.type == T.LBRACE) {
                List<GrubNode> block = block();
                return new GrubNode.Command(List.of(), false, block, first.line, first.column, first.start, prevEnd());
            }
            if (first.type == T.META) {
                next();
                return null;
            }
            GrubWord w = first.word;
            if (w.is("if")) return ifStatement(first);
            if (w.is("for")) return forStatement(first);
            if (w.is("while") || w.is("until")) return whileStatement(first, w.is("while") ? GrubNode.Loop.Kind.WHILE : GrubNode.Loop.Kind.UNTIL);
            if (w.is("function")) return function(first);
            if (w.is("menuentry") || w.is("submenu")) return entry(first, w.is("submenu"));
            return command(first);
        } finally {
            depth--;
        }
    }

    private int prevEnd() {
        return p > 0 ? toks.get(p - 1).end : 0;
    }

    private GrubNode.Command command(Tok first) {
        boolean negated = false;
        if (first.word.is("!")) {
            next();
            negated = true;
        }
        List<GrubWord> words = new ArrayList<>();
        List<GrubNode> block = null;
        while (true) {
            Tok t = peek();
            if (t.type == T.WORD) {
                words.add(next().word);
            } else if (t.type == T.LBRACE) {
                block = block();
                break;
            } else if (t.type == T.META) {
                next();
            } else {
                break;
            }
        }
        return new GrubNode.Command(words, negated, block, first.line, first.column, first.start, prevEnd());
    }

    /** At '{': the statements up to the matching '}'. */
    private List<GrubNode> block() {
        Tok open = next();
        List<GrubNode> body = list(NONE, true);
        if (peek().type == T.RBRACE) next();
        else if (!gaveUp) problem(open.line, open.column, "'{' without a matching '}'");
        return body;
    }

    private boolean expect(String word, Tok context) {
        skipSeparators();
        if (atWord(word)) {
            next();
            return true;
        }
        Tok t = peek();
        if (!gaveUp) problem(t.type == T.EOF ? context.line : t.line, t.type == T.EOF ? context.column : t.column,
                "'" + word + "' expected for the '" + context.word.literal() + "' at line " + context.line);
        return false;
    }

    private GrubNode ifStatement(Tok first) {
        next();
        List<GrubNode.Branch> branches = new ArrayList<>();
        List<GrubNode> otherwise = null;
        Tok head = first;
        while (true) {
            List<GrubNode> cond = list(Set.of("then"), false);
            if (!expect("then", first)) break;
            List<GrubNode> body = list(Set.of("elif", "else", "fi"), false);
            branches.add(new GrubNode.Branch(cond, body, head.line, head.column));
            if (atWord("elif")) {
                head = next();
                continue;
            }
            if (atWord("else")) {
                next();
                otherwise = list(Set.of("fi"), false);
            }
            expect("fi", first);
            break;
        }
        return new GrubNode.If(branches, otherwise, first.line, first.column, first.start, prevEnd());
    }

    private GrubNode forStatement(Tok first) {
        next();
        GrubWord var = peek().type == T.WORD ? next().word : null;
        if (var == null) problem(first.line, first.column, "'for' without a variable name");
        List<GrubWord> items = new ArrayList<>();
        if (atWord("in")) {
            next();
            while (peek().type == T.WORD) items.add(next().word);
        }
        List<GrubNode> body = List.of();
        if (expect("do", first)) {
            body = list(Set.of("done"), false);
            expect("done", first);
        }
        return new GrubNode.Loop(GrubNode.Loop.Kind.FOR, var, items, List.of(), body, first.line, first.column, first.start, prevEnd());
    }

    private GrubNode whileStatement(Tok first, GrubNode.Loop.Kind kind) {
        next();
        List<GrubNode> cond = list(Set.of("do"), false);
        List<GrubNode> body = List.of();
        if (expect("do", first)) {
            body = list(Set.of("done"), false);
            expect("done", first);
        }
        return new GrubNode.Loop(kind, null, List.of(), cond, body, first.line, first.column, first.start, prevEnd());
    }

    private GrubNode function(Tok first) {
        next();
        String name = "";
        if (peek().type == T.WORD) {
            String n = next().word.literal();
            name = n == null ? "" : n;
        }
        if (name.isEmpty()) problem(first.line, first.column, "'function' without a name");
        while (peek().type == T.NEWLINE) next();
        List<GrubNode> body = List.of();
        if (peek().type == T.LBRACE) body = block();
        else problem(first.line, first.column, "'function " + name + "' without a '{ ... }' body");
        return new GrubNode.Function(name, body, first.line, first.column, first.start, prevEnd());
    }

    private GrubNode entry(Tok first, boolean submenu) {
        next();
        List<GrubWord> args = new ArrayList<>();
        while (peek().type == T.WORD || peek().type == T.META) {
            Tok t = next();
            if (t.type == T.WORD) args.add(t.word);
        }
        if (peek().type != T.LBRACE) {
            problem(first.line, first.column, (submenu ? "submenu" : "menuentry") + " without a '{ ... }' body");
            return new GrubNode.Entry(submenu, args, List.of(), prevEnd(), prevEnd(), first.line, first.column, first.start, prevEnd());
        }
        Tok open = peek();
        List<GrubNode> body = block();
        int close = prevEnd();
        Tok last = toks.get(Math.max(0, p - 1));
        int bodyEnd = last.type == T.RBRACE ? last.start : close;
        GrubNode.Entry e = new GrubNode.Entry(submenu, args, body, open.end, bodyEnd, first.line, first.column, first.start, close);
        if (e.title() == null) problem(first.line, first.column, e.keyword() + " without a title");
        return e;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
