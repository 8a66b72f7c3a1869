package dev.bootbench.menu.pxelinux;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a pxelinux config onto a {@link Menu}: MENU TITLE, DEFAULT / MENU DEFAULT, TIMEOUT, UI and each LABEL. A label
 * becomes a typed entry when the directives generated for that type mean the same (KERNEL and LINUX, INITRD and
 * {@code initrd=} in APPEND are equivalent); otherwise its directives are kept as a custom block. Other global
 * directives are kept verbatim. CONFIG to a file the resolver can read becomes a submenu.
 */
public final class PxelinuxImporter {
    private PxelinuxImporter() {}

    /**
     * Submenus (CONFIG labels) one import reads at most, over all levels: a path never repeats a file, but
     * sibling labels may name the same files again and again (a fuzzed 1 KB config took half a second).
     */
    static final int MAX_SUBMENUS = 64;
    /**
     * Entries one import makes at most before it stops reading submenus (their CONFIG labels stay as written): a
     * fuzzed 2 KB config that includes one file six times, in 64 submenus, made 15,015 entries and took a second.
     */
    static final int MAX_ENTRIES = 2000;

    public static Menu importText(String file, String text) {
        return importText(file, text, n -> Optional.empty());
    }

    public static Menu importText(String file, String text, Function<String, Optional<String>> resolver) {
        return importConfig(PxelinuxParser.parse(file, text, resolver), resolver, new HashSet<>(Set.of(file)), 0, new int[] {MAX_SUBMENUS, MAX_ENTRIES});
    }

    private static Menu importConfig(PxelinuxConfig cfg, Function<String, Optional<String>> resolver, Set<String> seen, int depth, int[] budget) {
        Menu.Builder mb = Menu.builder(null);
        String ui = cfg.global("UI").map(d -> d.arg().split("\\s+")[0]).orElse(null);
        Set<String> labelNames = new HashSet<>();
        for (PxLabel l : cfg.labels()) labelNames.add(l.name());
        String dflt = cfg.global("DEFAULT").map(PxDirective::arg).orElse(null);
        if (ui == null && dflt != null && dflt.toLowerCase(Locale.ROOT).endsWith("menu.c32")) {
            ui = dflt;
            dflt = null;
        }
        boolean none = ui == null;
        if (none) mb.pxelinuxUi("none");
        else if (!ui.equals("menu.c32")) mb.pxelinuxUi(ui);
        List<String> raw = new ArrayList<>();
        boolean defaultTaken = false, timeoutTaken = false, titleTaken = false;
        for (PxDirective d : cfg.globals()) {
            switch (d.keyword()) {
                case "UI" -> {
                    if (!d.arg().split("\\s+")[0].equals(ui)) raw.add(d.text());
                }
                case "PROMPT" -> {
                    if (!d.arg().trim().equals(none ? "1" : "0")) raw.add(d.text());
                }
                case "TIMEOUT" -> {
                    try {
                        int t = Integer.parseInt(d.arg().trim());
                        if (timeoutTaken) raw.add(d.text());
                        else mb.timeoutMs(t * 100);
                        timeoutTaken = true;
                    } catch (NumberFormatException e) {
                        raw.add(d.text());
                    }
                }
                case "DEFAULT" -> {
                    if (!defaultTaken && labelNames.contains(d.arg().trim())) {
                        mb.defaultEntry(d.arg().trim());
                        defaultTaken = true;
                    } else if (!(d.arg().equals(ui))) raw.add(d.text());
                }
                case "MENU TITLE" -> {
                    if (titleTaken) raw.add(d.text());
                    else mb.title(d.arg());
                    titleTaken = true;
                }
                default -> raw.add(d.text());
            }
        }
        if (!raw.isEmpty()) mb.pxelinuxGlobals(String.join("\n", raw));
        List<MenuItem> items = new ArrayList<>();
        budget[1] -= cfg.nodes().size();
        for (PxNode n : cfg.nodes()) {
            if (n instanceof PxSeparator) {
                items.add(new Gap(""));
                continue;
            }
            PxLabel l = (PxLabel) n;
            String menuLabel = l.first("MENU LABEL").map(PxDirective::arg).orElse(null);
            if (l.has("MENU DISABLE") && l.bootDirective().isEmpty()) {
                items.add(new Gap(menuLabel == null ? "" : menuLabel));
                continue;
            }
            String hotkey = null, text = menuLabel;
            if (text != null) {
                int caret = text.indexOf('^');
                if (caret >= 0 && caret + 1 < text.length()) {
                    hotkey = text.substring(caret + 1, caret + 2).toLowerCase(Locale.ROOT);
                    text = text.substring(0, caret) + text.substring(caret + 1);
                }
            }
            if (l.has("MENU DEFAULT")) mb.defaultEntry(l.name());
            Entry probe = new Entry(l.name(), text, hotkey, List.of(), List.of(), null, null);
            BootAction action = recognise(probe, l, resolver, seen, depth, budget);
            items.add(probe.withAction(action));
        }
        return mb.items(items).build();
    }

    private static List<String> bodyLines(PxLabel l) {
        List<String> out = new ArrayList<>();
        for (PxDirective d : l.directives()) {
            if (d.is("MENU LABEL") || d.is("MENU DEFAULT")) continue;
            if (d.is("TEXT HELP")) out.add("TEXT HELP\n" + d.arg() + "\nENDTEXT");
            else out.add(d.text());
        }
        return out;
    }

