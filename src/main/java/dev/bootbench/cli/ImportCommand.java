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
import java.util.Set;

/** {@code bootbench import FILE}: reads an iPXE script, pxelinux config or GRUB config and prints the menu as JSON. */
public final class ImportCommand implements Command {
    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "read an iPXE script, pxelinux config or GRUB config and print the menu as JSON";
    }

    private static void help(PrintStream out) {
        out.println("usage: bootbench import FILE [--format ipxe|pxelinux|grub]");
        out.println();
        out.println("Prints the menu of an iPXE script, a pxelinux config or a GRUB config as JSON (the format 'bootbench");
        out.println("generate' reads). What cannot be mapped onto menu entries is kept as custom blocks (GRUB: the menu's GRUB");
        out.println("lines and the entries' commands), so generating the menu keeps its meaning. pxelinux INCLUDE and CONFIG");
        out.println("files are read relative to FILE. Notes on what was kept as it is go to stderr.");
        out.println();
        out.println("  --format F   ipxe, pxelinux or grub, instead of the detection (#!ipxe or .ipxe: iPXE; grub*.cfg or");
        out.println("               GRUB commands in the text: GRUB; otherwise pxelinux)");
        out.println("  --help                   this text");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("format"), Set.of("help"));
        if (a.has("help")) {
            help(out);
            return 0;
        }
        if (a.positional.size() != 1) throw new UsageException("give exactly one FILE");
        Path file = Path.of(a.positional.get(0));
        if (!Files.isRegularFile(file)) throw new UsageException("cannot read " + file);
        String text = Linter.read(file);
        String format = a.one("format");
        Linter.Type type = format == null ? Linter.detect(file.toString(), text) : Formats.type(format);
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
