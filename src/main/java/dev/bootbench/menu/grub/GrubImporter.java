package dev.bootbench.menu.grub;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps a GRUB configuration onto a {@link Menu}: {@code timeout}, {@code default} (by id, title or number),
 * {@code fallback}, the menu colours, each {@code menuentry} (typed when regenerating that type gives the same
 * commands, otherwise kept as a custom block with its commands), {@code submenu}s, entries inside
 * {@code if [ "$grub_platform" = X ]} (offered on X), entries that run nothing ({@code { true }}: headings, and the
 * title Bootbench writes). Other commands (modules, fonts, themes, functions, ...) are kept verbatim as the menu's
 * GRUB lines. Entries without {@code --id} get one made from their title. GRUB variables with an iPXE equivalent
 * come back as that setting ({@code ${net_default_mac}} as {@code ${mac}}).
 */
public final class GrubImporter {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern ASSIGN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private GrubImporter() {}

    public record Result(Menu menu, List<Finding> notes) {}

    public static Menu importText(String file, String text) {
        return importScript(GrubParser.parse(file, text)).menu();
    }

    public static Result importScript(GrubScript script) {
        GrubImporter.State st = new State(script);
        collectIds(script.nodes(), st.taken);
        Menu m = st.menu(script.nodes(), true);
        return new Result(m, List.copyOf(st.notes));
    }

