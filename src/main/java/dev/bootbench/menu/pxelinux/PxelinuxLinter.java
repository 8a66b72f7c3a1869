package dev.bootbench.menu.pxelinux;

import dev.bootbench.menu.FileChecker;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lints a pxelinux config: DEFAULT / ONTIMEOUT naming no LABEL, labels with nothing to boot, duplicate labels, bad
 * numbers, iPXE settings ({@code ${...}}, which pxelinux writes as they are), and (given the served roots) missing modules for the boot program (ldlinux.c32, the UI module and the
 * libraries it loads, COM32 modules) and missing kernels, initrds and other files.
 */
public final class PxelinuxLinter {
    private PxelinuxLinter() {}

    /** Libraries a module loads (syslinux 5 and later). */
    private static final Map<String, List<String>> DEPENDENCIES = Map.of(
            "menu.c32", List.of("libutil.c32", "libcom32.c32"),
            "vesamenu.c32", List.of("libutil.c32", "libcom32.c32", "libgpl.c32", "liblua.c32"),
            "chain.c32", List.of("libcom32.c32", "libutil.c32"),
            "pxechn.c32", List.of("libcom32.c32", "libutil.c32"),
            "linux.c32", List.of("libcom32.c32"),
            "hdt.c32", List.of("libcom32.c32", "libgpl.c32", "libmenu.c32", "libutil.c32"));

    public static List<Finding> lint(String file, String text) {
        return lint(PxelinuxParser.parse(file, text), LintOptions.defaults(), null);
    }

