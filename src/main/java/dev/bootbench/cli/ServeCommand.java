package dev.bootbench.cli;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.SessionLogger;
import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.boot.BootPath;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code bootbench serve}: the boot engine without a window, in the foreground, until SIGTERM or Ctrl-C. */
public final class ServeCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger("serve");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run the DHCP, TFTP and HTTP servers headless (for servers, scripts and tests)";
    }

    static final String HELP = """
            usage: bootbench serve [options]

            Runs the boot servers in the foreground, one log line per DHCP exchange and per transfer,
            until SIGTERM or Ctrl-C. Options not given come from the workspace's settings.json.

              --iface NAME            bench interface (required for DHCP)
              --address IP            server address, when the interface has several
              --dhcp full|proxy|off   full: addresses + boot info; proxy: boot info beside another
                                      DHCP server (ports 67 and 4011); off: no DHCP  [full]
              --range FIRST-LAST      address pool for full mode  [.100-.199 of the subnet]
              --lease-time SECONDS    [3600]
              --netmask IP            subnet mask handed out  [the interface's]
              --router IP             default gateway handed out  [none]
              --dns IP[,IP...]        DNS servers handed out  [none]
              --domain NAME           domain name (option 15)  [none]
              --root DIR              folder served over TFTP and HTTP
              --http-port N           [80]
              --tftp-port N           [69]
              --case-insensitive on|off
                                      TFTP and HTTP match file names ignoring case  [off]
              --bios-boot FILE        boot program for BIOS PXE clients, and for clients that ask
                                      for a boot file (option 67) without naming their firmware
                                      [undionly.kpxe]
              --uefi-boot FILE        boot program for x64 UEFI clients  [ipxe.efi]
              --uefi-ia32-boot FILE   boot program for ia32 UEFI clients  [none]
              --arm64-boot FILE       boot program for arm64 UEFI clients  [none]
              --http-boot FILE|URL    what x64 UEFI HTTP Boot clients fetch over HTTP (a file
                                      of the root becomes a URL of ours)  [the program of
                                      --uefi-path: --uefi-boot, or shimx64.efi for Secure Boot]
              --arm64-http-boot FILE|URL
                                      the same for arm64 UEFI HTTP Boot  [that of --arm64-path]
              --uboot-boot FILE       boot file of U-Boot clients, given with the next-server;
                                      boot.scr.uimg (what U-Boot fetches) is made to run the
                                      pxelinux menu when the root has none  [boot.scr.uimg]
              --uefi-path ipxe|grub|shim-grub
                                      how x64 UEFI clients boot: iPXE (--uefi-boot), GRUB
                                      (grubx64.efi), or Secure Boot: shim (shimx64.efi) loading
                                      grubx64.efi beside it; GRUB reads grub/grub.cfg, made from
                                      the published menu for each client  [ipxe]
              --arm64-path ipxe|grub|shim-grub
                                      the same for arm64 UEFI clients (--arm64-boot, grubaa64.efi,
                                      shimaa64.efi)  [grub; ipxe when --arm64-boot is set]
              --ipxe-script URL|PATH  what iPXE clients get (their MAC is added as ?mac=);
                                      default Bootbench's own /boot.ipxe; an empty value turns
                                      the iPXE rule off, so iPXE clients get the boot program
              --pxelinux-config FILE  pxelinux option 209 (config file)
              --pxelinux-prefix PATH  pxelinux option 210 (path prefix)
              --no-detect             do not look for other DHCP servers on the interface
              --router-advertisements on|off
                                      IPv6 router advertisements on the bench so iPXE does not
                                      wait for an IPv6 router  [on]
              --workspace DIR         settings, leases and logs  [%s]
              --save                  also store the options given here in the workspace
              --help                  this text
            """;

    /** The command line read: the workspace, its settings with the options given applied, and whether to store them. */
    public record Parsed(Workspace workspace, Settings settings, boolean save, boolean help) {}

    public static Parsed parse(List<String> args) {
        Path wsDir = Workspace.defaultDir();
        boolean save = false;
        List<String[]> given = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) return new Parsed(null, null, false, true);
            String value;
            int eq = a.indexOf('=');
            String opt = eq > 0 ? a.substring(0, eq) : a;
            if (opt.equals("--save")) {
                save = true;
                continue;
            }
            if (opt.equals("--no-detect")) {
                given.add(new String[] {opt, ""});
                continue;
            }
            if (!opt.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
            if (eq > 0) {
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.size()) throw new UsageException(opt + " needs a value");
                value = args.get(++i);
            }
            if (opt.equals("--workspace")) wsDir = Paths.get(value);
            else given.add(new String[] {opt, value});
        }
        Workspace ws = new Workspace(wsDir);
        Settings s = ws.loadSettings();
        for (String[] g : given) apply(s, g[0], g[1]);
        return new Parsed(ws, s, save, false);
    }

    /**
     * The engine {@code serve} runs: the same {@link EngineSetup} as the desktop app's, from the same workspace. Its
     * settings change only on {@code owner} (a next boot used up), and what it changes by itself is saved without the
     * options of the command line.
     */
    public static EngineSetup setup(Parsed p, EventBus bus, java.util.concurrent.Executor owner) {
        try {
            return new EngineSetup(p.workspace(), p.settings(), bus, owner::execute, () -> saveHosts(p.workspace(), p.settings()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Parsed p = parse(args);
        if (p.help()) {
            out.printf(HELP, Workspace.defaultDir());
            return 0;
        }
        Workspace ws = p.workspace();
        Settings s = p.settings();
        if (p.save()) ws.saveSettings(s);

        EventBus bus = new EventBus();
        // the settings are this thread's and one of the setup's: changes (a next boot used up) run one after another
        java.util.concurrent.ExecutorService owner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "serve-settings");
            t.setDaemon(true);
            return t;
        });
        EngineSetup setup = setup(p, bus, owner);
        BootEngine engine = setup.engine();
        // per-client boot sessions: logged stage by stage, and served as JSON on /_/api/sessions
        BootSessions sessions = new BootSessions(engine::macFor);
        sessions.attach(bus);
        sessions.addListener(new SessionLogger());
        engine.setSessionsView(sessions::snapshot);
        CountDownLatch stop = new CountDownLatch(1);
        installSignalHandlers(stop);
        try {
            engine.start();
        } catch (IllegalArgumentException e) {
            engine.close();
            throw new UsageException(e.getMessage());
        } catch (Exception e) {
            engine.close(); // e.g. a workspace where leases cannot be saved: refused, with the reason (logged too)
            throw e;
        }
        if (engine.dhcp() != null && engine.dhcp().counters() != null && !isUp(engine)) {
            engine.close();
            return 1;
        }
        log.info("ready (workspace {}, dhcp {}{})", ws.dir(), s.dhcpMode.name().toLowerCase(java.util.Locale.ROOT),
                s.iface != null ? " on " + s.iface : "");
        stop.await();
        log.info("stopping");
        setup.close();
        owner.shutdown();
        log.info("stopped");
        return 0;
    }

    /**
     * Saves what {@code serve} changes by itself (a next boot used up) without storing the options given on the command
     * line: the hosts go into the settings as they are on disk.
     */
    private static void saveHosts(Workspace ws, Settings s) {
        try {
            Settings onDisk = ws.loadSettings();
            onDisk.hosts = new java.util.TreeMap<>(s.hosts);
            ws.saveSettings(onDisk);
        } catch (RuntimeException e) {
            log.error("could not save the settings: {}", e.getMessage());
        }
    }

    /** False when DHCP failed for good at start (port in use, no privilege): serve exits 1 with the reason logged. */
    private static boolean isUp(BootEngine engine) {
        return !engine.dhcpFailed();
    }

    @SuppressWarnings("removal")
    private static void installSignalHandlers(CountDownLatch stop) {
        for (String sig : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                // not on this platform (HUP on Windows)
            }
        }
    }

    static void apply(Settings s, String opt, String v) {
        try {
            switch (opt) {
                case "--iface" -> s.iface = v;
                case "--address" -> s.address = v.isEmpty() ? null : Ipv4.parse(v).getHostAddress();
                case "--dhcp" -> s.dhcpMode = DhcpMode.parse(v);
                case "--range" -> s.range = v;
                case "--lease-time" -> s.leaseSeconds = positive(opt, v);
                case "--netmask" -> s.subnetMask = v.isEmpty() ? null : Ipv4.parse(v).getHostAddress();
                case "--router" -> s.router = v.isEmpty() ? null : Ipv4.parse(v).getHostAddress();
                case "--dns" -> {
                    s.dns = new ArrayList<>();
                    for (String d : v.split(",")) if (!d.isBlank()) s.dns.add(Ipv4.parse(d).getHostAddress());
                }
                case "--domain" -> s.domain = v;
                case "--root" -> s.root = Paths.get(v).toAbsolutePath().normalize().toString();
                case "--http-port" -> s.httpPort = port(opt, v);
                case "--tftp-port" -> s.tftpPort = port(opt, v);
                case "--case-insensitive" -> s.caseInsensitiveFiles = onOff(opt, v);
                case "--bios-boot" -> s.biosBoot = v;
                case "--uefi-boot" -> s.uefiBoot = v;
                case "--uefi-ia32-boot" -> s.uefiIa32Boot = v;
                case "--arm64-boot" -> s.arm64Boot = v;
                case "--http-boot" -> s.httpBoot = v;
                case "--arm64-http-boot" -> s.arm64HttpBoot = v;
                case "--uboot-boot" -> s.ubootBoot = v;
                case "--uefi-path" -> s.uefiPath = bootPath(v);
                case "--arm64-path" -> s.arm64Path = bootPath(v);
                case "--ipxe-script" -> s.ipxeScript = v;
                case "--pxelinux-config" -> s.pxelinuxConfigFile = v;
                case "--pxelinux-prefix" -> s.pxelinuxPathPrefix = v;
                case "--no-detect" -> s.detectOtherServers = false;
                case "--router-advertisements" -> s.routerAdvertisements = onOff(opt, v);
                default -> throw new UsageException("unknown option " + opt);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(opt + ": " + e.getMessage());
        }
    }

    /** The canonical name of a boot path ({@code shim} is {@code shim-grub}); empty: the default. */
    private static String bootPath(String v) {
        BootPath p = BootPath.parse(v);
        return p == null ? null : p.id();
    }

    private static int positive(String opt, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw new UsageException(opt + " takes a positive whole number, not '" + v + "'");
    }

    private static int port(String opt, String v) {
        int n = positive(opt, v);
        if (n > 65535) throw new UsageException(opt + " takes a port from 1 to 65535, not " + n);
        return n;
    }

    private static boolean onOff(String opt, String v) {
        return switch (v) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new UsageException(opt + " takes on or off, not '" + v + "'");
        };
    }
}
