package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.FileChecker;
import dev.bootbench.menu.FileRefs;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Severity;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints an iPXE script with a data-flow pass over its lines: which settings may be set and which platforms are
 * still possible at each line (from {@code iseq ${platform} X &&} prefixes, {@code goto x_${platform}}, and menu
 * items shown only under such conditions). Reports undefined and unreached labels, items without sections,
 * settings used where nothing set them, unknown commands, BIOS-only programs offered on EFI and the reverse, and
 * missing files.
 */
public final class IpxeLinter {
    private static final int MAX_VISITS = 200_000;
    private static final Pattern DYN_GOTO = Pattern.compile("^(.*?)\\$\\{([^{}:]+)(?::[^{}]*)?}(.*)$");

    private final IpxeScript script;
    private final LintOptions options;
    private final FileChecker files;
    private final Path scriptDir;
    private final List<IpxeLine> lines;
    private final Map<String, Integer> labels;
    private final Map<IpxeCommand, List<IpxeCommand>> menuOf = new HashMap<>(); // choose -> its items
    private final Map<String, List<IpxeCommand>> choosesByVar = new HashMap<>();
    private final Map<String, Set<String>> literalValues = new HashMap<>();
    private final Set<String> unknownValueVars = new HashSet<>();
    private final Set<String> setAnywhere = new HashSet<>();
    private final Map<IpxeCommand, EnumSet<Platform>> itemPlatforms = new HashMap<>();
    private final St[] in;
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private boolean collect;

    /** Abstract state: settings that may be set, platforms still possible. */
    private record St(Set<String> vars, Set<Platform> plats) {
        St join(St o) {
            if (o == null) return this;
            Set<String> v = vars;
            if (!vars.containsAll(o.vars)) {
                v = new HashSet<>(vars);
                v.addAll(o.vars);
            }
            Set<Platform> p = plats;
            if (!plats.containsAll(o.plats)) {
                p = EnumSet.copyOf(plats);
                p.addAll(o.plats);
            }
            return v == vars && p == plats ? this : new St(v, p);
        }

        St with(String var) {
            if (vars.contains(var)) return this;
            Set<String> v = new HashSet<>(vars);
            v.add(var);
            return new St(v, plats);
        }

        St plats(Set<Platform> p) {
            return new St(vars, p);
        }
    }

    private record Branch(St st, boolean ok) {}

    private IpxeLinter(IpxeScript script, LintOptions options, Path scriptDir) {
        this.script = script;
        this.options = options;
        this.files = new FileChecker(options);
        this.scriptDir = scriptDir;
        this.lines = script.lines();
        this.labels = script.labels();
        this.in = new St[lines.size()];
    }

    public static List<Finding> lint(IpxeScript script, LintOptions options, Path scriptDir) {
        IpxeLinter l = new IpxeLinter(script, options, scriptDir);
        return l.run();
    }

    public static List<Finding> lint(String file, String text) {
        return lint(IpxeParser.parse(file, text), LintOptions.defaults(), null);
    }

    /** Settings a script may set anywhere (what a chained script inherits). */
    public static Set<String> settingsSet(IpxeScript script) {
        IpxeLinter l = new IpxeLinter(script, LintOptions.defaults(), null);
        l.prescan();
        return Collections.unmodifiableSet(l.setAnywhere);
    }

