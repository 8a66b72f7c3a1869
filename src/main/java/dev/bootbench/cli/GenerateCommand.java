package dev.bootbench.cli;

import dev.bootbench.menu.Finding;
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
import java.util.Set;

/** {@code bootbench generate MENU.json --format ipxe|pxelinux|grub}: writes the script or config of a menu. */
public final class GenerateCommand implements Command {
    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "write the iPXE script, pxelinux config or GRUB config of a menu (JSON)";
    }

    private static void help(PrintStream out) {
        out.println("usage: bootbench generate MENU.json --format ipxe|pxelinux|grub [--platform pcbios|efi]");
        out.println();
        out.println("Prints the iPXE script, the pxelinux config or the GRUB config (grub.cfg) of a menu saved as JSON. For");
        out.println("pxelinux, submenus are further files: each is printed after a '# ---- FILE ----' line; GRUB has them");
        out.println("inline and offers platform-limited entries under if [ \"$grub_platform\" = ... ]. Entries the language");
        out.println("cannot boot are left out with a comment and a warning on stderr, as are iPXE settings it does not have.");
        out.println("Exit status 1 when the menu has errors (duplicate ids, a default or fallback naming no entry, missing");
        out.println("fields), which are printed on stderr.");
        out.println();
        out.println("  --format ipxe|pxelinux|grub   what to write (required)");
        out.println("  --platform pcbios|efi         for pxelinux: the platform it runs on (default pcbios)");
        out.println("  --help                        this text");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("format", "platform"), Set.of("help"));
        if (a.has("help")) {
            help(out);
            return 0;
        }
        if (a.positional.size() != 1) throw new UsageException("give exactly one MENU.json");
        String format = a.one("format");
        if (format == null || !(format.equals("ipxe") || format.equals("pxelinux") || format.equals("grub")))
            throw new UsageException("--format " + Formats.NAMES + " is required");
        Path file = Path.of(a.positional.get(0));
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
        if (format.equals("ipxe")) {
            out.print(IpxeGenerator.generate(menu));
            return 0;
        }
        if (format.equals("grub")) {
            GrubGenerator.Output g = GrubGenerator.generate(menu, GrubGenerator.FILE);
            out.print(g.text());
            for (Finding f : g.findings()) err.println(f.format());
            return 0;
        }
        Platform p;
        try {
            p = a.one("platform") == null ? Platform.PCBIOS : Platform.parse(a.one("platform"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
