package dev.bootbench.ui.editor;

import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuValidator;
import dev.bootbench.menu.Severity;
import dev.bootbench.menu.grub.GrubGenerator;
import dev.bootbench.menu.grub.GrubImporter;
import dev.bootbench.menu.grub.GrubLinter;
import dev.bootbench.menu.grub.GrubNode;
import dev.bootbench.menu.grub.GrubParser;
import dev.bootbench.menu.grub.GrubScript;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.ipxe.IpxeImporter;
import dev.bootbench.menu.ipxe.IpxeLine;
import dev.bootbench.menu.ipxe.IpxeLinter;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.ipxe.IpxeScript;
import dev.bootbench.menu.pxelinux.PxLabel;
import dev.bootbench.menu.pxelinux.PxelinuxConfig;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxImporter;
import dev.bootbench.menu.pxelinux.PxelinuxLinter;
import dev.bootbench.menu.pxelinux.PxelinuxParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generated texts of a menu and everything wrong with it (model checks, the iPXE linter on the script, the
 * pxelinux linter on the config, the GRUB linter on grub.cfg, what pxelinux and GRUB cannot express), or of a script
 * / config being edited as text. Plain Java, run off the FX thread (the linters look for files under the served root).
 */
public record Analysis(Menu menu, String ipxe, String pxelinux, String grub, Map<String, String> pxelinuxFiles, List<Problem> problems,
        List<Finding> importNotes, String importError) {
    public static final String IPXE_FILE = "boot.ipxe";
    public static final String PXELINUX_FILE = "pxelinux.cfg/default";
    public static final String GRUB_FILE = GrubGenerator.FILE;

    public enum Format { IPXE, PXELINUX, GRUB }

    private static final Comparator<Problem> ORDER = Comparator.comparing((Problem p) -> p.finding().severity())
            .thenComparing(Problem::source).thenComparingInt(p -> p.finding().line());

    static LintOptions options(Path root) {
        return new LintOptions(root == null ? List.of() : List.of(root), false, null, Set.of());
    }

    /** The menu's script and configs, and its problems. */
    public static Analysis of(Menu menu, Path root) {
        List<Problem> problems = new ArrayList<>();
        for (Finding f : MenuValidator.validate(menu, "menu")) problems.add(new Problem(Problem.Source.MODEL, f, entryOf(menu, f)));
        String ipxe;
        try {
            ipxe = IpxeGenerator.generate(menu);
        } catch (RuntimeException e) {
            ipxe = "#!ipxe\n# the script cannot be generated: " + e.getMessage() + "\n";
            problems.add(new Problem(Problem.Source.IPXE, new Finding(IPXE_FILE, 0, 0, Severity.ERROR, "generate", "cannot generate: " + e.getMessage()), null));
        }
        problems.addAll(lintIpxe(ipxe, menu, root));
        Map<String, String> files = new LinkedHashMap<>();
        String px;
        try {
            PxelinuxGenerator.Output o = PxelinuxGenerator.generate(menu, PxelinuxGenerator.Options.defaults());
            for (Map.Entry<String, String> e : o.files().entrySet()) files.put(e.getKey().equals("default") ? PXELINUX_FILE : e.getKey(), e.getValue());
            px = o.main();
            for (Finding f : o.findings()) problems.add(new Problem(Problem.Source.PXELINUX, f.inFile(PXELINUX_FILE), entryOf(menu, f)));
        } catch (RuntimeException e) {
            px = "# the config cannot be generated: " + e.getMessage() + "\n";
            problems.add(new Problem(Problem.Source.PXELINUX, new Finding(PXELINUX_FILE, 0, 0, Severity.ERROR, "generate", "cannot generate: " + e.getMessage()), null));
        }
        problems.addAll(lintPxelinux(px, files, menu, root));
        String grub;
        try {
            GrubGenerator.Output o = GrubGenerator.generate(menu, GRUB_FILE);
            grub = o.text();
            for (Finding f : o.findings()) problems.add(new Problem(Problem.Source.GRUB, f, entryOf(menu, f)));
        } catch (RuntimeException e) {
            grub = "# the config cannot be generated: " + e.getMessage() + "\n";
            problems.add(new Problem(Problem.Source.GRUB, new Finding(GRUB_FILE, 0, 0, Severity.ERROR, "generate", "cannot generate: " + e.getMessage()), null));
        }
        problems.addAll(lintGrub(grub, menu, root));
        problems.sort(ORDER);
        return new Analysis(menu, ipxe, px, grub, files, List.copyOf(problems), List.of(), null);
    }

    /**
     * Text being edited: its problems as written, and the menu it imports to (null with {@code importError} when the
     * importer gave up; the text is then kept as it is).
     */
    public static Analysis ofText(Format format, String text, Path root) {
        List<Problem> problems = new ArrayList<>();
        Menu menu = null;
        List<Finding> notes = List.of();
        String error = null;
        try {
            if (format == Format.IPXE) {
                IpxeImporter.Result r = IpxeImporter.importScript(IpxeParser.parse(IPXE_FILE, text));
                menu = r.menu();
                notes = r.notes();
            } else if (format == Format.GRUB) {
                GrubImporter.Result r = GrubImporter.importScript(GrubParser.parse(GRUB_FILE, text));
                menu = r.menu();
                notes = r.notes();
            } else {
                Map<String, String> none = Map.of();
                menu = PxelinuxImporter.importText(PXELINUX_FILE, text, n -> Optional.ofNullable(none.get(n)));
            }
        } catch (RuntimeException e) {
            error = "the text cannot be turned into a menu: " + e;
        }
        if (format == Format.IPXE) problems.addAll(lintIpxe(text, menu, root));
        else if (format == Format.GRUB) problems.addAll(lintGrub(text, menu, root));
        else problems.addAll(lintPxelinux(text, Map.of(PXELINUX_FILE, text), menu, root));
        for (Finding n : notes) problems.add(new Problem(Problem.Source.MODEL, n, entryOf(menu, n)));
        if (error != null) problems.add(new Problem(Problem.Source.MODEL, new Finding("text", 0, 0, Severity.ERROR, "import", error), null));
        problems.sort(ORDER);
        return new Analysis(menu, format == Format.IPXE ? text : null, format == Format.PXELINUX ? text : null, format == Format.GRUB ? text : null,
                Map.of(), List.copyOf(problems), notes, error);
    }

    static List<Problem> lintGrub(String text, Menu menu, Path root) {
        List<Problem> out = new ArrayList<>();
        GrubScript script = GrubParser.parse(GRUB_FILE, text);
        List<Finding> fs;
        try {
            fs = GrubLinter.lint(script, options(root), null, root == null ? null : dev.bootbench.menu.Linter.grubResolver(root.resolve(GRUB_FILE), List.of(root)));
        } catch (RuntimeException e) {
            fs = List.of(new Finding(GRUB_FILE, 0, 0, Severity.WARNING, "lint", "the linter failed: " + e));
        }
        for (Finding f : fs) {
            String id = grubEntryAt(script, script.nodes(), f.line(), menu);
            if (id == null && menu != null) id = entryOf(menu, f);
            out.add(new Problem(Problem.Source.GRUB, toAdd(f), id));
        }
        return out;
    }

    /** The entry (by --id, when the menu has it) whose menuentry holds a line, innermost first. */
    static String grubEntryAt(GrubScript script, List<GrubNode> nodes, int line, Menu menu) {
        if (menu == null || line <= 0) return null;
        for (GrubNode n : nodes) {
            List<List<GrubNode>> inner = new ArrayList<>();
            if (n instanceof GrubNode.Entry e) {
                if (line < e.line() || line > endLine(script, e)) continue;
                String deeper = grubEntryAt(script, e.body(), line, menu);
                if (deeper != null) return deeper;
                String id = e.id();
                if (id != null && menu.allEntries().anyMatch(x -> x.id().equals(id))) return id;
                return null;
            }
            if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) inner.add(b.body());
                if (i.otherwise() != null) inner.add(i.otherwise());
            }
            for (List<GrubNode> b : inner) {
                String id = grubEntryAt(script, b, line, menu);
                if (id != null) return id;
            }
        }
        return null;
    }

    private static int endLine(GrubScript script, GrubNode n) {
        int line = 1;
        String t = script.text();
        for (int i = 0; i < Math.min(n.end(), t.length()); i++) if (t.charAt(i) == '\n') line++;
        return line;
    }

    static List<Problem> lintIpxe(String text, Menu menu, Path root) {
        List<Problem> out = new ArrayList<>();
        IpxeScript script = IpxeParser.parse(IPXE_FILE, text);
        List<Finding> fs;
        try {
            fs = IpxeLinter.lint(script, options(root), root);
        } catch (RuntimeException e) {
            fs = List.of(new Finding(IPXE_FILE, 0, 0, Severity.WARNING, "lint", "the linter failed: " + e));
        }
        for (Finding f : fs) out.add(new Problem(Problem.Source.IPXE, toAdd(f), ipxeEntryAt(script, f.line(), menu)));
        return out;
    }

    /** The entry whose section holds a line: the last label before it, mapped to an entry id ("x_pcbios" → "x"). */
    static String ipxeEntryAt(IpxeScript script, int line, Menu menu) {
        if (menu == null || line <= 0) return null;
        String label = null;
        for (IpxeLine l : script.lines()) {
            if (l.line() > line) break;
            if (l.isLabel()) label = l.label();
        }
        if (label == null) return null;
        for (String candidate = label; ; ) {
            String c = candidate;
            if (menu.allEntries().anyMatch(e -> e.id().equals(c))) return c;
            int u = candidate.lastIndexOf('_');
            if (u <= 0) return null;
            candidate = candidate.substring(0, u);
        }
    }

    static List<Problem> lintPxelinux(String text, Map<String, String> files, Menu menu, Path root) {
        List<Problem> out = new ArrayList<>();
        PxelinuxConfig cfg = PxelinuxParser.parse(PXELINUX_FILE, text, n -> Optional.ofNullable(files.get(n)));
        List<Finding> fs;
        try {
            fs = PxelinuxLinter.lint(cfg, options(root), null);
        } catch (RuntimeException e) {
            fs = List.of(new Finding(PXELINUX_FILE, 0, 0, Severity.WARNING, "lint", "the linter failed: " + e));
        }
        for (Finding f : fs) {
            String id = null;
            if (menu != null && f.line() > 0 && PXELINUX_FILE.equals(f.file())) {
                for (PxLabel l : cfg.labels()) if (l.label().line() <= f.line() && PXELINUX_FILE.equals(l.label().file())) id = l.name();
                String found = id;
                if (id != null && menu.allEntries().noneMatch(e -> e.id().equals(found))) id = null;
            }
            if (id == null && menu != null) id = entryOf(menu, f);
            out.add(new Problem(Problem.Source.PXELINUX, toAdd(f), id));
        }
        return out;
    }

    /**
     * In the editor a file not yet under the served root is something to add, not a broken menu: a warning that says
     * how to get it (a new workspace's sample menu names files the bench does not have yet). {@code bootbench lint}
     * keeps them errors.
     */
    static Finding toAdd(Finding f) {
        String how = switch (f.code()) {
            case "missing-module" -> "\"Copy from the system\" puts the syslinux modules the menu needs into bios/ "
                    + "(Debian: pxelinux, syslinux-common, syslinux-efi)";
            case "missing-file" -> "\"Choose file…\" copies one into the served root under this name; or drop it on the entry's field";
            default -> null;
        };
        if (how == null || !f.isError()) return f;
        return f.as(Severity.WARNING, f.message() + " — " + how);
    }

    /** The entry the finding is about, when that entry is in this menu. */
    static String entryOf(Menu menu, Finding f) {
        if (menu == null || f.entry() == null) return null;
        return menu.allEntries().map(Entry::id).anyMatch(f.entry()::equals) ? f.entry() : null;
    }
}
