package dev.bootbench.cli;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Linter;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.grub.GrubImporter;
import dev.bootbench.menu.grub.GrubParser;
import dev.bootbench.menu.ipxe.IpxeImporter;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.pxelinux.PxelinuxImporter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bootbench import FILE}: reads an iPXE script, pxelinux config or GRUB config and prints the menu as JSON. */
@Command(name = "import", sortOptions = false,
        description = {"Read an iPXE script, pxelinux config or GRUB config and print the menu as JSON.", "",
            "Prints the menu of an iPXE script, a pxelinux config or a GRUB config as JSON (the format 'bootbench generate' reads). "
                    + "What cannot be mapped onto menu entries is kept as custom blocks (GRUB: the menu's GRUB lines and the entries' "
                    + "commands), so generating the menu keeps its meaning. pxelinux INCLUDE and CONFIG files are read relative to FILE. "
                    + "Notes on what was kept as it is go to stderr."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "1:FILE could not be read", "2:usage error"})
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FILE", description = "the iPXE script, pxelinux config or GRUB config to read")
    private Path file;

    @Option(names = "--format", paramLabel = "F", order = 1, converter = Formats.class, completionCandidates = Formats.Names.class,
            description = "ipxe, pxelinux or grub, instead of the detection (#!ipxe or .ipxe: iPXE; grub*.cfg or GRUB commands in the "
                    + "text: GRUB; otherwise pxelinux)")
    private Linter.Type format;

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out(), err = cli.err();
        if (!Files.isRegularFile(file)) throw new UsageException("cannot read " + file);
        String text = Linter.read(file);
        Linter.Type type = format == null ? Linter.detect(file.toString(), text) : format;
        Menu menu;
        if (type == Linter.Type.GRUB) {
            GrubImporter.Result r = GrubImporter.importScript(GrubParser.parse(file.toString(), text));
            for (Finding f : r.notes()) err.println(f.format());
            menu = r.menu();
        } else if (type == Linter.Type.IPXE) {
            IpxeImporter.Result r = IpxeImporter.importScript(IpxeParser.parse(file.toString(), text));
            for (Finding f : r.notes()) err.println(f.format());
            menu = r.menu();
        } else {
            menu = PxelinuxImporter.importText(file.toString(), text, Linter.resolver(file, List.of()));
        }
        out.print(MenuJson.toJson(menu));
        return 0;
    }
}
