package dev.bootbench.menu;

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

    public enum Type { IPXE, PXELINUX }

    /** iPXE when the text starts with {@code #!ipxe} or the name ends in {@code .ipxe}; otherwise a pxelinux config. */
    public static Type detect(String name, String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.startsWith("#!ipxe") || name.toLowerCase(Locale.ROOT).endsWith(".ipxe")) return Type.IPXE;
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
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path f : files) texts.put(f, read(f));
        Map<Path, IpxeScript> scripts = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : texts.entrySet())
            if (detect(e.getKey().toString(), e.getValue()) == Type.IPXE) scripts.put(e.getKey(), IpxeParser.parse(e.getKey().toString(), e.getValue()));
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            Path f = e.getKey();
            IpxeScript s = scripts.get(f);
            if (s != null) {
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
