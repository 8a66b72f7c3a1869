package dev.bootbench.cli;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Linter;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.MenuValidator;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.grub.GrubGenerator;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bootbench generate MENU.json --format ipxe|pxelinux|grub}: writes the script or config of a menu. */
@Command(name = "generate", sortOptions = false,
        description = {"Write the iPXE script, pxelinux config or GRUB config of a menu (JSON).", "",
            "Prints the iPXE script, the pxelinux config or the GRUB config (grub.cfg) of a menu saved as JSON. For pxelinux, "
                    + "submenus are further files: each is printed after a '# ---- FILE ----' line; GRUB has them inline and offers "
                    + "platform-limited entries under if [ \"$grub_platform\" = ... ]. Entries the language cannot boot are left out "
                    + "with a comment and a warning on stderr, as are iPXE settings it does not have."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:the menu has errors (duplicate ids, a default or fallback naming no entry, missing fields), "
                + "printed on stderr", "2:usage error"})
public final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "MENU.json", description = "a menu saved as JSON (by the app, or by 'bootbench import')")
    private Path file;

    @Option(names = "--format", paramLabel = "ipxe|pxelinux|grub", required = true, order = 1, converter = Formats.class,
            completionCandidates = Formats.Names.class, description = "what to write")
    private Linter.Type format;

    @Option(names = "--platform", paramLabel = "pcbios|efi", order = 2, converter = SimulateCommand.PlatformConverter.class,
            completionCandidates = SimulateCommand.PlatformConverter.class,
            description = "for pxelinux: the platform it runs on (default pcbios)")
    private Platform platform;

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out(), err = cli.err();
        if (!Files.isRegularFile(file)) throw new UsageException("cannot read " + file);
        Menu menu;
        try {
            menu = MenuJson.load(file);
        } catch (IOException e) {
            err.println("bootbench generate: " + file + " is not a menu: " + e.getMessage().lines().findFirst().orElse(""));
            return 1;
        }
        List<Finding> problems = MenuValidator.validate(menu, file.toString());
        problems.forEach(f -> err.println(f.format()));
        if (problems.stream().anyMatch(Finding::isError)) return 1;
        if (format == Linter.Type.IPXE) {
            out.print(IpxeGenerator.generate(menu));
            return 0;
        }
        if (format == Linter.Type.GRUB) {
            GrubGenerator.Output g = GrubGenerator.generate(menu, GrubGenerator.FILE);
            out.print(g.text());
            for (Finding f : g.findings()) err.println(f.format());
            return 0;
        }
        Platform p = platform != null ? platform : Platform.PCBIOS;
        PxelinuxGenerator.Output o = PxelinuxGenerator.generate(menu, new PxelinuxGenerator.Options(p, null));
        boolean first = true;
        for (Map.Entry<String, String> f : o.files().entrySet()) {
            if (!first) out.println("# ---- " + f.getKey() + " ----");
            out.print(f.getValue());
            first = false;
        }
        for (Finding f : o.findings()) err.println(f.format());
        return 0;
    }
}
