package dev.bootbench.menu;

import dev.bootbench.menu.grub.GrubLinter;
import dev.bootbench.menu.grub.GrubNode;
import dev.bootbench.menu.grub.GrubParser;
import dev.bootbench.menu.grub.GrubScript;
import dev.bootbench.menu.ipxe.IpxeCommand;
import dev.bootbench.menu.ipxe.IpxeLine;
import dev.bootbench.menu.ipxe.IpxeLinter;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.ipxe.IpxeScript;
import dev.bootbench.menu.ipxe.Word;
import dev.bootbench.menu.pxelinux.PxelinuxConfig;
import dev.bootbench.menu.pxelinux.PxelinuxLinter;
import dev.bootbench.menu.pxelinux.PxelinuxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Lints script and config files together: the entry point for {@code bootbench lint} and the editor. */
public final class Linter {
    private Linter() {}

    public enum Type { IPXE, PXELINUX, GRUB }

    private static final java.util.regex.Pattern GRUB_NAME = java.util.regex.Pattern.compile("(grub[^/\\\\]*\\.cfg(-[^/\\\\]*)?|.*\\.grub)");
    private static final java.util.regex.Pattern GRUB_LINE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(menuentry|submenu)\\s|^\\s*set\\s+[A-Za-z_][A-Za-z0-9_]*=|^\\s*(insmod|function|source|if|configfile)\\s");

    /**
     * iPXE when the text starts with {@code #!ipxe} or the name ends in {@code .ipxe}; GRUB when the name is
     * {@code grub*.cfg} (also {@code grub.cfg-MAC}) or {@code *.grub}, or the text has GRUB's {@code menuentry},
     * {@code submenu}, {@code set NAME=}, {@code insmod}, {@code if}, ...; otherwise a pxelinux config.
     */
    public static Type detect(String name, String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String lower = name.toLowerCase(Locale.ROOT);
        if (t.startsWith("#!ipxe") || lower.endsWith(".ipxe")) return Type.IPXE;
        String base = lower.substring(Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\')) + 1);
        if (GRUB_NAME.matcher(base).matches() || GRUB_LINE.matcher(t).find()) return Type.GRUB;
        return Type.PXELINUX;
    }

    public static String read(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Lints files. iPXE scripts that chain another of the given scripts pass their settings on to it (settings
     * survive {@code chain}); pxelinux INCLUDEs are read next to the config or under the roots.
     */
    public static List<Finding> lint(List<Path> files, LintOptions options) throws IOException {
        return lint(files, options, null);
    }

    /** @param bootProgram for pxelinux configs: the program reading them (pxelinux.0 when null, or syslinux.efi) */
    public static List<Finding> lint(List<Path> files, LintOptions options, String bootProgram) throws IOException {
        return lint(files, options, bootProgram, null);
    }

    /**
     * @param type the language of every file, or null to detect each one. GRUB configs given together pass the
     *             variables they set on to the configs they load with {@code configfile} or {@code source}.
     */
    public static List<Finding> lint(List<Path> files, LintOptions options, String bootProgram, Type type) throws IOException {
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path f : files) texts.put(f, read(f));
        Map<Path, IpxeScript> scripts = new LinkedHashMap<>();
        Map<Path, GrubScript> grubs = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            Type t = type != null ? type : detect(e.getKey().toString(), e.getValue());
            if (t == Type.IPXE) scripts.put(e.getKey(), IpxeParser.parse(e.getKey().toString(), e.getValue()));
            else if (t == Type.GRUB) grubs.put(e.getKey(), GrubParser.parse(e.getKey().toString(), e.getValue()));
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            Path f = e.getKey();
            IpxeScript s = scripts.get(f);
            GrubScript grub = grubs.get(f);
            if (grub != null) {
                Set<String> inherited = new HashSet<>(options.inheritedVars());
                String name = f.getFileName().toString();
                for (Map.Entry<Path, GrubScript> o : grubs.entrySet())
                    if (!o.getKey().equals(f) && loads(o.getValue().nodes(), name)) inherited.addAll(GrubLinter.variablesSet(o.getValue()));
                out.addAll(GrubLinter.lint(grub, options.withInherited(inherited), f.toAbsolutePath().getParent(), grubResolver(f, options.roots())));
            } else if (s != null) {
                Set<String> inherited = new HashSet<>(options.inheritedVars());
                String name = f.getFileName().toString();
                for (Map.Entry<Path, IpxeScript> g : scripts.entrySet())
                    if (!g.getKey().equals(f) && chains(g.getValue(), name)) inherited.addAll(IpxeLinter.settingsSet(g.getValue()));
                out.addAll(IpxeLinter.lint(s, options.withInherited(inherited), f.toAbsolutePath().getParent()));
            } else {
                PxelinuxConfig cfg = PxelinuxParser.parse(f.toString(), e.getValue(), resolver(f, options.roots()));
                out.addAll(PxelinuxLinter.lint(cfg, options, bootProgram));
            }
        }
        return out;
    }

