package dev.bootbench.cli;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Linter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bootbench lint FILE...}: checks iPXE scripts, pxelinux configs and GRUB configs. */
@Command(name = "lint", sortOptions = false,
        description = {"Check iPXE scripts, pxelinux configs and GRUB configs.", "",
            "Checks iPXE scripts (#!ipxe or .ipxe), GRUB configs (grub*.cfg, or menuentry, set x=, insmod ... in the text) and "
                    + "pxelinux configs (anything else) and prints FILE:LINE:COLUMN: error|warning|info: message, one per line.", "",
            "Scripts given together pass their settings on to the scripts they chain; GRUB configs pass their variables on to "
                    + "the configs they load with configfile or source."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no errors", "1:errors found", "2:usage error"})
public final class LintCommand implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the scripts and configs to check")
    private List<Path> files;

    @Option(names = "--root", paramLabel = "DIR", order = 1,
            description = "a folder served to clients; files the scripts use must exist under one (repeatable)")
    private List<Path> roots = new ArrayList<>();

    @Option(names = "--check-remote", order = 2, description = "send HEAD to http(s) URLs and report those answering 404 (off by default)")
    private boolean checkRemote;

    @Option(names = "--boot-program", paramLabel = "NAME", order = 3, completionCandidates = BootPrograms.class,
            description = "for pxelinux configs: pxelinux.0 or lpxelinux.0 (BIOS, default) or syslinux.efi (EFI)")
    private String bootProgram;

    @Option(names = "--format", paramLabel = "F", order = 4, converter = Formats.class, completionCandidates = Formats.Names.class,
            description = "ipxe, pxelinux or grub: every FILE is read as that (default: detected per file)")
    private Linter.Type format;

    /** What shell completion offers for --boot-program. */
    static final class BootPrograms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("pxelinux.0", "lpxelinux.0", "syslinux.efi").iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out();
        for (Path r : roots) if (!Files.isDirectory(r)) throw new UsageException("--root " + r + " is not a folder");
        for (Path f : files) if (!Files.isRegularFile(f)) throw new UsageException("cannot read " + f);
        LintOptions o = new LintOptions(roots, checkRemote, Duration.ofSeconds(3), Set.of());
        List<Finding> findings = Linter.lint(files, o, bootProgram, format);
        boolean errors = false;
        for (Finding f : findings) {
            out.println(f.format());
            errors |= f.isError();
        }
        return errors ? 1 : 0;
    }
}
