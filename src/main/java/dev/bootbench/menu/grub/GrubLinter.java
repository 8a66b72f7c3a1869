package dev.bootbench.menu.grub;

import dev.bootbench.menu.FileChecker;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lints a GRUB configuration: syntax, a {@code default} (or {@code fallback}) naming no entry, {@code initrd} before
 * {@code linux}, variables never set (GRUB's own and the {@code net_*} ones are known; iPXE's {@code ${next-server}}
 * style is called out), commands GRUB does not have, commands that exist on one platform only ({@code linux16} on
 * EFI, {@code linuxefi} on BIOS, EFI programs chainloaded on BIOS and the reverse) unless guarded by
 * {@code if [ "$grub_platform" = ... ]}, entries that load nothing to boot, duplicate ids, bad numbers and colours,
 * and (given the served roots) kernels, initrds, programs, configs, fonts and themes missing under them.
 */
public final class GrubLinter {
    private static final int MAX_SOURCES = 16;

    private final GrubScript script;
    private final LintOptions options;
    private final FileChecker files;
    private final Path scriptDir;
    private final Function<String, Optional<String>> resolver;
    private final Map<String, Finding> out = new LinkedHashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> functions = new HashSet<>();
    private final Map<String, String> literals = new HashMap<>();
    private boolean unknownAssignments;

    private GrubLinter(GrubScript script, LintOptions options, Path scriptDir, Function<String, Optional<String>> resolver) {
        this.script = script;
        this.options = options;
        this.files = new FileChecker(options);
        this.scriptDir = scriptDir;
        this.resolver = resolver == null ? n -> Optional.empty() : resolver;
    }

    public static List<Finding> lint(String file, String text) {
        return lint(GrubParser.parse(file, text), LintOptions.defaults(), null, null);
    }

    /**
     * @param scriptDir the config's folder (files next to it count as present), or null
     * @param resolver  reads a file {@code source}d by the config (its GRUB path), for the variables and functions it
     *                  sets; null: none can be read
     */
    public static List<Finding> lint(GrubScript script, LintOptions options, Path scriptDir, Function<String, Optional<String>> resolver) {
        GrubLinter l = new GrubLinter(script, options, scriptDir, resolver);
        return l.run();
    }

    /** Variables a script sets anywhere (what a config it loads with configfile or source sees). */
    public static Set<String> variablesSet(GrubScript script) {
        GrubLinter l = new GrubLinter(script, LintOptions.defaults(), null, null);
        l.collect(script.nodes(), 0, new HashSet<>());
        return Set.copyOf(l.assigned);
    }

    private List<Finding> run() {
        for (Finding f : script.problems()) add(f);
        assigned.addAll(options.inheritedVars());
        collect(script.nodes(), 0, new HashSet<>());
        walk(script.nodes(), EnumSet.allOf(Platform.class), false);
        menuLevel(script.nodes(), "the menu");
        List<Finding> list = new ArrayList<>(out.values());
        list.sort(Finding.ORDER);
        return list;
    }

    private void add(Finding f) {
        out.putIfAbsent(f.file() + ":" + f.line() + ":" + f.column() + ":" + f.code() + ":" + f.message(), f);
    }

    private void add(int line, int col, Severity s, String code, String msg) {
        add(new Finding(script.file(), line, col, s, code, msg));
    }

    // ---- what the script sets ----

