package dev.bootbench.cli;

import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.SessionLogger;
import dev.bootbench.engine.BootEngine;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.engine.EventBus;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** {@code bootbench serve}: the boot engine without a window, in the foreground, until SIGTERM or Ctrl-C. */
@Command(name = "serve", abbreviateSynopsis = true, sortOptions = false,
        description = {"Run the DHCP, TFTP and HTTP servers headless (for servers, scripts and tests).", "",
            "Runs the boot servers in the foreground, one log line per DHCP exchange and per transfer, until SIGTERM or Ctrl-C. "
                    + "Options not given come from the workspace's settings.json."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:a server could not start (the reason is logged)", "2:usage error"})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("serve");

    @Mixin
    ServeOptions options;

    @Mixin
    HelpOption help;

    /** The command line read: the workspace, its settings with the options given applied, and whether to store them. */
    public record Parsed(Workspace workspace, Settings settings, boolean save, boolean help) {}

    /** Reads serve's options as {@code bootbench serve} does; a bad one is a {@link UsageException}. */
    public static Parsed parse(List<String> args) {
        ServeCommand c = new ServeCommand();
        CommandLine cl = Cli.configure(new CommandLine(c));
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            throw new UsageException(Cli.message(e));
        }
        if (cl.isUsageHelpRequested()) return new Parsed(null, null, false, true);
        return c.options.parsed();
    }

    /** One option with its value (ignored for a flag) applied to {@code s}, as the command line would. */
    static void apply(Settings s, String option, String value) {
        ServeCommand c = new ServeCommand();
        CommandLine cl = Cli.configure(new CommandLine(c));
        OptionSpec o = cl.getCommandSpec().findOption(option);
        try {
            cl.parseArgs(o != null && o.arity().max() == 0 ? new String[] {option} : new String[] {option, value});
        } catch (ParameterException e) {
            throw new UsageException(Cli.message(e));
        }
        c.options.applyTo(s);
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
    public Integer call() throws Exception {
        Parsed p = options.parsed();
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
}
