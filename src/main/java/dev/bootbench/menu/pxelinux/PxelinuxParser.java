package dev.bootbench.menu.pxelinux;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses pxelinux / syslinux configs (directives are case-insensitive; {@code MENU xxx} directives are read as
 * two-word keywords; {@code INCLUDE} and {@code MENU INCLUDE} are resolved through a file resolver). Never throws.
 */
public final class PxelinuxParser {
    private PxelinuxParser() {}

    /** Directives that boot something. */
    public static final Set<String> BOOT_KEYWORDS = Set.of("KERNEL", "LINUX", "BOOT", "BSS", "PXE", "FDIMAGE", "COMBOOT", "COM32", "CONFIG",
            "LOCALBOOT");
    /** Directives that belong to the current LABEL. */
    static final Set<String> LABEL_KEYWORDS = Set.of("KERNEL", "LINUX", "BOOT", "BSS", "PXE", "FDIMAGE", "COMBOOT", "COM32", "CONFIG",
            "LOCALBOOT", "APPEND", "INITRD", "IPAPPEND", "SYSAPPEND", "MENU LABEL", "MENU DEFAULT", "MENU HIDE", "MENU DISABLE",
            "MENU INDENT", "MENU PASSWD", "MENU GOTO", "MENU EXIT", "MENU QUIT", "TEXT HELP");
    static final Set<String> GLOBAL_KEYWORDS = Set.of("DEFAULT", "UI", "PROMPT", "TIMEOUT", "TOTALTIMEOUT", "ONTIMEOUT", "ONERROR", "SAY",
            "DISPLAY", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "KBDMAP", "SERIAL", "CONSOLE", "FONT",
            "NOESCAPE", "NOCOMPLETE", "NOHALT", "ALLOWOPTIONS", "IMPLICIT", "PATH", "INCLUDE", "LABEL", "MENU TITLE", "MENU COLOR",
            "MENU COLOUR", "MENU BACKGROUND", "MENU SEPARATOR", "MENU INCLUDE", "MENU BEGIN", "MENU END", "MENU MASTER", "MENU RESOLUTION",
            "MENU WIDTH", "MENU MARGIN", "MENU ROWS", "MENU TABMSGROW", "MENU CMDLINEROW", "MENU ENDROW", "MENU PASSWORDROW",
            "MENU TIMEOUTROW", "MENU HELPMSGROW", "MENU HELPMSGENDROW", "MENU HIDDEN", "MENU HIDDENROW", "MENU CLEAR", "MENU SHIFTKEY",
            "MENU SAVE", "MENU NOSAVE", "MENU IMMEDIATE", "MENU NOTABMSG", "MENU AUTOBOOT", "MENU TABMSG", "MENU PASSPROMPT", "MENU VSHIFT",
            "MENU HSHIFT", "MENU MSGCOLOR", "MENU MSGCOLOUR", "MENU START", "MENU PASSWD", "MENU HELPMSG");
    private static final int MAX_DEPTH = 16;

    public static PxelinuxConfig parse(String file, String text) {
        return parse(file, text, name -> Optional.empty());
    }

    /** @param resolver reads a file named in INCLUDE (as written, relative to the working directory) */
    public static PxelinuxConfig parse(String file, String text, Function<String, Optional<String>> resolver) {
        List<Finding> problems = new ArrayList<>();
        List<PxDirective> flat = new ArrayList<>();
        read(file, text, resolver, flat, problems, 0, new HashSet<>(Set.of(file)));
        List<PxDirective> globals = new ArrayList<>();
        List<PxNode> nodes = new ArrayList<>();
        String curName = null;
        PxDirective curLabel = null;
        List<PxDirective> cur = null;
        for (PxDirective d : flat) {
            if (d.is("LABEL")) {
                if (curLabel != null) nodes.add(new PxLabel(curName, curLabel, cur));
                curName = d.arg().trim();
                curLabel = d;
                cur = new ArrayList<>();
                if (curName.isEmpty())
                    problems.add(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "syntax", "LABEL without a name"));
                continue;
            }
            if (d.is("MENU SEPARATOR")) {
                if (curLabel != null) nodes.add(new PxLabel(curName, curLabel, cur));
                curLabel = null;
                nodes.add(new PxSeparator(d));
                continue;
            }
            if (curLabel != null && LABEL_KEYWORDS.contains(d.keyword())) cur.add(d);
            else {
                if (LABEL_KEYWORDS.contains(d.keyword()) && !d.is("MENU PASSWD"))
                    problems.add(new Finding(d.file(), d.line(), d.column(), Severity.WARNING, "outside-label", d.keyword() + " outside any LABEL is ignored"));
                globals.add(d);
            }
        }
        if (curLabel != null) nodes.add(new PxLabel(curName, curLabel, cur));
        return new PxelinuxConfig(file, globals, nodes, problems);
    }

    private static void read(String file, String text, Function<String, Optional<String>> resolver, List<PxDirective> out,
            List<Finding> problems, int depth, Set<String> seen) {
        if (text == null) text = "";
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int col = 0;
            while (col < raw.length() && Character.isWhitespace(raw.charAt(col))) col++;
            if (col >= raw.length() || raw.charAt(col) == '#') continue;
            String s = raw.substring(col);
            String[] w = s.split("\\s+", 2);
            String kw = w[0].toUpperCase(Locale.ROOT);
            String arg = w.length > 1 ? w[1].trim() : "";
            if (kw.equals("MENU") || kw.equals("TEXT")) {
                String[] w2 = arg.split("\\s+", 2);
                kw = kw + " " + w2[0].toUpperCase(Locale.ROOT);
                arg = w2.length > 1 ? w2[1].trim() : "";
            }
            PxDirective d = new PxDirective(kw, arg, file, i + 1, col + 1);
            if (kw.equals("TEXT HELP")) {
                StringBuilder help = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].trim().equalsIgnoreCase("ENDTEXT")) {
                    if (help.length() > 0) help.append('\n');
                    help.append(lines[j]);
                    j++;
                }
                if (j >= lines.length) problems.add(new Finding(file, i + 1, col + 1, Severity.WARNING, "syntax", "TEXT HELP without ENDTEXT"));
                out.add(new PxDirective(kw, help.toString(), file, i + 1, col + 1));
                i = j;
                continue;
            }
            if (kw.equals("INCLUDE") || kw.equals("MENU INCLUDE")) {
                String name = arg.split("\\s+", 2)[0];
                if (name.isEmpty()) {
                    problems.add(new Finding(file, i + 1, col + 1, Severity.ERROR, "syntax", kw + " without a file name"));
                    continue;
                }
                if (depth >= MAX_DEPTH || seen.contains(name)) {
                    problems.add(new Finding(file, i + 1, col + 1, Severity.ERROR, "include-loop", kw + " " + name + " includes itself"));
                    continue;
                }
                Optional<String> content;
                try {
                    content = resolver.apply(name);
                } catch (RuntimeException e) {
                    content = Optional.empty();
                }
                if (content.isEmpty()) {
                    problems.add(new Finding(file, i + 1, col + 1, Severity.WARNING, "include-unresolved", kw + " " + name + ": file not found"));
                    out.add(d);
                    continue;
                }
                Set<String> inner = new HashSet<>(seen);
                inner.add(name);
                read(name, content.get(), resolver, out, problems, depth + 1, inner);
                continue;
            }
            if (!LABEL_KEYWORDS.contains(kw) && !GLOBAL_KEYWORDS.contains(kw))
                problems.add(new Finding(file, i + 1, col + 1, Severity.WARNING, "unknown-directive", "unknown directive '" + clip(kw) + "'"));
            out.add(d);
        }
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