    private void collect(List<GrubNode> nodes, int depth, Set<String> seen) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c) {
                collectCommand(c, depth, seen);
                if (c.block() != null) collect(c.block(), depth, seen);
            } else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) {
                    collect(b.condition(), depth, seen);
                    collect(b.body(), depth, seen);
                }
                if (i.otherwise() != null) collect(i.otherwise(), depth, seen);
            } else if (n instanceof GrubNode.Loop l) {
                if (l.variable() != null && l.variable().literal() != null) assigned.add(l.variable().literal());
                collect(l.condition(), depth, seen);
                collect(l.body(), depth, seen);
            } else if (n instanceof GrubNode.Function f) {
                functions.add(f.name());
                collect(f.body(), depth, seen);
            } else if (n instanceof GrubNode.Entry e) {
                collect(e.body(), depth, seen);
            }
        }
    }

    private void collectCommand(GrubNode.Command c, int depth, Set<String> seen) {
        String[] a = GrubImporter.assignment(c);
        if (a != null) {
            assigned.add(a[0]);
            if (a[1] != null) literals.putIfAbsent(a[0], a[1]);
            return;
        }
        List<GrubWord> args = c.args();
        switch (c.name()) {
            case "set" -> {
                for (GrubWord w : args) {
                    String t = w.parts().isEmpty() || !(w.parts().get(0) instanceof GrubWord.Lit l) ? null : l.text();
                    if (t != null && t.contains("=")) assigned.add(t.substring(0, t.indexOf('=')));
                }
            }
            case "read" -> args.stream().map(GrubWord::literal).filter(java.util.Objects::nonNull).forEach(assigned::add);
            case "net_get_dhcp_option" -> {
                if (!args.isEmpty() && args.get(0).literal() != null) assigned.add(args.get(0).literal());
            }
            case "regexp", "search", "search.file", "search.fs_label", "search.fs_uuid", "probe", "smbios", "getenv" -> {
                for (int i = 0; i < args.size(); i++) {
                    String t = args.get(i).literal();
                    if (t == null) continue;
                    String v = null;
                    if (t.startsWith("--set=")) v = t.substring(6);
                    else if ((t.equals("--set") || t.equals("-s")) && i + 1 < args.size()) v = args.get(i + 1).literal();
                    if (v != null) {
                        int colon = v.indexOf(':');
                        assigned.add(colon >= 0 ? v.substring(colon + 1) : v);
                    }
                }
            }
            case "load_env", "eval", "setenv" -> unknownAssignments = true;
            case "source", "." -> {
                String p = args.isEmpty() ? null : localPath(args.get(0));
                Optional<String> text = p == null || depth >= MAX_SOURCES || !seen.add(p) ? Optional.empty() : read(p);
                if (text.isEmpty()) unknownAssignments = true;
                else collect(GrubParser.parse(p, text.get()).nodes(), depth + 1, seen);
            }
            default -> { }
        }
    }

    private Optional<String> read(String path) {
        try {
            Optional<String> r = resolver.apply(path);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---- the walk ----

    private void walk(List<GrubNode> nodes, Set<Platform> plats, boolean inFunction) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c) {
                command(c, plats, inFunction);
                if (c.block() != null) walk(c.block(), plats, inFunction);
            } else if (n instanceof GrubNode.If i) {
                Set<Platform> rest = plats;
                for (GrubNode.Branch b : i.branches()) {
                    walk(b.condition(), rest, inFunction);
                    Set<Platform>[] split = narrow(b.condition(), rest);
                    walk(b.body(), split[0], inFunction);
                    rest = split[1];
                }
                if (i.otherwise() != null) walk(i.otherwise(), rest, inFunction);
            } else if (n instanceof GrubNode.Loop l) {
                for (GrubWord w : l.items()) vars(w, inFunction);
                walk(l.condition(), plats, inFunction);
                walk(l.body(), plats, inFunction);
            } else if (n instanceof GrubNode.Function f) {
                walk(f.body(), EnumSet.allOf(Platform.class), true);
            } else if (n instanceof GrubNode.Entry e) {
                for (GrubWord w : e.args()) vars(w, inFunction);
                if (e.submenu()) {
                    walk(e.body(), plats, inFunction);
                    menuLevel(e.body(), "submenu '" + titleOf(e) + "'");
                } else {
                    walk(e.body(), plats, true);
                    entryChecks(e);
                }
            }
        }
    }

    /** {plats where the condition holds, plats where it does not}, for tests of $grub_platform. */
    @SuppressWarnings("unchecked")
    static Set<Platform>[] narrow(List<GrubNode> cond, Set<Platform> plats) {
        Set<Platform> all = plats.isEmpty() ? EnumSet.noneOf(Platform.class) : EnumSet.copyOf(plats);
        Set<Platform>[] unknown = new Set[] {all, all};
        if (cond.isEmpty() || !(cond.get(cond.size() - 1) instanceof GrubNode.Command c) || c.block() != null) return unknown;
        List<String> w = c.words().stream().map(GrubWord::canonical).toList();
        boolean negate = c.negated();
        if (w.isEmpty()) return unknown;
        if (w.get(0).equals("[")) {
            if (!w.get(w.size() - 1).equals("]")) return unknown;
            w = w.subList(1, w.size() - 1);
        } else if (w.get(0).equals("test")) {
            w = w.subList(1, w.size());
        } else {
            return unknown;
        }
        if (!w.isEmpty() && w.get(0).equals("!")) {
            negate = !negate;
            w = w.subList(1, w.size());
        }
        if (w.size() != 3 || !(w.get(1).equals("=") || w.get(1).equals("==") || w.get(1).equals("!="))) return unknown;
        if (w.get(1).equals("!=")) negate = !negate;
        String a = w.get(0), b = w.get(2);
        String var = "${grub_platform}";
        if (b.contains(var)) {
            String t = a;
            a = b;
            b = t;
        }
        int at = a.indexOf(var);
        if (at < 0 || b.contains("${") || a.indexOf("${", at + var.length()) >= 0 || a.substring(0, at).contains("${")) return unknown;
        String pre = a.substring(0, at), suf = a.substring(at + var.length());
        Platform p = null;
        if (b.startsWith(pre) && b.endsWith(suf) && b.length() >= pre.length() + suf.length()) {
            String value = b.substring(pre.length(), b.length() - suf.length());
            p = value.equals("pc") ? Platform.PCBIOS : value.equals("efi") ? Platform.EFI : null;
        }
        Set<Platform> yes = EnumSet.noneOf(Platform.class);
        if (p != null && all.contains(p)) yes.add(p);
        Set<Platform> no = EnumSet.noneOf(Platform.class);
        no.addAll(all);
        no.removeAll(yes);
        return negate ? new Set[] {no, yes} : new Set[] {yes, no};
    }

    private static String titleOf(GrubNode.Entry e) {
        GrubWord t = e.title();
        return t == null ? "" : t.canonical();
    }

    // ---- per command ----

    private void command(GrubNode.Command c, Set<Platform> plats, boolean inFunction) {
        for (GrubWord w : c.words()) vars(w, inFunction);
        String name = c.name();
        if (name.isEmpty()) return;
        String[] a = GrubImporter.assignment(c);
        if (a != null) {
            value(c, a[0], a[1]);
            return;
        }
        if (!GrubBuiltins.isCommand(name) && !functions.contains(name) && !unknownAssignments)
            add(c.line(), c.column(), Severity.WARNING, "unknown-command", "GRUB has no command '" + GrubParser.clip(name) + "'");
        Platform only = GrubBuiltins.onlyOn(name);
        if (only != null) platformCheck(c, name + " exists on " + (only == Platform.PCBIOS ? "BIOS (pc)" : "EFI") + " only", only, plats);
        if (name.equals("chainloader") || name.equals("pxechainloader")) {
            String f = firstFile(c);
            Platform p = f == null ? null : GrubBuiltins.programPlatform(f);
            if (p != null) platformCheck(c, f + (p == Platform.EFI ? " is an EFI program" : " is a BIOS (PXE) program"), p, plats);
        }
        fileChecks(c);
    }

    private void platformCheck(GrubNode.Command c, String what, Platform only, Set<Platform> plats) {
        Platform other = only == Platform.PCBIOS ? Platform.EFI : Platform.PCBIOS;
        if (!plats.contains(other)) return;
        String guard = "if [ \"$grub_platform\" = " + GrubBuiltins.platformName(only) + " ]";
        add(c.line(), c.column(), Severity.WARNING, only == Platform.PCBIOS ? "bios-only-on-efi" : "efi-only-on-bios",
                what + ", but this line also runs on " + (other == Platform.EFI ? "EFI" : "BIOS") + " (guard it with '" + guard + "')");
    }

    private void value(GrubNode.Command c, String name, String v) {
        if (v == null) return;
        switch (name) {
            case "timeout" -> {
                if (!v.trim().matches("-?\\d+"))
                    add(c.line(), c.column(), Severity.ERROR, "bad-number", "timeout needs a number of seconds (-1: wait), not '" + GrubParser.clip(v) + "'");
            }
            case "timeout_style" -> {
                if (!Set.of("menu", "countdown", "hidden").contains(v))
                    add(c.line(), c.column(), Severity.WARNING, "bad-value", "timeout_style is menu, countdown or hidden, not '" + GrubParser.clip(v) + "'");
            }
            case "color_normal", "color_highlight", "menu_color_normal", "menu_color_highlight" -> {
                if (!GrubBuiltins.validColour(v))
                    add(c.line(), c.column(), Severity.WARNING, "bad-colour", name + " wants FOREGROUND/BACKGROUND from GRUB's 16 colour names "
                            + "(black, blue, ..., light-gray, ..., white), not '" + GrubParser.clip(v) + "'");
            }
            case "theme" -> checkFile(c, v);
            default -> { }
        }
    }

    private void vars(GrubWord w, boolean inFunction) {
        for (GrubWord.Var v : w.vars()) {
            String n = v.name();
            if (!v.valid()) {
                String g = GrubText.TO_GRUB.get(n);
                add(v.line(), v.column(), Severity.WARNING, "ipxe-variable", "'${" + GrubParser.clip(n) + "}' is not a GRUB variable name (letters, digits, '_')"
                        + (g != null ? ": iPXE's ${" + n + "} is $" + g + " in GRUB" : ""));
                continue;
            }
            if (v.positional() || GrubBuiltins.isBuiltinVariable(n) || assigned.contains(n) || unknownAssignments) continue;
            String g = GrubText.TO_GRUB.get(n);
            add(v.line(), v.column(), Severity.WARNING, "undefined-variable", "$" + n + " is never set"
                    + (g != null && !g.equals(n) ? " (iPXE's ${" + n + "} is $" + g + " in GRUB)" : ""));
        }
    }

    // ---- menus and entries ----

    /** An entry of a menu level as GRUB numbers them. */
    private record Slot(GrubNode.Entry entry, String id, String title) {}

    private static void slots(List<GrubNode> nodes, List<Slot> out) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Entry e) out.add(new Slot(e, e.id(), e.title() == null ? null : e.title().literal()));
            else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) slots(b.body(), out);
                if (i.otherwise() != null) slots(i.otherwise(), out);
            } else if (n instanceof GrubNode.Loop l) {
                slots(l.body(), out);
            }
        }
    }

    private static void assignments(List<GrubNode> nodes, List<GrubNode.Command> out) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c && GrubImporter.assignment(c) != null) out.add(c);
            else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) assignments(b.body(), out);
                if (i.otherwise() != null) assignments(i.otherwise(), out);
            }
        }
    }

    /** Checks default and fallback of one menu level (the file, or a submenu's body) and its ids. */
    private void menuLevel(List<GrubNode> nodes, String where) {
        List<Slot> slots = new ArrayList<>();
        slots(nodes, slots);
        Map<String, Slot> ids = new HashMap<>();
        for (Slot s : slots) {
            if (s.id() == null) continue;
            Slot prev = ids.putIfAbsent(s.id(), s);
            if (prev != null)
                add(s.entry().line(), s.entry().column(), Severity.WARNING, "duplicate-id", "--id " + s.id() + " is used twice in " + where
                        + " (first at line " + prev.entry().line() + ")");
        }
        List<GrubNode.Command> sets = new ArrayList<>();
        assignments(nodes, sets);
        for (GrubNode.Command c : sets) {
            String[] a = GrubImporter.assignment(c);
            if (a[1] == null || !(a[0].equals("default") || a[0].equals("fallback"))) continue;
            if (a[1].isEmpty() || a[1].equals("saved")) continue;
            String miss = missingTarget(a[1], slots);
            if (miss != null)
                add(c.line(), c.column(), Severity.ERROR, "default-no-entry", a[0] + " '" + GrubParser.clip(a[1]) + "' names no entry of " + where + miss);
        }
    }

    /** Null when the default names an entry (by number, id or title; submenus by "a>b"), else why not. */
    private static String missingTarget(String v, List<Slot> slots) {
        String[] path = v.split(">", -1);
        List<Slot> level = slots;
        for (int k = 0; k < path.length; k++) {
            String part = path[k];
            Slot found = null;
            if (part.matches("\\d{1,6}")) {
                int n = Integer.parseInt(part);
                if (n < level.size()) found = level.get(n);
                else return " (it has " + level.size() + " entries, numbered from 0)";
            } else {
                for (Slot s : level) if (part.equals(s.id())) found = s;
                if (found == null) for (Slot s : level) if (part.equals(s.title())) found = s;
            }
            if (found == null) return k == 0 ? "" : " (no '" + part + "' in that submenu)";
            if (k < path.length - 1) {
                if (!found.entry().submenu()) return " ('" + part + "' is not a submenu)";
                List<Slot> next = new ArrayList<>();
                slots(found.entry().body(), next);
                level = next;
            }
        }
        return null;
    }

    private void entryChecks(GrubNode.Entry e) {
        List<GrubNode.Command> cmds = new ArrayList<>();
        flatten(e.body(), cmds);
        boolean pseudo = cmds.isEmpty() || (cmds.size() == 1 && cmds.get(0).name().equals("true") && e.body().size() == 1);
        if (!pseudo) {
            boolean acts = false;
            for (GrubNode.Command c : cmds) {
                String n = c.name();
                if (n.isEmpty() || GrubBuiltins.LOADERS.contains(n) || GrubBuiltins.LEAVERS.contains(n) || functions.contains(n)
                        || (!GrubBuiltins.isCommand(n) && GrubImporter.assignment(c) == null)) acts = true;
            }
            if (!acts)
                add(e.line(), e.column(), Severity.WARNING, "entry-boots-nothing", "entry '" + GrubParser.clip(titleOf(e))
                        + "' loads nothing to boot (no linux, chainloader, configfile, ...): choosing it returns to the menu");
        }
        loads(e.body(), new HashSet<>());
    }

    private static void flatten(List<GrubNode> nodes, List<GrubNode.Command> out) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c) {
                out.add(c);
            } else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) {
                    flatten(b.condition(), out);
                    flatten(b.body(), out);
                }
                if (i.otherwise() != null) flatten(i.otherwise(), out);
            } else if (n instanceof GrubNode.Loop l) {
                flatten(l.condition(), out);
                flatten(l.body(), out);
            }
        }
    }

    /** initrd before linux: the loaders that may have run before each command, in order. */
    private Set<String> loads(List<GrubNode> nodes, Set<String> loaded) {
        Set<String> cur = new HashSet<>(loaded);
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c) {
                String name = c.name();
                Set<String> needs = GrubBuiltins.NEEDS.get(name);
                if (needs != null && needs.stream().noneMatch(cur::contains))
                    add(c.line(), c.column(), Severity.ERROR, "initrd-before-linux", name + " before " + String.join(" or ", needs.stream().sorted().toList())
                            + ": GRUB loads " + (name.startsWith("initrd") ? "initrds" : "modules") + " for the kernel loaded before them");
                if (GrubBuiltins.LOADERS.contains(name)) cur.add(name);
                if (functions.contains(name) || (!GrubBuiltins.isCommand(name) && !name.isEmpty())) cur.addAll(GrubBuiltins.LOADERS);
            } else if (n instanceof GrubNode.If i) {
                Set<String> merged = new HashSet<>(cur);
                for (GrubNode.Branch b : i.branches()) merged.addAll(loads(b.body(), loads(b.condition(), cur)));
                if (i.otherwise() != null) merged.addAll(loads(i.otherwise(), cur));
                cur = merged;
            } else if (n instanceof GrubNode.Loop l) {
                cur.addAll(loads(l.body(), cur));
            }
        }
        return cur;
    }

    // ---- files ----

    private String firstFile(GrubNode.Command c) {
        for (GrubWord w : c.args()) {
            String t = w.literal();
            if (t != null && t.startsWith("--")) continue;
            return substitute(w);
        }
        return null;
    }

    private void fileChecks(GrubNode.Command c) {
        if (!files.hasRoots()) return;
        switch (c.name()) {
            case "linux", "linux16", "linuxefi", "chainloader", "pxechainloader", "multiboot", "multiboot2", "configfile", "source", ".", "xen_hypervisor" -> {
                String f = firstFile(c);
                if (f != null) checkFile(c, f);
            }
            case "initrd", "initrd16", "initrdefi", "module", "module2", "xen_module" -> {
                for (GrubWord w : c.args()) {
                    String t = substitute(w);
                    if (t == null || t.startsWith("--")) continue;
                    if (t.startsWith("newc:")) {
                        int second = t.indexOf(':', 5);
                        if (second < 0) continue;
                        t = t.substring(second + 1);
                    }
                    checkFile(c, t);
                    if (!c.name().startsWith("initrd")) break;
                }
            }
            case "loadfont" -> {
                String f = firstFile(c);
                if (f != null && (f.contains("/") || f.endsWith(".pf2"))) checkFile(c, f);
            }
            case "background_image" -> {
                List<GrubWord> a = c.args();
                if (!a.isEmpty()) {
                    String f = substitute(a.get(a.size() - 1));
                    if (f != null && !f.startsWith("-")) checkFile(c, f);
                }
            }
            default -> { }
        }
    }

    /** A word with $prefix, $root and literal assignments put in; null when a variable stays unknown. */
    private String substitute(GrubWord w) {
        StringBuilder sb = new StringBuilder();
        for (GrubWord.Part p : w.parts()) {
            if (p instanceof GrubWord.Lit l) sb.append(l.text());
            else {
                String n = ((GrubWord.Var) p).name();
                String v = literals.get(n);
                if (v == null && n.equals("prefix")) v = "(tftp)/grub";
                if (v == null && n.equals("root")) v = "tftp";
                if (v == null || v.contains("$")) return null;
                sb.append(v);
            }
        }
        return sb.toString();
    }

    /** The path under the served root of a GRUB file name on the boot server, or null for other devices. */
    static String localPath(String grubPath) {
        String p = grubPath;
        if (p.startsWith("(")) {
            int close = p.indexOf(')');
            if (close < 0) return null;
            String dev = p.substring(1, close);
            if (!(dev.equals("tftp") || dev.equals("pxe") || dev.startsWith("pxe:") || dev.equals("tftp,$net_default_server"))) return null;
            p = p.substring(close + 1);
        }
        if (p.startsWith("+") || p.isEmpty()) return null;
        while (p.startsWith("/")) p = p.substring(1);
        return p.isEmpty() ? null : p;
    }

    private String localPath(GrubWord w) {
        String s = substitute(w);
        return s == null ? null : localPath(s);
    }

    private void checkFile(GrubNode.Command c, String grubPath) {
        if (grubPath.startsWith("(http,")) {
            int close = grubPath.indexOf(')');
            if (close < 0) return;
            String url = "http://" + grubPath.substring(6, close) + grubPath.substring(close + 1);
            files.headStatus(url).ifPresent(s -> {
                if (s == 404) add(c.line(), c.column(), Severity.ERROR, "remote-404", url + " answers 404 Not Found");
            });
            return;
        }
        String local = localPath(grubPath);
        if (local == null || !files.hasRoots()) return;
        if (!files.existsLocally(local, scriptDir))
            add(new Finding(script.file(), c.line(), c.column(), Severity.ERROR, "missing-file",
                    "file '" + local + "' (" + c.name() + ") is not under the served roots " + files.roots()).naming(local.replaceFirst("^/+", "")));
    }
}
