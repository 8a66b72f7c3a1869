package dev.bootbench.cli;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Linter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code bootbench lint FILE...}: checks iPXE scripts, pxelinux configs and GRUB configs. */
public final class LintCommand implements Command {
    @Override
    public String name() {
        return "lint";
    }

    @Override
    public String summary() {
        return "check iPXE scripts, pxelinux configs and GRUB configs";
    }

    private static void help(PrintStream out) {
        out.println("usage: bootbench lint [--root DIR]... [--check-remote] [--boot-program NAME] [--format F] FILE...");
        out.println();
        out.println("Checks iPXE scripts (#!ipxe or .ipxe), GRUB configs (grub*.cfg, or menuentry, set x=, insmod ... in");
        out.println("the text) and pxelinux configs (anything else) and prints FILE:LINE:COLUMN: error|warning|info: message,");
        out.println("one per line.");
        out.println();
        out.println("  --root DIR        a folder served to clients; files the scripts use must exist under one (repeatable)");
        out.println("  --check-remote    send HEAD to http(s) URLs and report those answering 404 (off by default)");
        out.println("  --boot-program N  for pxelinux configs: pxelinux.0 or lpxelinux.0 (BIOS, default) or syslinux.efi (EFI)");
        out.println("  --format F        ipxe, pxelinux or grub: every FILE is read as that (default: detected per file)");
        out.println("  --help            this text");
        out.println();
        out.println("Scripts given together pass their settings on to the scripts they chain; GRUB configs pass their");
        out.println("variables on to the configs they load with configfile or source.");
        out.println("Exit status: 0 no errors, 1 errors found, 2 usage error.");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("root", "boot-program", "format"), Set.of("help", "check-remote"));
        if (a.has("help")) {
            help(out);
            return 0;
        }
        if (a.positional.isEmpty()) throw new UsageException("no FILE to lint");
        List<Path> roots = new ArrayList<>();
        for (String r : a.all("root")) {
            Path p = Path.of(r);
            if (!Files.isDirectory(p)) throw new UsageException("--root " + r + " is not a folder");
            roots.add(p);
        }
        List<Path> files = new ArrayList<>();
        for (String f : a.positional) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) throw new UsageException("cannot read " + f);
            files.add(p);
        }
        LintOptions o = new LintOptions(roots, a.has("check-remote"), Duration.ofSeconds(3), Set.of());
        List<Finding> findings = Linter.lint(files, o, a.one("boot-program"), Formats.type(a.one("format")));
        boolean errors = false;
        for (Finding f : findings) {
            out.println(f.format());
            errors |= f.isError();
        }
        return errors ? 1 : 0;
    }
}