    /** Reads files named in a config or script: next to it, then under each root. */
    public static Function<String, Optional<String>> resolver(Path file, List<Path> roots) {
        Path dir = file.toAbsolutePath().getParent();
        return name -> {
            List<Path> candidates = new ArrayList<>();
            try {
                String n = name.replace('\\', '/');
                while (n.startsWith("/")) n = n.substring(1);
                if (dir != null) {
                    candidates.add(dir.resolve(n).normalize());
                    if (dir.getParent() != null) candidates.add(dir.getParent().resolve(n).normalize());
                }
                for (Path r : roots) candidates.add(r.resolve(n).normalize());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c)) {
                    try {
                        return Optional.of(read(c));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        };
    }

    /**
     * Reads a file a GRUB config names ({@code source}, {@code configfile}) by its path on the boot server: under
     * each root, then next to the config and one folder up (a config in {@code grub/} names {@code grub/x.cfg}).
     */
    public static Function<String, Optional<String>> grubResolver(Path file, List<Path> roots) {
        Function<String, Optional<String>> near = resolver(file, List.of());
        return name -> {
            Optional<String> r = resolver(file, roots).apply(name);
            return r.isPresent() ? r : near.apply(name);
        };
    }

    /** Whether GRUB statements load a config of that file name (configfile or source). */
    private static boolean loads(List<GrubNode> nodes, String fileName) {
        for (GrubNode n : nodes) {
            List<List<GrubNode>> inner = new ArrayList<>();
            if (n instanceof GrubNode.Command c) {
                if ((c.name().equals("configfile") || c.name().equals("source") || c.name().equals(".")) && !c.args().isEmpty()) {
                    String p = c.args().get(0).canonical();
                    if (p.endsWith("/" + fileName) || p.equals(fileName) || p.endsWith(")" + fileName)) return true;
                }
                if (c.block() != null) inner.add(c.block());
            } else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) inner.add(b.body());
                if (i.otherwise() != null) inner.add(i.otherwise());
            } else if (n instanceof GrubNode.Entry e) {
                inner.add(e.body());
            } else if (n instanceof GrubNode.Function fn) {
                inner.add(fn.body());
            } else if (n instanceof GrubNode.Loop l) {
                inner.add(l.body());
            }
            for (List<GrubNode> b : inner) if (loads(b, fileName)) return true;
        }
        return false;
    }

    private static boolean chains(IpxeScript s, String fileName) {
        for (IpxeLine l : s.lines())
            for (IpxeCommand c : l.commands())
                if (c.name().equals("chain") || c.name().equals("imgexec")) {
                    List<Word> p = c.positional();
                    if (!p.isEmpty()) {
                        String u = p.get(0).text();
                        int q = u.indexOf('?');
                        if (q >= 0) u = u.substring(0, q);
                        if (u.endsWith("/" + fileName) || u.equals(fileName)) return true;
                    }
                }
        return false;
    }
}