    /**
     * @param bootProgram the program that reads this config: pxelinux.0 / lpxelinux.0 (BIOS, the default when null)
     *                    or syslinux.efi (EFI, which needs ldlinux.e64)
     */
    public static List<Finding> lint(PxelinuxConfig cfg, LintOptions options, String bootProgram) {
        Map<String, Finding> out = new LinkedHashMap<>();
        java.util.function.Consumer<Finding> add = f -> out.putIfAbsent(f.file() + ":" + f.line() + ":" + f.column() + ":" + f.code() + ":" + f.message(), f);
        cfg.problems().forEach(add);
        boolean efi = bootProgram != null && bootProgram.toLowerCase(Locale.ROOT).endsWith(".efi");
        Map<String, PxLabel> labels = new HashMap<>();
        for (PxLabel l : cfg.labels()) {
            PxLabel prev = labels.putIfAbsent(l.name(), l);
            if (prev != null)
                add.accept(new Finding(l.label().file(), l.label().line(), l.label().column(), Severity.WARNING, "duplicate-label",
                        "LABEL " + l.name() + " is defined twice (first at line " + prev.label().line() + ")"));
        }
        String ui = cfg.global("UI").map(d -> d.arg().split("\\s+")[0]).orElse(null);
        for (PxDirective d : cfg.globals()) {
            switch (d.keyword()) {
                case "DEFAULT", "ONTIMEOUT", "ONERROR" -> {
                    String first = d.arg().split("\\s+")[0];
                    if (first.isEmpty())
                        add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "syntax", d.keyword() + " without a value"));
                    else if (!labels.containsKey(first) && !first.contains(".") && !first.contains("/"))
                        add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "default-no-label",
                                d.keyword() + " " + first + " names no LABEL"));
                    if (d.is("DEFAULT") && ui == null && first.toLowerCase(Locale.ROOT).endsWith(".c32")) ui = first;
                }
                case "TIMEOUT", "TOTALTIMEOUT", "PROMPT" -> {
                    if (!d.arg().trim().matches("\\d+"))
                        add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "bad-number", d.keyword() + " needs a number, not '" + d.arg() + "'"));
                }
                default -> { }
            }
        }
        List<PxDirective> all = new ArrayList<>(cfg.globals());
        for (PxLabel l : cfg.labels()) all.addAll(l.directives());
        for (PxDirective d : all)
            if (d.arg().contains("${") && !d.is("TEXT HELP"))
                add.accept(new Finding(d.file(), d.line(), d.column(), Severity.WARNING, "ipxe-variable", d.keyword() + ": pxelinux has no settings, '"
                        + PxelinuxParser.clip(d.arg().substring(d.arg().indexOf("${"))) + "' is shown or passed on as written"));
        for (PxLabel l : cfg.labels()) {
            boolean acts = l.bootDirective().isPresent() || l.has("MENU GOTO") || l.has("MENU EXIT") || l.has("MENU QUIT");
            if (!acts && !l.has("MENU DISABLE"))
                add.accept(new Finding(l.label().file(), l.label().line(), l.label().column(), Severity.ERROR, "label-nothing-to-boot",
                        "LABEL " + l.name() + " has nothing to boot (no KERNEL, LINUX, COM32, LOCALBOOT or CONFIG)"));
            if (efi)
                l.bootDirective().ifPresent(b -> {
                    String f = fileName(b.arg().split("\\s+")[0]);
                    if (f.equals("memdisk"))
                        add.accept(new Finding(b.file(), b.line(), b.column(), Severity.WARNING, "bios-only-on-efi", "memdisk does not run on EFI (" + bootProgram + ")"));
                });
        }
        FileChecker files = new FileChecker(options);
        if (files.hasRoots()) checkFiles(cfg, files, efi, ui, add, bootProgram);
        List<Finding> list = new ArrayList<>(out.values());
        list.sort(Finding.ORDER);
        return list;
    }

    static String fileName(String p) {
        String s = p.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static void checkFiles(PxelinuxConfig cfg, FileChecker files, boolean efi, String ui, java.util.function.Consumer<Finding> add,
            String bootProgram) {
        String ldlinux = efi ? "ldlinux.e64" : "ldlinux.c32";
        String prog = bootProgram == null ? "pxelinux.0" : bootProgram;
        String dir = syslinuxFolder(efi);
        if (!has(files, ldlinux, dir))
            add.accept(new Finding(cfg.file(), 1, 1, Severity.ERROR, "missing-module", ldlinux + ", which " + prog + " loads first, is not under the served roots")
                    .naming(ldlinux));
        // modules: what uses them, in order
        Map<String, PxDirective> modules = new LinkedHashMap<>();
        if (ui != null) {
            String u = ui;
            cfg.globals().stream().filter(d -> d.is("UI") || d.is("DEFAULT")).filter(d -> d.arg().startsWith(u)).findFirst()
                    .ifPresent(d -> modules.put(u, d));
        }
        List<PxDirective> fileRefs = new ArrayList<>();
        for (PxDirective d : cfg.globals()) {
            if (d.keyword().matches("F\\d+|KBDMAP|DISPLAY|MENU BACKGROUND|FONT") && !d.arg().isBlank()) fileRefs.add(d);
        }
        for (PxLabel l : cfg.labels()) {
            for (PxDirective d : l.directives()) {
                String first = d.arg().split("\\s+")[0];
                switch (d.keyword()) {
                    case "KERNEL", "LINUX", "COM32", "BOOT", "BSS", "PXE", "FDIMAGE", "COMBOOT" -> {
                        if (first.toLowerCase(Locale.ROOT).endsWith(".c32")) modules.putIfAbsent(first, d);
                        else if (!first.isEmpty()) fileRefs.add(d);
                    }
                    case "CONFIG", "INITRD" -> fileRefs.add(d);
                    case "APPEND" -> {
                        for (String t : d.arg().split("\\s+"))
                            if (t.startsWith("initrd="))
                                for (String s : t.substring(7).split(",")) if (!s.isBlank()) checkFile(s, d, files, add, dir);
                    }
                    default -> { }
                }
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        for (Map.Entry<String, PxDirective> m : modules.entrySet()) {
            String name = m.getKey();
            PxDirective d = m.getValue();
            if (!has(files, name, dir))
                add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "missing-module", "module " + name + " is not under the served roots")
                        .naming(fileName(name)));
            for (String dep : DEPENDENCIES.getOrDefault(fileName(name), List.of()))
                if (needed.add(dep) && !has(files, dep, dir))
                    add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "missing-module",
                            "library " + dep + ", which " + fileName(name) + " loads, is not under the served roots").naming(dep));
        }
        for (PxDirective d : fileRefs) {
            if (d.is("INITRD")) {
                for (String s : d.arg().split(",")) if (!s.isBlank()) checkFile(s.trim(), d, files, add, dir);
            } else {
                checkFile(d.arg().split("\\s+")[0], d, files, add, dir);
            }
        }
    }

    /**
     * The folder of the served root's layout where syslinux runs from ({@code bios/}, {@code efi64/}): it reads its
     * modules there, and what the folder lacks at the top of the root (the engine's RootLayout, which serves it so).
     */
    static String syslinuxFolder(boolean efi) {
        return efi ? "efi64/" : "bios/";
    }

    /** A file syslinux finds: at the top of the root, or in its folder of a structured root. */
    private static boolean has(FileChecker files, String name, String dir) {
        String n = name.replace('\\', '/');
        return files.existsLocally(n, null) || (!n.startsWith("/") && files.existsLocally(dir + n, null));
    }

    private static void checkFile(String path, PxDirective d, FileChecker files, java.util.function.Consumer<Finding> add, String dir) {
        if (path.contains("://")) {
            files.headStatus(path).ifPresent(s -> {
                if (s == 404) add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "remote-404", path + " answers 404 Not Found"));
            });
            return;
        }
        if (!has(files, path, dir))
            add.accept(new Finding(d.file(), d.line(), d.column(), Severity.ERROR, "missing-file", "file '" + path + "' (" + d.keyword()
                    + ") is not under the served roots " + files.roots()).naming(path.replace('\\', '/').replaceFirst("^/+", "")));
    }

    /** Convenience for tests and the CLI. */
    public static List<Finding> lint(String file, String text, List<Path> roots) {
        return lint(PxelinuxParser.parse(file, text), new LintOptions(roots, false, null, Set.of()), null);
    }
}
