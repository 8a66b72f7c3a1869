package dev.bootbench.cli;

import dev.bootbench.export.ProductionExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bootbench export --out DIR [serve's options]}: writes dnsmasq, Kea, tftpd-hpa and nginx configurations and the
 * served tree for production servers, from exactly the settings {@code serve} would run with.
 */
public final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write dnsmasq, Kea, tftpd-hpa and nginx configurations of the tested setup (for production)";
    }

    static final String HELP = """
            usage: bootbench export --out DIR [serve's options]

            Writes the setup that 'bootbench serve' would run, with the same options and workspace, for servers
            that run it without Bootbench: dnsmasq.conf (DHCP and TFTP), kea-dhcp4.conf (DHCP, full mode only),
            tftpd-hpa (/etc/default/tftpd-hpa), nginx.conf (HTTP), root/ (the served folder with the published
            menu as static files) and README.md (how to install them on Debian, and what an export cannot carry).
            Every path in them is DIR's. Files are replaced whole; other files in DIR are left alone.

              --out DIR               the folder to write (created when missing; required)

            The bench address and subnet come from --address and --netmask, else from --iface on this machine.
            Every option of 'bootbench serve' is accepted (see 'bootbench serve --help'); --save is not.
            """;

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>();
        String dir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(HELP);
                return 0;
            }
            if (a.equals("--out")) {
                if (i + 1 >= args.size()) throw new UsageException("--out needs a value");
                if (dir != null) throw new UsageException("--out given more than once");
                dir = args.get(++i);
            } else if (a.startsWith("--out=")) {
                if (dir != null) throw new UsageException("--out given more than once");
                dir = a.substring("--out=".length());
            } else if (a.equals("--save")) {
                throw new UsageException("--save is not an option of export (it does not change the workspace)");
            } else {
                rest.add(a);
            }
        }
        if (dir == null || dir.isBlank()) throw new UsageException("--out DIR is required");
        ServeCommand.Parsed p = ServeCommand.parse(rest);
        List<Path> written;
        try {
            written = ProductionExport.write(p.settings(), p.workspace(), Path.of(dir));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path base = Path.of(dir).toAbsolutePath().normalize();
        long served = written.stream().filter(f -> f.startsWith(base.resolve("root"))).count();
        for (Path f : written) if (!f.startsWith(base.resolve("root"))) out.println(f);
        out.println(base.resolve("root") + "/ (" + served + " files)");
        return 0;
    }

}
