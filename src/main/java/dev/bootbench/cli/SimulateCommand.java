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
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code bootbench simulate FILE --platform P --arch A ...}: what a client would see and boot. */
@Command(name = "simulate", sortOptions = false,
        description = {"Show the menus a client would see and what it would boot.", "",
            "Runs an iPXE script, a pxelinux config or a GRUB config for one client and prints each menu drawn (title, items with "
                    + "the default marked '>', gaps, the timeout) and the final action (kernel and arguments, initrds, chain, exit, ...). "
                    + "GRUB entries are chosen by --id, title or number."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the client boots something", "1:it fails or loops", "2:usage error"})
public final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "FILE", description = "the iPXE script, pxelinux config or GRUB config to run")
    private Path file;

    @Option(names = "--platform", paramLabel = "pcbios|efi", required = true, order = 1, converter = PlatformConverter.class,
            completionCandidates = PlatformConverter.class, description = "the client's firmware")
    private Platform platform;

    @Option(names = "--arch", paramLabel = "i386|x86_64|arm64", required = true, order = 2, converter = ArchConverter.class,
            completionCandidates = ArchConverter.class, description = "the client's CPU")
    private Arch arch;

    @Option(names = "--mac", paramLabel = "M", order = 3, description = "client MAC address (default 52:54:00:12:34:56)")
    private String mac;

    @Option(names = "--ip", paramLabel = "A", order = 4, description = "client IPv4 address (default 192.168.1.50)")
    private String ip;

    @Option(names = "--next-server", paramLabel = "A", order = 5, description = "DHCP next-server (default 192.168.1.10)")
    private String nextServer;

    @Option(names = "--option", paramLabel = "NAME=VALUE", order = 6,
            description = "another setting, e.g. 15=example.org or proxydhcp/next-server=10.0.0.2 (repeatable)")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--choose", paramLabel = "ITEM", order = 7,
            description = "the item to choose in the next menu, or 'esc' (repeatable; then defaults are taken)")
    private List<String> choices = new ArrayList<>();

    @Option(names = "--answer", paramLabel = "TEXT", order = 8, description = "the answer to the next read or prompt (repeatable)")
    private List<String> answers = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR", order = 9,
            description = "where chained scripts, pxelinux.cfg/ files and GRUB's configfile/source files are read (default: next to FILE; "
                    + "for a GRUB config in a grub/ folder, the folder above)")
    private List<Path> roots = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F", order = 10, converter = Formats.class, completionCandidates = Formats.Names.class,
            description = "ipxe, pxelinux or grub, instead of the detection")
    private Linter.Type format;

    static final class PlatformConverter implements ITypeConverter<Platform>, Iterable<String> {
        @Override
        public Platform convert(String v) {
            try {
                return Platform.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Platform.values()).map(Platform::id).iterator();
        }
    }

    static final class ArchConverter implements ITypeConverter<Arch>, Iterable<String> {
        @Override
        public Arch convert(String v) {
            try {
                return Arch.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Arch.values()).map(Arch::id).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = cli.out(), err = cli.err();
        if (!Files.isRegularFile(file)) throw new UsageException("cannot read " + file);
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : settings) {
            int eq = o.indexOf('=');
            if (eq <= 0) throw new UsageException("--option wants NAME=VALUE, not " + o);
            options.put(o.substring(0, eq), o.substring(eq + 1));
        }
        ClientProfile client = new ClientProfile(platform, arch, mac, ip, null, null, null, null, nextServer, null,
                options, answers, choices);
        String text = Linter.read(file);
        SimulationResult r;
        Linter.Type type = format != null ? format : Linter.detect(file.toString(), text);
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