    private static BootAction recognise(Entry probe, PxLabel l, Function<String, Optional<String>> resolver, Set<String> seen, int depth, int[] budget) {
        List<String> body = bodyLines(l);
        BootAction candidate = candidate(l, resolver, seen, depth, budget);
        if (candidate instanceof BootAction.Submenu) return candidate;
        if (candidate != null) {
            PxelinuxGenerator g = generatorFor();
            List<String> gen;
            try {
                gen = g.body(probe.withAction(candidate));
            } catch (RuntimeException e) {
                gen = List.of();
            }
            if (canonical(gen).equals(canonical(body))) return candidate;
        }
        return new BootAction.Custom("", String.join("\n", body));
    }

    private static PxelinuxGenerator generatorFor() {
        return new PxelinuxGenerator(PxelinuxGenerator.Options.defaults());
    }

    private static BootAction candidate(PxLabel l, Function<String, Optional<String>> resolver, Set<String> seen, int depth, int[] budget) {
        Optional<PxDirective> boot = l.bootDirective();
        if (boot.isEmpty()) return null;
        PxDirective b = boot.get();
        String[] w = b.arg().split("\\s+", 2);
        String file = w[0];
        String lower = file.toLowerCase(Locale.ROOT);
        String append = l.first("APPEND").map(PxDirective::arg).orElse("");
        List<String> initrds = new ArrayList<>();
        l.first("INITRD").ifPresent(d -> {
            for (String s : d.arg().split(",")) if (!s.isBlank()) initrds.add(s.trim());
        });
        List<String> args = new ArrayList<>();
        for (String t : append.split("\\s+")) {
            if (t.isEmpty()) continue;
            if (t.startsWith("initrd=")) {
                for (String s : t.substring(7).split(",")) if (!s.isBlank()) initrds.add(s);
            } else args.add(t);
        }
        switch (b.keyword()) {
            case "LOCALBOOT" -> {
                return new BootAction.LocalDisk(file.equals("-1") ? null : "0x80");
            }
            case "CONFIG" -> {
                if (depth < 8 && budget[0] > 0 && budget[1] > 0 && !seen.contains(file)) {
                    budget[0]--;
                    Optional<String> content;
                    try {
                        content = resolver.apply(file);
                    } catch (RuntimeException e) {
                        content = Optional.empty();
                    }
                    if (content.isPresent()) {
                        Set<String> inner = new HashSet<>(seen);
                        inner.add(file);
                        return new BootAction.Submenu(importConfig(PxelinuxParser.parse(file, content.get(), resolver), resolver, inner, depth + 1, budget));
                    }
                }
                return null;
            }
            default -> { }
        }
        if (lower.endsWith(".c32")) {
            String name = lower.substring(lower.lastIndexOf('/') + 1);
            switch (name) {
                case "reboot.c32" -> {
                    return new BootAction.Reboot();
                }
                case "poweroff.c32" -> {
                    return new BootAction.Poweroff();
                }
                case "pxechn.c32" -> {
                    if (args.size() == 2 && args.get(1).equals("-W")) {
                        String t = args.get(0);
                        int sep = t.indexOf("::");
                        String server = sep >= 0 ? t.substring(0, sep) : null;
                        String path = sep >= 0 ? t.substring(sep + 2) : t;
                        return new BootAction.Wds(server, path.equals("boot/x64/wdsnbp.com") ? null : path, null, null, null);
                    }
                    return args.size() == 1 ? new BootAction.Chain(args.get(0), false) : null;
                }
                case "linux.c32" -> {
                    if (args.size() == 2 && args.get(1).startsWith("initrdfile=")) {
                        String[] f = args.get(1).substring(11).split(",");
                        if (f.length == 3) return new BootAction.Wimboot(args.get(0), f[0], f[1], f[2]);
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }
        String base = lower.substring(lower.lastIndexOf('/') + 1);
        if (base.equals("memdisk") && initrds.size() == 1 && args.equals(List.of("iso", "raw")))
            return new BootAction.Iso(initrds.get(0), file.equals("memdisk") ? null : file, false);
        if (b.is("KERNEL") || b.is("LINUX")) {
            List<String> all = new ArrayList<>();
            if (w.length > 1) all.add(w[1]);
            all.addAll(args);
            return new BootAction.Linux(file, initrds, String.join(" ", all));
        }
        return null;
    }

    private static boolean linuxLike(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".c32", ".0", ".com", ".cbt", ".bss", ".bs", ".img", ".pxe", ".kpxe"))
            if (f.endsWith(ext)) return false;
        return true;
    }

    /** A normal form of a label body: what it boots, its initrds, its arguments, and any other directive. */
    static List<String> canonical(List<String> lines) {
        String boot = null;
        List<String> initrds = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.trim().split("\\s+", 2);
            String kw = w[0].toUpperCase(Locale.ROOT);
            String arg = w.length > 1 ? w[1].trim().replaceAll("\\s+", " ") : "";
            switch (kw) {
                case "KERNEL", "LINUX", "COM32" -> {
                    String[] fa = arg.split(" ", 2);
                    String f = fa[0];
                    String k = f.toLowerCase(Locale.ROOT).endsWith(".c32") ? "COM32" : linuxLike(f) ? "LINUX" : kw;
                    boot = k + " " + f;
                    if (fa.length > 1) args.addAll(0, List.of(fa[1].split(" ")));
                }
                case "INITRD" -> {
                    for (String s : arg.split(",")) if (!s.isBlank()) initrds.add(s.trim());
                }
                case "APPEND" -> {
                    for (String t : arg.split(" ")) {
                        if (t.isEmpty()) continue;
                        if (t.startsWith("initrd=")) {
                            for (String s : t.substring(7).split(",")) if (!s.isBlank()) initrds.add(s);
                        } else args.add(t);
                    }
                }
                default -> other.add(kw + " " + arg);
            }
        }
        List<String> out = new ArrayList<>();
        out.add(String.valueOf(boot));
        out.add("INITRD " + String.join(",", initrds));
        out.add("APPEND " + String.join(" ", args));
        out.addAll(other);
        return out;
    }
}