    private static void collectIds(List<GrubNode> nodes, Set<String> out) {
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Entry e) {
                String id = e.id();
                if (id != null && ID.matcher(id).matches()) out.add(id);
                if (e.submenu()) collectIds(e.body(), out);
            } else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) collectIds(b.body(), out);
                if (i.otherwise() != null) collectIds(i.otherwise(), out);
            }
        }
    }

    /** An entry as GRUB numbers them: the title, headings and entries, in order. */
    private record Slot(String id, String title, boolean real) {}

    private static final class State {
        final GrubScript script;
        final Set<String> taken = new HashSet<>();
        final Set<String> used = new HashSet<>();
        final List<Finding> notes = new ArrayList<>();

        State(GrubScript script) {
            this.script = script;
        }

        void note(GrubNode at, String code, String msg) {
            notes.add(new Finding(script.file(), at.line(), at.column(), Severity.INFO, code, msg));
        }

        Menu menu(List<GrubNode> nodes, boolean root) {
            Menu.Builder mb = Menu.builder(null);
            List<MenuItem> items = new ArrayList<>();
            List<Slot> slots = new ArrayList<>();
            List<String> raw = new ArrayList<>();
            String[] title = {null};
            String dflt = null, fallback = null;
            GrubNode dfltAt = null;
            boolean timeoutTaken = false;
            String normal = null, highlight = null;
            boolean exported = false;
            List<Integer> colourLines = new ArrayList<>();
            boolean anyEntry = false;
            for (GrubNode n : nodes) {
                String src = script.source(n).trim();
                if (root && (src.equals(GrubGenerator.ARCH_1) || src.equals(GrubGenerator.ARCH_2) || src.equals(GrubGenerator.ARCH_3))) continue;
                if (n instanceof GrubNode.Command c) {
                    if (root && src.equals(GrubGenerator.COLOUR_EXPORT)) {
                        exported = true;
                        continue;
                    }
                    String[] a = assignment(c);
                    if (a != null) {
                        switch (a[0]) {
                            case "timeout" -> {
                                if (!timeoutTaken && a[1] != null && a[1].matches("-?\\d{1,6}") && (Integer.parseInt(a[1]) >= 1 || a[1].equals("-1"))) {
                                    int t = Integer.parseInt(a[1]);
                                    if (t > 0) mb.timeoutMs(t * 1000);
                                    timeoutTaken = true;
                                    continue;
                                }
                            }
                            case "default" -> {
                                if (dflt == null && a[1] != null) {
                                    dflt = a[1];
                                    dfltAt = c;
                                    continue;
                                }
                            }
                            case "fallback" -> {
                                if (fallback == null && a[1] != null) {
                                    fallback = a[1];
                                    continue;
                                }
                            }
                            case "menu_color_normal" -> {
                                if (root && normal == null && baseColours(a[1])) {
                                    normal = a[1];
                                    colourLines.add(raw.size());
                                }
                            }
                            case "menu_color_highlight" -> {
                                if (root && highlight == null && baseColours(a[1])) {
                                    highlight = a[1];
                                    colourLines.add(raw.size());
                                }
                            }
                            default -> { }
                        }
                    }
                    keep(raw, n, anyEntry);
                    continue;
                }
                if (n instanceof GrubNode.Entry e) {
                    anyEntry = true;
                    addEntry(e, List.of(), List.of(), items, slots, title);
                    continue;
                }
                if (n instanceof GrubNode.If i && guardedEntries(i, List.of(), List.of(), items, slots, title, true)) {
                    anyEntry = true;
                    guardedEntries(i, List.of(), List.of(), items, slots, title, false);
                    continue;
                }
                keep(raw, n, anyEntry);
            }
            if (normal != null && highlight != null) {
                // both in the model's colours (which set both): their lines go
                mb.colours(new Colours(List.of(), List.of(pair(1, normal), pair(2, highlight))));
                raw.remove((int) colourLines.get(1));
                raw.remove((int) colourLines.get(0));
            } else if (exported) {
                raw.add(GrubGenerator.COLOUR_EXPORT);
            }
            if (dflt != null) {
                String id = resolve(dflt, slots, true);
                if (id == null && !isImplicitDefault(dflt, slots)) {
                    raw.add(0, "set default=" + GrubText.quote(dflt));
                    note(dfltAt, "import-raw", "default '" + dflt + "' names no entry of this menu: kept as a GRUB line");
                }
                mb.defaultEntry(id);
            }
            if (fallback != null) {
                String id = resolve(fallback, slots, false);
                if (id == null) raw.add(0, "set fallback=" + GrubText.quote(fallback));
                mb.fallback(id);
            }
            if (!raw.isEmpty()) mb.grubGlobals(String.join("\n", raw));
            mb.title(title[0]);
            return mb.items(items).build();
        }

        private void keep(List<String> raw, GrubNode n, boolean afterEntries) {
            raw.add(GrubGenerator.dedent(GrubGenerator.lines(script.source(n))).stream().collect(Collectors.joining("\n")));
            if (afterEntries) note(n, "import-moved", "commands after the first entry are kept before the entries");
        }

        private static boolean baseColours(String v) {
            if (v == null) return false;
            String[] p = v.split("/", -1);
            return p.length == 2 && GrubGenerator.COLOUR_NAMES.contains(p[0]) && GrubGenerator.COLOUR_NAMES.contains(p[1]);
        }

        private static Colours.ColourPair pair(int pair, String v) {
            String[] p = v.split("/", -1);
            return new Colours.ColourPair(pair, GrubGenerator.COLOUR_NAMES.indexOf(p[0]), GrubGenerator.COLOUR_NAMES.indexOf(p[1]));
        }

        /** The id a default or fallback names (by number, id or title), or null. */
        private static String resolve(String v, List<Slot> slots, boolean isDefault) {
            if (v.matches("\\d{1,4}")) {
                int n = Integer.parseInt(v);
                if (n >= slots.size() || !slots.get(n).real()) return null;
                if (isDefault && isImplicitDefault(v, slots)) return null;
                return slots.get(n).id();
            }
            for (Slot s : slots) if (s.real() && v.equals(s.id())) return s.id();
            for (Slot s : slots) if (s.real() && v.equals(s.title())) return s.id();
            return null;
        }

        /** "default=N" where N is the first entry after the title and headings: what GRUB shows first anyway. */
        private static boolean isImplicitDefault(String v, List<Slot> slots) {
            if (!v.matches("\\d{1,4}")) return false;
            int n = Integer.parseInt(v);
            if (n >= slots.size() || !slots.get(n).real()) return false;
            for (int i = 0; i < n; i++) if (slots.get(i).real()) return false;
            return true;
        }

        /**
         * {@code if [ "$grub_platform" = X ]; then ENTRIES fi} (or {@code [ "$arch" = a -o ... ]}), nested: adds the
         * entries offered there (or, with {@code dryRun}, only says whether the shape matches).
         */
        private boolean guardedEntries(GrubNode.If i, List<Platform> ps, List<Arch> as, List<MenuItem> items, List<Slot> slots, String[] title,
                boolean dryRun) {
            if (i.branches().size() != 1 || i.otherwise() != null) return false;
            GrubNode.Branch b = i.branches().get(0);
            if (b.condition().size() != 1 || !(b.condition().get(0) instanceof GrubNode.Command c) || c.negated() || c.block() != null) return false;
            List<String> w = c.words().stream().map(GrubWord::canonical).toList();
            List<Platform> ps2 = new ArrayList<>(ps);
            List<Arch> as2 = new ArrayList<>(as);
            if (w.size() == 5 && w.get(0).equals("[") && w.get(1).equals("${grub_platform}") && w.get(2).equals("=") && w.get(4).equals("]")
                    && ps.isEmpty() && (w.get(3).equals("pc") || w.get(3).equals("efi"))) {
                ps2.add(w.get(3).equals("pc") ? Platform.PCBIOS : Platform.EFI);
            } else if (w.size() >= 5 && w.get(0).equals("[") && w.get(w.size() - 1).equals("]") && as.isEmpty() && (w.size() - 2) % 4 == 3) {
                for (int k = 1; k < w.size() - 1; k += 4) {
                    if (!w.get(k).equals("${arch}") || !w.get(k + 1).equals("=")) return false;
                    if (k + 3 < w.size() - 1 && !w.get(k + 3).equals("-o")) return false;
                    try {
                        as2.add(Arch.parse(w.get(k + 2)));
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }
            } else {
                return false;
            }
            if (b.body().isEmpty()) return false;
            for (GrubNode n : b.body()) {
                if (n instanceof GrubNode.Entry e) {
                    if (pseudo(e)) return false;
                    if (!dryRun) addEntry(e, ps2, as2, items, slots, title);
                } else if (n instanceof GrubNode.If inner) {
                    if (!guardedEntries(inner, ps2, as2, items, slots, title, dryRun)) return false;
                } else {
                    return false;
                }
            }
            return true;
        }

        /** An entry that runs nothing: a heading or a title. */
        private static boolean pseudo(GrubNode.Entry e) {
            if (e.submenu()) return false;
            if (e.body().isEmpty()) return true;
            return e.body().size() == 1 && e.body().get(0) instanceof GrubNode.Command c && c.name().equals("true") && c.args().isEmpty()
                    && !c.negated() && c.block() == null;
        }

        private void addEntry(GrubNode.Entry e, List<Platform> ps, List<Arch> as, List<MenuItem> items, List<Slot> slots, String[] title) {
            String text = e.title() == null ? "" : GrubText.toModel(e.title());
            if (pseudo(e) && ps.isEmpty() && as.isEmpty()) {
                List<String> classes = e.classes();
                if (classes.contains("title") && title[0] == null && items.isEmpty()) {
                    title[0] = text;
                    slots.add(new Slot(null, text, false));
                    return;
                }
                if (classes.contains("gap") && text.startsWith("--- ") && text.endsWith(" ---") && text.length() >= 8)
                    text = text.substring(4, text.length() - 4);
                items.add(new Gap(text));
                slots.add(new Slot(null, text, false));
                return;
            }
            String id = idFor(e, text);
            slots.add(new Slot(id, text, true));
            String hotkey = null;
            GrubWord hk = e.option("hotkey");
            if (hk != null && hk.literal() != null && hk.literal().length() == 1) hotkey = hk.literal();
            else if (hk != null) note(e, "import-hotkey", "hotkey '" + hk.raw() + "' of '" + text + "' is not a single letter: not kept");
            Entry probe = new Entry(id, text, hotkey, ps, as, null, null);
            BootAction action;
            if (e.submenu()) action = new BootAction.Submenu(menu(e.body(), false));
            else action = recognise(probe, e);
            items.add(probe.withAction(action));
        }

        private String idFor(GrubNode.Entry e, String title) {
            String id = e.id();
            if (id != null && ID.matcher(id).matches() && used.add(id)) return id;
            String base = title.toLowerCase(Locale.ROOT).replaceAll("\\$\\{[^}]*}", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            if (base.length() > 32) {
                base = base.substring(0, 33);
                base = base.lastIndexOf('-') > 8 ? base.substring(0, base.lastIndexOf('-')) : base.substring(0, 32);
                base = base.replaceAll("-+$", "");
            }
            if (base.isEmpty()) base = e.submenu() ? "submenu" : "entry";
            String cand = base;
            for (int n = 2; taken.contains(cand) || used.contains(cand); n++) cand = base + "-" + n;
            used.add(cand);
            if (id != null) note(e, "import-id", "id '" + id + "' of '" + title + "' is used twice or has other characters than letters, digits, '_', '-', '.': it is '" + cand + "'");
            return cand;
        }

        private BootAction recognise(Entry probe, GrubNode.Entry e) {
            String actual = canonical(e.body());
            List<Function<List<GrubNode.Command>, BootAction>> extractors = List.of(State::linux, State::chain, State::wimboot, State::iso,
                    State::local, b -> has(b, "reboot") ? new BootAction.Reboot() : null, b -> has(b, "halt") ? new BootAction.Poweroff() : null);
            List<GrubNode.Command> cmds = new ArrayList<>();
            flatten(e.body(), cmds);
            for (Function<List<GrubNode.Command>, BootAction> x : extractors) {
                BootAction a;
                try {
                    a = x.apply(cmds);
                } catch (RuntimeException ex) {
                    continue;
                }
                if (a == null) continue;
                String gen = String.join("\n", GrubGenerator.body(probe.withAction(a)));
                if (canonical(GrubParser.parse("-", gen).nodes()).equals(actual)) return a;
            }
            String body = script.text().substring(Math.max(0, Math.min(e.bodyStart(), script.text().length())),
                    Math.max(0, Math.min(e.bodyEnd(), script.text().length())));
            return new BootAction.Custom("", "", String.join("\n", GrubGenerator.dedent(trimBlank(GrubGenerator.lines(body)))));
        }

        private static List<String> trimBlank(List<String> ls) {
            List<String> out = new ArrayList<>(ls);
            while (!out.isEmpty() && out.get(0).isBlank()) out.remove(0);
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
            return out;
        }

        private static void flatten(List<GrubNode> nodes, List<GrubNode.Command> out) {
            for (GrubNode n : nodes) {
                if (n instanceof GrubNode.Command c) out.add(c);
                else if (n instanceof GrubNode.If i) {
                    for (GrubNode.Branch b : i.branches()) {
                        flatten(b.condition(), out);
                        flatten(b.body(), out);
                    }
                    if (i.otherwise() != null) flatten(i.otherwise(), out);
                }
            }
        }

        private static boolean has(List<GrubNode.Command> cmds, String name) {
            return cmds.stream().anyMatch(c -> c.name().equals(name));
        }

        private static GrubNode.Command find(List<GrubNode.Command> cmds, String name) {
            for (GrubNode.Command c : cmds) if (c.name().equals(name)) return c;
            return null;
        }

        private static String path(GrubWord w) {
            return GrubPaths.toModel(GrubText.toModel(w));
        }

        private static BootAction linux(List<GrubNode.Command> cmds) {
            GrubNode.Command k = find(cmds, "linux");
            if (k == null || k.args().isEmpty()) return null;
            String kernel = path(k.args().get(0));
            if (kernel == null) return null;
            String args = k.args().stream().skip(1).map(GrubText::toModel).collect(Collectors.joining(" "));
            List<String> initrds = new ArrayList<>();
            GrubNode.Command i = find(cmds, "initrd");
            if (i != null) for (GrubWord w : i.args()) initrds.add(path(w));
            if (initrds.contains(null)) return null;
            return new BootAction.Linux(kernel, initrds, args);
        }

        private static BootAction chain(List<GrubNode.Command> cmds) {
            GrubNode.Command c = find(cmds, "chainloader");
            if (c == null) c = find(cmds, "pxechainloader");
            if (c == null || c.args().size() != 1) return null;
            String p = path(c.args().get(0));
            return p == null ? null : new BootAction.Chain(p, false);
        }

        private static BootAction wimboot(List<GrubNode.Command> cmds) {
            GrubNode.Command k = find(cmds, "linux16");
            GrubNode.Command i = find(cmds, "initrd16");
            if (k == null) {
                k = find(cmds, "linux");
                i = find(cmds, "initrd");
            }
            if (k == null || i == null || k.args().size() != 1 || i.args().size() != 3) return null;
            String[] f = new String[3];
            String[] names = {"BCD", "boot.sdi", "boot.wim"};
            for (int n = 0; n < 3; n++) {
                String w = GrubText.toModel(i.args().get(n));
                String prefix = "newc:" + names[n] + ":";
                if (!w.startsWith(prefix)) return null;
                f[n] = GrubPaths.toModel(w.substring(prefix.length()));
                if (f[n] == null) return null;
            }
            String wimboot = path(k.args().get(0));
            return wimboot == null ? null : new BootAction.Wimboot(wimboot, f[0], f[1], f[2]);
        }

        private static BootAction iso(List<GrubNode.Command> cmds) {
            GrubNode.Command k = find(cmds, "linux16");
            GrubNode.Command i = find(cmds, "initrd16");
            if (k == null || i == null || k.args().isEmpty() || i.args().size() != 1) return null;
            String memdisk = path(k.args().get(0)), iso = path(i.args().get(0));
            if (memdisk == null || iso == null) return null;
            return new BootAction.Iso(iso, memdisk.equals("memdisk") ? null : memdisk, false);
        }

        private static BootAction local(List<GrubNode.Command> cmds) {
            for (GrubNode.Command c : cmds) {
                if (c.name().equals("set") && c.args().size() == 1) {
                    String v = c.args().get(0).literal();
                    if (v != null && v.matches("root=\\(hd\\d+\\)")) {
                        int n = Integer.parseInt(v.substring(8, v.length() - 1));
                        return new BootAction.LocalDisk("0x" + Integer.toHexString(0x80 + n));
                    }
                }
            }
            return has(cmds, "exit") ? new BootAction.LocalDisk(null) : null;
        }
    }

    /** {@code set NAME=VALUE} or {@code NAME=VALUE}: {name, literal value (null when it has variables)}; null otherwise. */
    static String[] assignment(GrubNode.Command c) {
        if (c.negated() || c.block() != null || c.words().isEmpty()) return null;
        GrubWord w;
        if (c.name().equals("set") && c.args().size() == 1) w = c.args().get(0);
        else if (c.words().size() == 1) w = c.words().get(0);
        else return null;
        if (w.parts().isEmpty() || !(w.parts().get(0) instanceof GrubWord.Lit first) || first.quoted()) return null;
        java.util.regex.Matcher m = ASSIGN.matcher(first.text());
        if (!m.matches()) return null;
        String lit = w.literal();
        return new String[] {m.group(1), lit == null ? null : lit.substring(lit.indexOf('=') + 1)};
    }

    /** What a list of statements means, for comparing bodies: words without their quoting, one statement a line. */
    static String canonical(List<GrubNode> nodes) {
        StringBuilder sb = new StringBuilder();
        for (GrubNode n : nodes) {
            if (sb.length() > 0) sb.append('\n');
            canonical(n, sb);
        }
        return sb.toString();
    }

    private static void canonical(GrubNode n, StringBuilder sb) {
        if (n instanceof GrubNode.Command c) {
            if (c.negated()) sb.append("! ");
            sb.append(c.words().stream().map(GrubWord::canonical).collect(Collectors.joining(" ")));
            if (c.block() != null) sb.append(" {\n").append(canonical(c.block())).append("\n}");
        } else if (n instanceof GrubNode.If i) {
            String kw = "if ";
            for (GrubNode.Branch b : i.branches()) {
                sb.append(kw).append(canonical(b.condition())).append("\nthen\n").append(canonical(b.body())).append('\n');
                kw = "elif ";
            }
            if (i.otherwise() != null) sb.append("else\n").append(canonical(i.otherwise())).append('\n');
            sb.append("fi");
        } else if (n instanceof GrubNode.Loop l) {
            sb.append(l.kind().name().toLowerCase(Locale.ROOT)).append(' ');
            if (l.variable() != null) sb.append(l.variable().canonical()).append(" in ")
                    .append(l.items().stream().map(GrubWord::canonical).collect(Collectors.joining(" ")));
            else sb.append(canonical(l.condition()));
            sb.append("\ndo\n").append(canonical(l.body())).append("\ndone");
        } else if (n instanceof GrubNode.Function f) {
            sb.append("function ").append(f.name()).append(" {\n").append(canonical(f.body())).append("\n}");
        } else if (n instanceof GrubNode.Entry e) {
            sb.append(e.keyword()).append(' ').append(e.args().stream().map(GrubWord::canonical).collect(Collectors.joining(" ")))
                    .append(" {\n").append(canonical(e.body())).append("\n}");
        }
    }

}
