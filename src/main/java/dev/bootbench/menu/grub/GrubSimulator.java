package dev.bootbench.menu.grub;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.Severity;
import dev.bootbench.menu.SimulationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a GRUB configuration for a simulated client, as GRUB's normal mode would after loading it over the network:
 * variables (with what GRUB sets: {@code grub_platform}, {@code grub_cpu}, {@code net_default_mac}, the
 * {@code net_<interface>_*} of the boot interface, {@code prefix} {@code (tftp)/grub}), {@code if} with
 * {@code [ ... ]} tests, loops, functions, {@code source} and {@code configfile} (files read through a resolver),
 * commands that exist on one platform only, then the menu: {@code timeout}, {@code timeout_style},
 * {@code default} (number, id, title or a path through submenus) and the choices, submenus (Esc goes back), and the
 * chosen entry's commands up to what it boots: the kernel, its arguments and initrds with variables resolved, a
 * chainloaded program, reboot, halt, exit. An entry that loads nothing brings the menu back, as in GRUB.
 */
public final class GrubSimulator {
    public static final int DEFAULT_MAX_STEPS = 20_000;
    /** What the preview and {@link Screen#render} show as the menu's heading (GRUB's text menu has no title). */
    public static final String HEADING = "GNU GRUB";

    /** @param resolver text of a file by its path on the boot server (relative, no leading '/'); for source and configfile */
    public record Options(Function<String, Optional<String>> resolver, int maxSteps) {
        public Options {
            if (resolver == null) resolver = p -> Optional.empty();
            if (maxSteps <= 0) maxSteps = DEFAULT_MAX_STEPS;
        }

        public static Options defaults() {
            return new Options(null, DEFAULT_MAX_STEPS);
        }
    }

    private static final class Stop extends RuntimeException {
        final FinalAction action;

        Stop(FinalAction action) {
            super(null, null, false, false);
            this.action = action;
        }
    }

    /** A function's {@code return}. */
    private static final class Return extends RuntimeException {
        final boolean ok;

        Return(boolean ok) {
            super(null, null, false, false);
            this.ok = ok;
        }
    }

    private record MenuEntry(GrubNode.Entry node, String title, String id, List<String> args, GrubScript script) {}

    private static final class Loaded {
        String command, kernel, args = "";
        List<String> initrds = new ArrayList<>();
    }

    private final ClientProfile client;
    private final Options options;
    private final Deque<Map<String, String>> env = new ArrayDeque<>();
    private final Map<String, GrubNode.Function> functions = new HashMap<>();
    private final Deque<String> choices;
    private final List<Screen> screens = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Deque<List<String>> positional = new ArrayDeque<>();
    private List<MenuEntry> menu = new ArrayList<>();
    private GrubScript current;
    private Loaded loaded;
    private int steps;
    private int depth;

    private GrubSimulator(ClientProfile client, Options options) {
        this.client = client;
        this.options = options;
        this.choices = new ArrayDeque<>(client.choices());
        env.push(new LinkedHashMap<>());
        positional.push(List.of());
        String iface = client.platform() == Platform.EFI ? "efinet0" : "pxe";
        Map<String, String> e = env.peek();
        e.put("grub_platform", GrubBuiltins.platformName(client.platform()));
        e.put("grub_cpu", cpu(client));
        e.put("net_default_interface", iface);
        e.put("net_default_mac", client.mac());
        e.put("net_default_ip", client.ip());
        e.put("net_default_server", client.nextServer());
        e.put("pxe_default_server", client.nextServer());
        e.put("net_" + iface + "_mac", client.mac());
        e.put("net_" + iface + "_ip", client.ip());
        e.put("net_" + iface + "_next_server", client.nextServer());
        e.put("net_" + iface + "_domain", client.domain());
        if (!client.filename().isEmpty()) e.put("net_" + iface + "_boot_file", client.filename());
        String hostname = client.options().get("12");
        if (hostname != null) e.put("net_" + iface + "_hostname", hostname);
        e.put("root", "tftp");
        e.put("prefix", "(tftp)/grub");
        e.put("cmdpath", "(tftp)/grub");
        e.put("color_normal", "light-gray/black");
        e.put("color_highlight", "black/light-gray");
        e.put("lang", "");
    }

