package dev.bootbench.cli;

import dev.bootbench.export.ProductionExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bootbench export --out DIR [serve's options]}: writes dnsmasq, Kea, tftpd-hpa and nginx configurations and the
 * served tree for production servers, from exactly the settings {@code serve} would run with (the same
 * {@link ServeOptions} on the same workspace).
 */
@Command(name = "export", abbreviateSynopsis = true, sortOptions = false,
        description = {"Write dnsmasq, Kea, tftpd-hpa and nginx configurations of the tested setup (for production).", "",
            "Writes the setup that 'bootbench serve' would run, with the same options and workspace, for servers that run it "
                    + "without Bootbench: dnsmasq.conf (DHCP and TFTP), kea-dhcp4.conf (DHCP, full mode only), tftpd-hpa "
                    + "(/etc/default/tftpd-hpa), nginx.conf (HTTP), root/ (the served folder with the published menu as static "
                    + "files) and README.md (how to install them on Debian, and what an export cannot carry). Every path in them "
                    + "is DIR's. Files are replaced whole; other files in DIR are left alone.", "",
            "The bench address and subnet come from --address and --netmask, else from --iface on this machine. Every option of "
                    + "'bootbench serve' is accepted; --save is not (an export does not change the workspace)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:a file could not be written (the reason is printed)", "2:usage error"})
public final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    private Cli cli;

    @Option(names = "--out", paramLabel = "DIR", required = true, order = 0, description = "the folder to write (created when missing)")
    private Path out;

    @Mixin
    ServeOptions options;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws Exception {
        if (options.save()) throw new UsageException("--save is not an option of export (it does not change the workspace)");
        if (out.toString().isBlank()) throw new UsageException("--out DIR is required");
        ServeCommand.Parsed p = options.parsed();
        List<Path> written;
        try {
            written = ProductionExport.write(p.settings(), p.workspace(), out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintStream o = cli.out();
        Path base = out.toAbsolutePath().normalize();
        long served = written.stream().filter(f -> f.startsWith(base.resolve("root"))).count();
        for (Path f : written) if (!f.startsWith(base.resolve("root"))) o.println(f);
        o.println(base.resolve("root") + "/ (" + served + " files)");
        return 0;
    }
}
