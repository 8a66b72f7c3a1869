package dev.bootbench.cli;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Linter;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.SimulationResult;
import dev.bootbench.menu.grub.GrubParser;
import dev.bootbench.menu.grub.GrubSimulator;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.ipxe.IpxeSimulator;
import dev.bootbench.menu.pxelinux.PxelinuxSimulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code bootbench simulate FILE --platform P --arch A ...}: what a client would see and boot. */
public final class SimulateCommand implements Command {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "show the menus a client would see and what it would boot";
    }

    private static void help(PrintStream out) {
        out.println("usage: bootbench simulate FILE --platform pcbios|efi --arch i386|x86_64|arm64 [options]");
        out.println();
        out.println("Runs an iPXE script, a pxelinux config or a GRUB config for one client and prints each menu drawn (title,");
        out.println("items with the default marked '>', gaps, the timeout) and the final action (kernel and arguments, initrds,");
        out.println("chain, exit, ...). GRUB entries are chosen by --id, title or number.");
        out.println();
        out.println("  --mac M              client MAC address (default 52:54:00:12:34:56)");
        out.println("  --ip A               client IPv4 address (default 192.168.1.50)");
        out.println("  --next-server A      DHCP next-server (default 192.168.1.10)");
        out.println("  --option NAME=VALUE  another setting, e.g. 15=example.org or proxydhcp/next-server=10.0.0.2 (repeatable)");
        out.println("  --choose ITEM        the item to choose in the next menu, or 'esc' (repeatable; then defaults are taken)");
        out.println("  --answer TEXT        the answer to the next read or prompt (repeatable)");
        out.println("  --root DIR           where chained scripts, pxelinux.cfg/ files and GRUB's configfile/source files are read");
        out.println("                       (default: next to FILE; for a GRUB config in a grub/ folder, the folder above)");
        out.println("  --format F           ipxe, pxelinux or grub, instead of the detection");
        out.println("  --help               this text");
        out.println();
        out.println("Exit status: 0 the client boots something, 1 it fails or loops, 2 usage error.");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("platform", "arch", "mac", "ip", "next-server", "option", "choose", "answer", "root", "format"), Set.of("help"));
        if (a.has("help")) {
            help(out);
            return 0;
        }
        if (a.positional.size() != 1) throw new UsageException("give exactly one FILE");
        if (a.one("platform") == null || a.one("arch") == null) throw new UsageException("--platform and --arch are required");
        Platform platform;
        Arch arch;
        try {
            platform = Platform.parse(a.one("platform"));
            arch = Arch.parse(a.one("arch"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path file = Path.of(a.positional.get(0));
        if (!Files.isRegularFile(file)) throw new UsageException("cannot read " + file);
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : a.all("option")) {
            int eq = o.indexOf('=');
            if (eq <= 0) throw new UsageException("--option wants NAME=VALUE, not " + o);
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        ClientProfile client = new ClientProfile(platform, arch, a.one("mac"), a.one("ip"), null, null, null, null, a.one("next-server"), null,
                options, a.all("answer"), a.all("choose"));
        List<Path> roots = new ArrayList<>();
        for (String r : a.all("root")) roots.add(Path.of(r));
        String text = Linter.read(file);
        SimulationResult r;
        Linter.Type type = a.one("format") != null ? Formats.type(a.one("format")) : Linter.detect(file.toString(), text);
        if (type == Linter.Type.GRUB) {
            Path parent = file.toAbsolutePath().getParent();
            boolean inGrubDir = parent.getFileName() != null && parent.getFileName().toString().equals("grub") && parent.getParent() != null;
            Path tftpRoot = !roots.isEmpty() ? roots.get(0) : inGrubDir ? parent.getParent() : parent;
            Function<String, Optional<String>> files = Linter.grubResolver(tftpRoot.resolve("grub.cfg"), roots);
            r = GrubSimulator.run(GrubParser.parse(file.toString(), text), client, new GrubSimulator.Options(files, 0));
        } else if (type == Linter.Type.IPXE) {
            Function<String, Optional<String>> local = Linter.resolver(file, roots);
            Function<String, Optional<String>> byUrl = url -> {
                String name = url;
                int q = name.indexOf('?');
                if (q >= 0) name = name.substring(0, q);
                int slash = name.lastIndexOf('/');
                return local.apply(slash >= 0 ? name.substring(slash + 1) : name);
            };
            r = IpxeSimulator.run(IpxeParser.parse(file.toString(), text), client, new IpxeSimulator.Options(byUrl, 0));
        } else {
            Path parent = file.toAbsolutePath().getParent();
            boolean inCfgDir = parent.getFileName() != null && parent.getFileName().toString().equals("pxelinux.cfg");
            Path cwd = !roots.isEmpty() ? roots.get(0) : inCfgDir ? parent.getParent() : parent;
            Function<String, Optional<String>> files = Linter.resolver(cwd.resolve("pxelinux.0"), roots);
            Function<String, Optional<String>> tftp = name -> roots.isEmpty() && !inCfgDir && name.equals("pxelinux.cfg/default")
                    ? Optional.of(text) : name.startsWith("pxelinux.cfg/") && !Files.isRegularFile(cwd.resolve(name)) ? Optional.empty() : files.apply(name);
            r = PxelinuxSimulator.run(client, tftp);
        }
        for (String line : r.console()) out.println("| " + line.replaceAll("\\p{Cntrl}\\[[0-9;]*[A-Za-z]", "").replaceAll("\\p{Cntrl}", "?"));
        for (int i = 0; i < r.screens().size(); i++) {
            Screen s = r.screens().get(i);
            out.println();
            out.print(s.render(r.waitsAt(i)).replaceAll("\\p{Cntrl}\\[[0-9;]*[A-Za-z]", "").replaceAll("[\\p{Cntrl}&&[^\n]]", "?"));
        }
        out.println();
        out.println("action: " + r.action().describe());
        r.findings().forEach(f -> err.println(f.format()));
        return r.action().kind() == FinalAction.Kind.FAILED || r.action().kind() == FinalAction.Kind.STOPPED ? 1 : 0;
    }
}