    private List<Finding> run() {
        for (Finding f : script.problems()) add(f);
        if (!script.shebang() && !lines.isEmpty())
            add(new Finding(script.file(), 1, 1, Severity.WARNING, "no-shebang", "script does not start with #!ipxe; iPXE will not run it as a script"));
        prescan();
        // pass 1: from the start
        St start = new St(new HashSet<>(options.inheritedVars()), EnumSet.allOf(Platform.class));
        if (!lines.isEmpty()) solve(0, start);
        boolean[] reached = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) reached[i] = in[i] != null;
        // pass 2: unreached labels, seeded with what is set textually before them, so their code is checked too
        Set<String> before = new HashSet<>(options.inheritedVars());
        for (int i = 0; i < lines.size(); i++) {
            IpxeLine l = lines.get(i);
            if (l.isLabel() && in[i] == null) solve(i, new St(new HashSet<>(before), EnumSet.allOf(Platform.class)));
            for (IpxeCommand c : l.commands()) {
                String v = setTarget(c);
                if (v != null) before.add(v);
            }
        }
        // collect
        collect = true;
        for (int i = 0; i < lines.size(); i++) if (in[i] != null) transfer(i, in[i], null);
        for (int i = 0; i < lines.size(); i++) {
            IpxeLine l = lines.get(i);
            if (l.isLabel() && !reached[i]) {
                add(new Finding(script.file(), l.line(), 1, Severity.WARNING, "unreachable-label", "label '" + l.label() + "' is never reached"));
            }
            if (l.isLabel() && labels.get(l.label()) != i)
                add(new Finding(script.file(), l.line(), 1, Severity.WARNING, "duplicate-label",
                        "label '" + l.label() + "' is defined again; goto always finds the first one (line " + lines.get(labels.get(l.label())).line() + ")"));
        }
        List<Finding> out = new ArrayList<>(findings.values());
        out.sort(Finding.ORDER);
        return out;
    }

    private void add(Finding f) {
        findings.putIfAbsent(f.line() + ":" + f.column() + ":" + f.code() + ":" + f.message(), f);
    }

    private void add(int line, int col, Severity s, String code, String msg) {
        add(new Finding(script.file(), line, col, s, code, msg));
    }

    // ---- prescan: menus, setting sources ----

    private static String stripType(String name) {
        int c = name.indexOf(':');
        return c >= 0 ? name.substring(0, c) : name;
    }

    /** The setting a command sets, if it sets one with a fixed name. */
    private static String setTarget(IpxeCommand c) {
        List<Word> pos = c.positional();
        switch (c.name()) {
            case "set", "read", "inc", "choose" -> {
                if (c.name().equals("choose")) pos = pos.isEmpty() ? pos : pos.subList(pos.size() - 1, pos.size());
                if (pos.isEmpty()) return null;
                String n = stripType(pos.get(0).text());
                return n.contains("${") ? null : n;
            }
            default -> {
                return null;
            }
        }
    }

    private void prescan() {
        List<IpxeCommand> currentItems = new ArrayList<>();
        for (IpxeLine l : lines) {
            for (IpxeCommand c : l.commands()) {
                String t = setTarget(c);
                if (t != null) {
                    setAnywhere.add(t);
                    int slash = t.indexOf('/');
                    if (slash >= 0) setAnywhere.add(t.substring(slash + 1));
                }
                switch (c.name()) {
                    case "menu" -> currentItems = new ArrayList<>();
                    case "item" -> currentItems.add(c);
                    case "choose" -> {
                        menuOf.put(c, currentItems);
                        if (t != null) choosesByVar.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
                    }
                    case "set" -> {
                        if (t != null) {
                            List<Word> pos = c.positional();
                            String value = pos.size() == 2 ? pos.get(1).text() : null;
                            if (value != null) literalValues.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(value);
                            else unknownValueVars.add(t);
                        }
                    }
                    case "read", "inc" -> {
                        if (t != null) unknownValueVars.add(t);
                    }
                    default -> { }
                }
            }
        }
    }

    // ---- the fixed point ----

    private void solve(int from, St st) {
        Deque<Integer> work = new ArrayDeque<>();
        boolean[] queued = new boolean[lines.size()];
        if (merge(from, st)) {
            work.add(from);
            queued[from] = true;
        }
        int visits = 0;
        while (!work.isEmpty() && visits++ < MAX_VISITS) {
            int i = work.poll();
            queued[i] = false;
            Map<Integer, St> out = new LinkedHashMap<>();
            transfer(i, in[i], out);
            for (Map.Entry<Integer, St> e : out.entrySet())
                if (merge(e.getKey(), e.getValue()) && !queued[e.getKey()]) {
                    work.add(e.getKey());
                    queued[e.getKey()] = true;
                }
        }
    }

    private boolean merge(int i, St st) {
        if (i < 0 || i >= in.length) return false;
        St old = in[i];
        St now = st.join(old);
        if (old != null && now.equals(old)) return false;
        in[i] = old == null ? st : now;
        return true;
    }

    private void edge(Map<Integer, St> out, int target, St st) {
        if (out == null || st.plats.isEmpty()) return;
        St old = out.get(target);
        out.put(target, old == null ? st : old.join(st));
    }

    /** Runs line i from state st, adding successor states to out (null while collecting findings). */
    private void transfer(int i, St st, Map<Integer, St> out) {
        IpxeLine line = lines.get(i);
        if (line.isLabel() || line.isBlank()) {
            edge(out, i + 1, st);
            return;
        }
        List<Branch> branches = List.of(new Branch(st, true));
        for (IpxeCommand c : line.commands()) {
            List<Branch> next = new ArrayList<>();
            for (Branch b : branches) {
                boolean run = switch (c.op()) {
                    case FIRST -> true;
                    case AND -> b.ok;
                    case OR -> !b.ok;
                };
                if (!run) {
                    next.add(b);
                    continue;
                }
                exec(c, b.st, next, out);
            }
            branches = dedupe(next);
            if (branches.isEmpty()) break;
        }
        for (Branch b : branches) if (b.ok) edge(out, i + 1, b.st);
    }

    private static List<Branch> dedupe(List<Branch> bs) {
        if (bs.size() <= 1) return bs;
        St ok = null, fail = null;
        for (Branch b : bs) {
            if (b.st.plats.isEmpty()) continue;
            if (b.ok) ok = b.st.join(ok);
            else fail = b.st.join(fail);
        }
        List<Branch> r = new ArrayList<>(2);
        if (ok != null) r.add(new Branch(ok, true));
        if (fail != null) r.add(new Branch(fail, false));
        return r;
    }

    private void exec(IpxeCommand c, St st, List<Branch> next, Map<Integer, St> out) {
        String n = c.name();
        if (collect) checkCommand(c, st);
        switch (n) {
            case "" -> next.add(new Branch(st, true));
            case "iseq" -> {
                List<Word> a = c.positional();
                Platform p = a.size() == 2 ? platformCompare(a.get(0).text(), a.get(1).text()) : null;
                if (p != null) {
                    next.add(new Branch(st.plats(intersect(st.plats, EnumSet.of(p))), true));
                    Set<Platform> rest = EnumSet.copyOf(st.plats);
                    rest.remove(p);
                    next.add(new Branch(st.plats(rest), false));
                } else {
                    next.add(new Branch(st, true));
                    next.add(new Branch(st, false));
                }
            }
            case "isset" -> {
                St okSt = st;
                for (Word w : c.positional()) for (VarRef r : w.vars()) if (!r.dynamic()) okSt = okSt.with(r.name());
                next.add(new Branch(okSt, true));
                next.add(new Branch(st, false));
            }
            case "set", "read", "inc", "choose" -> {
                String t = setTarget(c);
                St okSt = t == null ? st : withSetting(st, t);
                next.add(new Branch(okSt, true));
                if (!n.equals("set")) next.add(new Branch(st, false));
            }
            case "goto" -> gotoEdges(c, st, next, out);
            case "exit" -> { }
            case "boot", "reboot", "poweroff" -> next.add(new Branch(st, false));
            case "item" -> {
                itemPlatforms.computeIfAbsent(c, k -> EnumSet.noneOf(Platform.class)).addAll(st.plats);
                next.add(new Branch(st, true));
            }
            default -> {
                next.add(new Branch(st, true));
                next.add(new Branch(st, false));
            }
        }
    }

    private static St withSetting(St st, String t) {
        St s = st.with(t);
        int slash = t.indexOf('/');
        if (slash >= 0) s = s.with(t.substring(slash + 1));
        return s;
    }

    private static Set<Platform> intersect(Set<Platform> a, Set<Platform> b) {
        Set<Platform> r = EnumSet.noneOf(Platform.class);
        for (Platform p : a) if (b.contains(p)) r.add(p);
        return r;
    }

    private static Platform platformCompare(String a, String b) {
        String lit = a.equals("${platform}") ? b : b.equals("${platform}") ? a : null;
        if (lit == null) return null;
        try {
            return Platform.parse(lit);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void gotoEdges(IpxeCommand c, St st, List<Branch> next, Map<Integer, St> out) {
        if (c.positional().isEmpty()) {
            if (collect) add(c.line(), c.column(), Severity.ERROR, "syntax", "goto needs a label");
            next.add(new Branch(st, false));
            return;
        }
        Word w = c.positional().get(0);
        String target = w.text();
        if (!target.contains("${")) {
            Integer idx = labels.get(target);
            if (idx == null) {
                if (collect) add(w.line(), w.column(), Severity.ERROR, "undefined-label", "goto '" + target + "': no such label");
                next.add(new Branch(st, false));
            } else {
                edge(out, idx, st);
            }
            return;
        }
        Matcher m = DYN_GOTO.matcher(target);
        if (!m.matches() || m.group(1).contains("${") || m.group(3).contains("${")) {
            for (int idx : labels.values()) edge(out, idx, st);
            return;
        }
        String pre = m.group(1), var = m.group(2), suf = m.group(3);
        boolean unknown = false;
        if (var.equals("platform")) {
            for (Platform p : st.plats) {
                String label = pre + p.id() + suf;
                Integer idx = labels.get(label);
                if (idx == null) {
                    if (collect) add(w.line(), w.column(), Severity.ERROR, "undefined-label", "goto '" + target + "': no label '" + label + "' for platform " + p.id());
                } else {
                    edge(out, idx, st.plats(EnumSet.of(p)));
                }
            }
            return;
        }
        List<IpxeCommand> chooses = choosesByVar.getOrDefault(var, List.of());
        for (IpxeCommand ch : chooses) {
            for (IpxeCommand item : menuOf.getOrDefault(ch, List.of())) {
                List<Word> pos = item.positional();
                if (item.flag("gap") || pos.isEmpty()) continue;
                String label = pre + pos.get(0).text() + suf;
                Integer idx = labels.get(label);
                Set<Platform> ip = itemPlatforms.getOrDefault(item, EnumSet.noneOf(Platform.class));
                if (idx == null) {
                    if (collect) add(item.line(), item.column(), Severity.ERROR, "item-without-section",
                            "menu item '" + pos.get(0).text() + "' has no section: no label '" + label + "' for 'goto " + target + "' (line " + c.line() + ")");
                } else {
                    edge(out, idx, st.plats(intersect(st.plats, ip)));
                }
            }
        }
        for (String v : literalValues.getOrDefault(var, Set.of())) {
            if (v.contains("${")) {
                unknown = true;
                continue;
            }
            String label = pre + v + suf;
            Integer idx = labels.get(label);
            if (idx == null) {
                if (collect) add(w.line(), w.column(), Severity.ERROR, "undefined-label", "goto '" + target + "': no label '" + label + "' for " + var + "=" + v);
            } else {
                edge(out, idx, st);
            }
        }
        if (unknownValueVars.contains(var) || (chooses.isEmpty() && !literalValues.containsKey(var))) unknown = true;
        if (unknown) {
            for (Map.Entry<String, Integer> e : labels.entrySet())
                if (e.getKey().startsWith(pre) && e.getKey().endsWith(suf) && e.getKey().length() >= pre.length() + suf.length())
                    edge(out, e.getValue(), st);
        }
        next.add(new Branch(st, false)); // goto to a label that does not exist fails
    }

    // ---- findings per command ----

    private void checkCommand(IpxeCommand c, St st) {
        String n = c.name();
        if (n.isEmpty()) return;
        if (!IpxeBuiltins.isCommand(n)) {
            add(c.line(), c.column(), Severity.ERROR, "unknown-command", "unknown command '" + IpxeParser.clip(n) + "'");
        }
        if (!n.equals("isset")) {
            for (int k = 0; k < c.args().size(); k++) {
                Word w = c.args().get(k);
                for (VarRef r : w.vars()) {
                    if (r.dynamic()) continue;
                    checkVar(r, st);
                }
            }
        }
        switch (n) {
            case "kernel", "imgselect", "chain", "imgexec", "imgload" -> {
                String url = firstPositional(c);
                if (url != null) {
                    platformCheck(c, url, st);
                    fileCheck(c, url);
                }
            }
            case "initrd", "imgfetch", "module", "sanboot", "sanhook" -> {
                String url = firstPositional(c);
                // a beacon is no file, and fetching it (HEAD) would report a stage to Bootbench
                if (url != null && !url.startsWith("${" + IpxeGenerator.EVENT_VAR + "}")) fileCheck(c, url);
            }
            case "item" -> {
                if (c.args().isEmpty())
                    add(c.line(), c.column(), Severity.WARNING, "item-without-name",
                            "'item' without a name is shown as a blank, unselectable line; write 'item --gap' if that is intended, or give it a name and text");
            }
            case "choose" -> {
                String d = c.option("default");
                if (d != null && !d.contains("${")) {
                    boolean found = menuOf.getOrDefault(c, List.of()).stream()
                            .anyMatch(it -> !it.flag("gap") && !it.positional().isEmpty() && it.positional().get(0).text().equals(d));
                    if (!found) add(c.line(), c.column(), Severity.ERROR, "undefined-choice", "choose --default '" + d + "': the menu has no such item");
                }
                Set<String> seen = new HashSet<>();
                for (IpxeCommand it : menuOf.getOrDefault(c, List.of())) {
                    if (it.flag("gap") || it.positional().isEmpty()) continue;
                    String id = it.positional().get(0).text();
                    if (!seen.add(id) && !conditional(it))
                        add(it.line(), it.column(), Severity.WARNING, "duplicate-item", "menu item '" + id + "' appears twice in the menu");
                }
            }
            default -> { }
        }
    }

    private boolean conditional(IpxeCommand item) {
        return item.op() != IpxeCommand.Op.FIRST;
    }

    private void checkVar(VarRef r, St st) {
        String name = r.name();
        if (IpxeBuiltins.isBuiltinSetting(name) || st.vars.contains(name) || options.inheritedVars().contains(name)) return;
        String msg;
        if (!setAnywhere.contains(name)) {
            msg = "${" + name + "} is never set" + hint(name);
        } else {
            msg = "${" + name + "} is not set on any path to here" + hint(name);
        }
        add(r.line(), r.column(), Severity.WARNING, "undefined-variable", msg);
    }

    private String hint(String name) {
        TreeSet<String> close = new TreeSet<>();
        for (String s : setAnywhere) {
            if (s.equals(name)) continue;
            if (s.startsWith(name + "_") || name.startsWith(s + "_") || distance(s, name) <= 1) close.add(s);
        }
        return close.isEmpty() ? "" : " (did you mean ${" + close.first() + "}?)";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) return 3;
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String firstPositional(IpxeCommand c) {
        List<Word> p = c.positional();
        return p.isEmpty() ? null : p.get(0).text();
    }

    private void platformCheck(IpxeCommand c, String url, St st) {
        String file = IpxeBuiltins.fileName(resolve(url));
        if (file.contains("${")) return;
        String bios = IpxeBuiltins.biosOnlyReason(file);
        if (bios != null && st.plats.contains(Platform.EFI))
            add(c.line(), c.column(), Severity.WARNING, "bios-only-on-efi", bios + ", but this line also runs on EFI (guard it with 'iseq ${platform} pcbios &&')");
        if (IpxeBuiltins.efiOnly(file) && st.plats.contains(Platform.PCBIOS))
            add(c.line(), c.column(), Severity.WARNING, "efi-only-on-bios", file + " is an EFI program, but this line also runs on BIOS (guard it with 'iseq ${platform} efi &&')");
    }

    private static final String LOCAL = "\u0000local\u0000";

    /** Substitutes settings with one known literal value; ${base-url} and ${next-server} URLs become local paths. */
    private String resolve(String url) {
        String u = url;
        for (int round = 0; round < 4 && u.contains("${"); round++) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < u.length()) {
                int s = u.indexOf("${", i);
                if (s < 0) {
                    sb.append(u, i, u.length());
                    break;
                }
                int e = Word.matchingBrace(u, s + 2, u.length());
                if (e < 0) {
                    sb.append(u, i, u.length());
                    break;
                }
                sb.append(u, i, s);
                String name = stripType(u.substring(s + 2, e));
                Set<String> vals = literalValues.get(name);
                if (name.equals(FileRefs.BASE_URL_VAR) && (vals == null || vals.stream().allMatch(v -> v.equals(FileRefs.DEFAULT_BASE_URL)))) sb.append(LOCAL);
                else if (vals != null && vals.size() == 1 && !unknownValueVars.contains(name)) sb.append(vals.iterator().next());
                else sb.append(u, s, e + 1);
                i = e + 1;
            }
            u = sb.toString();
        }
        return u;
    }

    private void fileCheck(IpxeCommand c, String url) {
        String u = resolve(url);
        if (u.contains("${")) {
            // http://${next-server}/path is Bootbench's own server
            Matcher m = Pattern.compile("^(?:https?|tftp)://\\$\\{(?:net\\d+/)?next-server}/(.*)$").matcher(u);
            if (!m.matches() || m.group(1).contains("${")) return;
            u = LOCAL + "/" + m.group(1);
        }
        String local = null;
        if (u.startsWith(LOCAL)) local = u.substring(LOCAL.length());
        else if (!u.contains("://") && !u.startsWith(LOCAL)) local = u;
        if (local != null) {
            if (!files.hasRoots()) return;
            if (!files.existsLocally(local, scriptDir))
                add(new Finding(script.file(), c.line(), c.column(), Severity.ERROR, "missing-file",
                        "file '" + local.replaceFirst("^/+", "") + "' is not under the served roots " + files.roots()).naming(local.replaceFirst("^/+", "").replaceFirst("[?#].*$", "")));
            return;
        }
        final String remote = u;
        files.headStatus(remote).ifPresent(status -> {
            if (status == 404) add(c.line(), c.column(), Severity.ERROR, "remote-404", remote + " answers 404 Not Found");
        });
    }
}