    /** {@code $grub_cpu}: BIOS GRUB is i386 code on every PC; EFI GRUB matches the firmware. */
    static String cpu(ClientProfile c) {
        if (c.platform() == Platform.PCBIOS) return "i386";
        return c.arch() == Arch.ARM64 ? "arm64" : c.arch() == Arch.I386 ? "i386" : "x86_64";
    }

    public static SimulationResult run(GrubScript script, ClientProfile client) {
        return run(script, client, Options.defaults());
    }

    public static SimulationResult run(GrubScript script, ClientProfile client, Options options) {
        GrubSimulator s = new GrubSimulator(client, options);
        FinalAction a;
        try {
            a = s.config(script);
        } catch (Stop st) {
            a = st.action;
        } catch (StackOverflowError e) {
            a = new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "the script calls itself too deeply");
        }
        return new SimulationResult(s.screens, s.console, a, s.findings);
    }

    // ---- variables ----

    private String get(String name) {
        if (!name.isEmpty() && (Character.isDigit(name.charAt(0)) || name.equals("#") || name.equals("@") || name.equals("*"))) {
            List<String> p = positional.peek();
            if (name.equals("#")) return String.valueOf(p.size());
            if (name.equals("@") || name.equals("*")) return String.join(" ", p);
            try {
                int n = Integer.parseInt(name);
                return n == 0 ? "" : n <= p.size() ? p.get(n - 1) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return env.peek().get(name);
    }

    private void set(String name, String value) {
        env.peek().put(name, value);
    }

    private List<String> expand(List<GrubWord> words) {
        List<String> out = new ArrayList<>();
        for (GrubWord w : words) out.addAll(w.fields(this::get));
        return out;
    }

    private void step(GrubNode at) {
        if (++steps > options.maxSteps()) {
            findings.add(new Finding(current.file(), at.line(), at.column(), Severity.WARNING, "step-limit",
                    "stopped after " + options.maxSteps() + " steps: the script seems to loop"));
            throw new Stop(new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "step limit"));
        }
    }

    private void error(GrubNode at, String msg) {
        console.add("error: " + msg + ".");
        findings.add(new Finding(current.file(), at.line(), at.column(), Severity.WARNING, "grub-error", msg));
    }

    // ---- a configuration file and its menu ----

    /** Runs a configuration in the current context, then its menu. */
    private FinalAction config(GrubScript script) {
        GrubScript outer = current;
        List<MenuEntry> outerMenu = menu;
        current = script;
        menu = new ArrayList<>();
        try {
            run(script.nodes());
            if (menu.isEmpty()) {
                console.add("(no menu entries: GRUB shows its command line)");
                return new FinalAction(FinalAction.Kind.SHELL, null, "", List.of(), "no menu entries: GRUB shows its grub> command line");
            }
            return showMenu(menu, false);
        } finally {
            current = outer;
            menu = outerMenu;
        }
    }

    private Integer timeoutMs() {
        String t = get("timeout");
        if (t == null || t.isBlank()) return null;
        try {
            int s = Integer.parseInt(t.trim());
            return s < 0 ? null : s * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The index a default (or fallback) names in this menu: number, id, title, or the first step of "a>b". */
    static int indexOf(List<String[]> idsAndTitles, String value) {
        if (value == null) return -1;
        String first = value.split(">", 2)[0];
        if (first.matches("\\d{1,6}")) {
            int n = Integer.parseInt(first);
            return n < idsAndTitles.size() ? n : -1;
        }
        for (int i = 0; i < idsAndTitles.size(); i++) if (first.equals(idsAndTitles.get(i)[0])) return i;
        for (int i = 0; i < idsAndTitles.size(); i++) if (first.equals(idsAndTitles.get(i)[1])) return i;
        return -1;
    }

    private FinalAction showMenu(List<MenuEntry> entries, boolean nested) {
        List<String[]> keys = new ArrayList<>();
        for (MenuEntry m : entries) keys.add(new String[] {m.id(), m.title()});
        String dflt = get("default");
        int d = indexOf(keys, dflt);
        if (dflt != null && !dflt.isBlank() && d < 0) {
            console.add("error: the default entry '" + dflt + "' is not in the menu: the first entry is highlighted");
            findings.add(new Finding(current.file(), 0, 0, Severity.WARNING, "default-no-entry", "default '" + dflt + "' names no entry: GRUB takes the first"));
        }
        if (d < 0) d = 0;
        // the rest of a "a>b" default applies in the submenu
        String rest = dflt != null && dflt.contains(">") ? dflt.substring(dflt.indexOf('>') + 1) : null;
        Integer timeout = timeoutMs();
        String style = get("timeout_style");
        boolean hidden = timeout != null && (timeout == 0 || (("hidden".equals(style) || "countdown".equals(style)) && choices.isEmpty()));
        List<Screen.Line> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) lines.add(new Screen.Line(lineId(entries, i), entries.get(i).title()));
        int loops = 0;
        while (true) {
            if (++loops > 64) throw new Stop(new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "the menu comes back again and again"));
            int chosen;
            if (hidden) {
                console.add(timeout == 0 ? "(timeout 0: GRUB boots the default entry without showing the menu)"
                        : "(timeout_style " + style + ": the menu stays hidden and the default entry boots after " + timeout / 1000 + " s)");
                chosen = d;
                hidden = false;
            } else {
                String choice = choices.poll();
                if (choice != null && choice.equalsIgnoreCase("esc")) {
                    screens.add(new Screen(HEADING, lines, lines.get(d).id(), timeout, null));
                    if (nested) return null;
                    console.add("(Esc does nothing in GRUB's main menu)");
                    continue;
                }
                if (choice == null) chosen = d;
                else {
                    chosen = -1;
                    for (int i = 0; i < lines.size(); i++) if (choice.equals(lines.get(i).id())) chosen = i;
                    if (chosen < 0) chosen = indexOf(keys, choice);
                    if (chosen < 0) {
                        findings.add(new Finding(current.file(), 0, 0, Severity.WARNING, "no-such-entry", "choice '" + choice + "' is not an entry of the menu"));
                        screens.add(new Screen(HEADING, lines, lines.get(d).id(), timeout, null));
                        return FinalAction.failed("no entry '" + choice + "'");
                    }
                }
                screens.add(new Screen(HEADING, lines, lines.get(d).id(), timeout, lines.get(chosen).id()));
            }
            MenuEntry m = entries.get(chosen);
            FinalAction a = entry(m, chosen == d ? rest : null);
            if (a != null) return a;
            // back in this menu: a key was pressed, the timeout no longer runs
            timeout = null;
            if (choices.isEmpty()) {
                return new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), m.node().submenu()
                        ? "back in GRUB's menu from the submenu '" + m.title() + "'" : "'" + m.title() + "' loaded nothing to boot: GRUB shows its menu again");
            }
        }
    }

    /** The id the preview and --choose use for an entry: its --id, else its title (unique). */
    private static String lineId(List<MenuEntry> entries, int i) {
        MenuEntry m = entries.get(i);
        String base = m.id() != null && !m.id().isEmpty() ? m.id() : m.title();
        int same = 0;
        for (int j = 0; j < i; j++) {
            MenuEntry o = entries.get(j);
            String b = o.id() != null && !o.id().isEmpty() ? o.id() : o.title();
            if (b.equals(base)) same++;
        }
        return same == 0 ? base : base + "#" + (same + 1);
    }

    /**
     * Runs a chosen entry. A submenu shows its menu (null when Esc leaves it); an entry returns what it boots, or
     * null when it loaded nothing (GRUB shows the menu again).
     */
    private FinalAction entry(MenuEntry m, String subDefault) {
        Map<String, String> inner = new LinkedHashMap<>(env.peek());
        inner.remove("timeout");
        inner.remove("default");
        inner.put("chosen", m.id() != null ? m.id() : m.title());
        if (subDefault != null) inner.put("default", subDefault);
        env.push(inner);
        positional.push(m.args());
        GrubScript outerScript = current;
        current = m.script();
        List<MenuEntry> outerMenu = menu;
        try {
            if (m.node().submenu()) {
                menu = new ArrayList<>();
                if (subDefault != null) set("default", subDefault);
                run(m.node().body());
                if (menu.isEmpty()) {
                    console.add("(the submenu has no entries)");
                    return null;
                }
                return showMenu(menu, true);
            }
            loaded = null;
            boolean ok = run(m.node().body());
            if (loaded == null) {
                console.add("(" + m.title() + ": nothing loaded, GRUB shows the menu again)");
                return null;
            }
            if (!ok) {
                console.add("(" + m.title() + ": the last command failed, GRUB does not boot)");
                return null;
            }
            return boot(m.node());
        } finally {
            env.pop();
            positional.pop();
            current = outerScript;
            menu = outerMenu;
        }
    }

    private FinalAction boot(GrubNode at) {
        Loaded l = loaded;
        if (l == null) {
            error(at, "you need to load the kernel first");
            return null;
        }
        if (l.command.equals("chainloader") || l.command.equals("pxechainloader"))
            return new FinalAction(FinalAction.Kind.CHAIN, l.kernel, l.args, List.of(), "");
        return new FinalAction(FinalAction.Kind.BOOT, l.kernel, l.args, l.initrds, "");
    }

    // ---- statements ----

    /** Runs statements; the status of the last one. */
    private boolean run(List<GrubNode> nodes) {
        boolean ok = true;
        if (++depth > 64) {
            depth--;
            throw new Stop(new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "nested too deeply (functions or sources calling themselves)"));
        }
        try {
            for (GrubNode n : nodes) ok = statement(n);
        } finally {
            depth--;
        }
        return ok;
    }

    private boolean statement(GrubNode n) {
        step(n);
        if (n instanceof GrubNode.Command c) return command(c);
        if (n instanceof GrubNode.If i) {
            for (GrubNode.Branch b : i.branches()) if (run(b.condition())) return run(b.body());
            return i.otherwise() == null || run(i.otherwise());
        }
        if (n instanceof GrubNode.Loop l) return loop(l);
        if (n instanceof GrubNode.Function f) {
            functions.put(f.name(), f);
            return true;
        }
        GrubNode.Entry e = (GrubNode.Entry) n;
        List<String> args = new ArrayList<>();
        for (GrubWord w : e.positional()) args.add(w.expand(this::get));
        String title = args.isEmpty() ? "" : args.get(0);
        GrubWord id = e.option("id");
        menu.add(new MenuEntry(e, title, id == null ? null : id.expand(this::get), args, current));
        return true;
    }

    private boolean loop(GrubNode.Loop l) {
        boolean ok = true;
        if (l.kind() == GrubNode.Loop.Kind.FOR) {
            String var = l.variable() == null ? null : l.variable().literal();
            for (String item : expand(l.items())) {
                step(l);
                if (var != null) set(var, item);
                ok = run(l.body());
            }
            return ok;
        }
        while (true) {
            step(l);
            boolean c = run(l.condition());
            if (l.kind() == GrubNode.Loop.Kind.WHILE ? !c : c) return ok;
            ok = run(l.body());
        }
    }

    private boolean command(GrubNode.Command c) {
        boolean r = plain(c);
        return c.negated() != r;
    }

    private boolean plain(GrubNode.Command c) {
        String[] assign = GrubImporter.assignment(c);
        if (assign != null && !c.name().equals("set")) {
            GrubWord w = c.words().get(0);
            String v = w.expand(this::get);
            set(assign[0], v.substring(v.indexOf('=') + 1));
            return true;
        }
        List<String> argv = expand(c.words());
        if (argv.isEmpty()) return true;
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        GrubNode.Function f = functions.get(name);
        if (f != null) {
            positional.push(List.copyOf(args));
            try {
                return run(f.body());
            } catch (Return r) {
                return r.ok;
            } finally {
                positional.pop();
            }
        }
        Platform only = GrubBuiltins.onlyOn(name);
        if (!GrubBuiltins.isCommand(name) || (only != null && only != client.platform())) {
            error(c, "can't find command `" + name + "'" + (only != null ? " (" + name + " exists on " + (only == Platform.PCBIOS ? "BIOS" : "EFI") + " only)" : ""));
            return false;
        }
        switch (name) {
            case "set" -> {
                for (GrubWord w : c.args()) {
                    String v = w.expand(this::get);
                    int eq = v.indexOf('=');
                    if (eq > 0) set(v.substring(0, eq), v.substring(eq + 1));
                }
                return true;
            }
            case "unset" -> {
                for (String v : args) env.peek().remove(v);
                return true;
            }
            case "true", "export", "insmod", "loadfont", "terminal_output", "terminal_input", "background_color", "background_image", "play",
                    "clear", "sleep", "search", "search.file", "search.fs_label", "search.fs_uuid", "gfxmode", "serial", "terminfo", "rmmod",
                    "lsmod", "set_gfxpayload", "cpuid", "net_bootp", "net_dhcp" -> {
                if (name.equals("cpuid")) return client.arch() != Arch.I386 && client.arch() != Arch.ARM64;
                return true;
            }
            case "false" -> {
                return false;
            }
            case "[", "test" -> {
                return GrubTest.evaluate(name.equals("[") ? (args.isEmpty() || !args.get(args.size() - 1).equals("]") ? null
                        : args.subList(0, args.size() - 1)) : args, this::exists);
            }
            case "echo" -> {
                List<String> words = new ArrayList<>(args);
                while (!words.isEmpty() && (words.get(0).equals("-n") || words.get(0).equals("-e"))) words.remove(0);
                console.add(String.join(" ", words));
                return true;
            }
            case "return" -> throw new Return(args.isEmpty() || args.get(0).equals("0"));
            case "shift", "setparams", "break", "continue" -> {
                return true;
            }
            case "source", "." -> {
                Optional<GrubScript> s = load(c, args);
                if (s.isEmpty()) return false;
                GrubScript outer = current;
                current = s.get();
                try {
                    return run(s.get().nodes());
                } finally {
                    current = outer;
                }
            }
            case "configfile" -> {
                Optional<GrubScript> s = load(c, args);
                if (s.isEmpty()) return false;
                env.push(new LinkedHashMap<>(env.peek()));
                try {
                    FinalAction a = config(s.get());
                    throw new Stop(a);
                } finally {
                    env.pop();
                }
            }
            case "linux", "linux16", "linuxefi", "multiboot", "multiboot2", "xen_hypervisor", "kfreebsd", "knetbsd", "kopenbsd", "legacy_kernel" -> {
                List<String> rest = new ArrayList<>(args);
                while (!rest.isEmpty() && rest.get(0).startsWith("--") && !rest.get(0).equals("---")) rest.remove(0);
                if (rest.isEmpty()) {
                    error(c, "filename expected");
                    return false;
                }
                Loaded l = new Loaded();
                l.command = name;
                l.kernel = file(rest.get(0));
                l.args = String.join(" ", rest.subList(1, rest.size()));
                loaded = l;
                console.add(name + " " + l.kernel + (l.args.isEmpty() ? "" : " " + l.args));
                return true;
            }
            case "initrd", "initrd16", "initrdefi", "module", "module2", "xen_module", "kopenbsd_ramdisk" -> {
                Loaded l = loaded;
                if (l == null || !GrubBuiltins.NEEDS.getOrDefault(name, java.util.Set.of()).contains(l.command)) {
                    error(c, "you need to load the kernel first");
                    return false;
                }
                if (name.startsWith("initrd")) l.initrds = new ArrayList<>();
                for (String x : args) {
                    if (x.startsWith("--")) continue;
                    l.initrds.add(x.startsWith("newc:") && x.indexOf(':', 5) > 0 ? x.substring(0, x.indexOf(':', 5) + 1) + file(x.substring(x.indexOf(':', 5) + 1)) : file(x));
                }
                console.add(name + " " + String.join(" ", l.initrds));
                return true;
            }
            case "chainloader", "pxechainloader", "ntldr", "freedos", "appleloader", "truecrypt", "plan9", "uki" -> {
                List<String> rest = new ArrayList<>(args);
                while (!rest.isEmpty() && rest.get(0).startsWith("--")) rest.remove(0);
                if (rest.isEmpty() && !name.equals("appleloader")) {
                    error(c, "filename expected");
                    return false;
                }
                String target = rest.isEmpty() ? "" : rest.get(0);
                Platform p = GrubBuiltins.programPlatform(target);
                if (name.equals("chainloader") && p != null && p != client.platform()) {
                    error(c, target + (p == Platform.EFI ? " is an EFI program: BIOS GRUB cannot chainload it" : " is a BIOS program: EFI GRUB cannot chainload it"));
                    return false;
                }
                Loaded l = new Loaded();
                l.command = name.equals("pxechainloader") ? "pxechainloader" : "chainloader";
                l.kernel = target.startsWith("+") ? "(" + get("root") + ")" + target : file(target);
                l.args = String.join(" ", rest.subList(Math.min(1, rest.size()), rest.size()));
                loaded = l;
                console.add(name + " " + l.kernel);
                return true;
            }
            case "boot" -> {
                FinalAction a = boot(c);
                if (a == null) return false;
                throw new Stop(a);
            }
            case "reboot" -> throw new Stop(FinalAction.of(FinalAction.Kind.REBOOT, null));
            case "halt" -> throw new Stop(FinalAction.of(FinalAction.Kind.POWEROFF, null));
            case "exit" -> throw new Stop(new FinalAction(FinalAction.Kind.EXIT, null, "", List.of(),
                    client.platform() == Platform.EFI ? "back to the firmware, which tries its next boot option" : "GRUB leaves (on BIOS what follows depends on the firmware)"));
            case "fwsetup" -> throw new Stop(new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "reboots into the firmware's setup"));
            case "normal" -> {
                if (args.isEmpty()) return true;
                Optional<GrubScript> s = load(c, args);
                if (s.isEmpty()) return false;
                throw new Stop(config(s.get()));
            }
            case "regexp" -> {
                return regexp(args);
            }
            case "read" -> {
                String answer = client.answers().isEmpty() ? "" : client.answers().get(0);
                for (String v : args) set(v, answer);
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** GRUB's regexp (POSIX extended, read with Java's regex; close enough for menus): --set=[N:]VAR REGEXP STRING. */
    private boolean regexp(List<String> args) {
        List<String> sets = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--set=")) sets.add(a.substring(6));
            else if ((a.equals("--set") || a.equals("-s")) && i + 1 < args.size()) sets.add(args.get(++i));
            else rest.add(a);
        }
        if (rest.size() != 2) return false;
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(rest.get(0)).matcher(rest.get(1));
            if (!m.find()) return false;
            for (String s : sets) {
                int colon = s.indexOf(':');
                int group = colon > 0 ? Integer.parseInt(s.substring(0, colon)) : 1;
                String var = colon > 0 ? s.substring(colon + 1) : s;
                set(var, group <= m.groupCount() && m.group(group) != null ? m.group(group) : "");
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean exists(String grubPath) {
        String p = GrubLinter.localPath(grubPath);
        return p != null && read(p).isPresent();
    }

    private Optional<String> read(String path) {
        try {
            Optional<String> r = options.resolver().apply(path);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<GrubScript> load(GrubNode.Command c, List<String> args) {
        if (args.isEmpty()) {
            error(c, "filename expected");
            return Optional.empty();
        }
        String p = GrubLinter.localPath(args.get(0));
        Optional<String> t = p == null ? Optional.empty() : read(p);
        console.add("tftp " + (p == null ? args.get(0) : p) + (t.isPresent() ? "" : ": not found"));
        if (t.isEmpty()) {
            error(c, "file `" + args.get(0) + "' not found");
            return Optional.empty();
        }
        return Optional.of(GrubParser.parse(p, t.get()));
    }

    /**
     * A file as the client loads it: on the boot server ({@code /path}, {@code (tftp)/path}, {@code ($root)/path}) it
     * is {@code /path}; {@code (http,host)/p} is {@code http://host/p}; other devices stay as written.
     */
    String file(String grubPath) {
        String p = grubPath;
        if (p.startsWith("(")) {
            int close = p.indexOf(')');
            if (close > 0) {
                String dev = p.substring(1, close);
                String rest = p.substring(close + 1);
                String[] d = dev.split(",", 2);
                String proto = d[0].toLowerCase(Locale.ROOT);
                if (proto.equals("http")) return "http://" + (d.length > 1 ? d[1] : client.nextServer()) + rest;
                if (proto.equals("tftp") || proto.equals("pxe") || proto.startsWith("pxe:")) {
                    if (d.length > 1 && !d[1].equals(client.nextServer())) return "tftp://" + d[1] + rest;
                    return rest.startsWith("/") ? rest : "/" + rest;
                }
                return p;
            }
        }
        String root = get("root");
        if (root != null && !root.equals("tftp") && !root.startsWith("tftp,") && !root.startsWith("pxe") && !root.isEmpty()) {
            if (root.startsWith("http")) return file("(" + root + ")" + (p.startsWith("/") ? p : "/" + p));
            return "(" + root + ")" + (p.startsWith("/") ? p : "/" + p);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
