package dev.bootbench.ui;

import dev.bootbench.clients.BootSessions;
import dev.bootbench.clients.SessionLogger;
import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.log.LogSetup;
import dev.bootbench.engine.log.LogTap;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.workspace.AtomicFiles;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import dev.bootbench.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every view shares: the workspace and its settings, the engine, the event pump, the log tap
 * and one background thread for everything that may block (file I/O, engine start and stop,
 * interface listing), so the FX thread never waits.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("app");

    private final Workspace workspace;
    private final Settings settings;
    private final EventBus bus;
    private final dev.bootbench.publish.EngineSetup setup;
    private final BootEngine engine;
    private final FxEventPump pump;
    private final BootSessions sessions;
    private final AutoCloseable sessionsAttached;
    private final LogTap logTap;
    private final UiState uiState;
    /** Blocking work (engine start and stop, scans, copies): may run side by side. */
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bootbench-ui-work");
        t.setDaemon(true);
        return t;
    });
    /** Workspace writes, one after another in the order asked. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bootbench-ui-save");
        t.setDaemon(true);
        return t;
    });
    /** Non-null when settings.json could not be used; saving is then off so it is never overwritten. */
    private final String settingsProblem;
    private final boolean firstRun;
    private final java.nio.file.Path logFile;

    public AppContext(Path workspaceDir, boolean logToFile) {
        this.workspace = new Workspace(workspaceDir);
        this.logTap = LogSetup.install(logToFile ? workspace.file("logs") : null, 5000);
        this.logFile = logToFile ? workspace.file("logs").resolve("bootbench.log") : null;
        this.firstRun = !Files.exists(workspace.file("settings.json"));
        Settings s;
        String problem = null;
        try {
            s = workspace.loadSettings();
        } catch (WorkspaceException | IllegalArgumentException e) {
            problem = e.getMessage();
            log.error("settings: {}", problem);
            s = new Settings();
        }
        this.settingsProblem = problem;
        this.settings = s;
        if (firstRun) firstRunDefaults();
        UiState ui = null;
        try {
            ui = workspace.read("ui.json", UiState.class, UiState.SCHEMA_VERSION);
        } catch (WorkspaceException e) {
            log.warn("ui.json: {}", e.getMessage());
        }
        this.uiState = ui != null ? ui : new UiState();
        this.bus = new EventBus();
        this.setup = new dev.bootbench.publish.EngineSetup(workspace, settings, bus, javafx.application.Platform::runLater,
                () -> saveSettings().exceptionally(e -> {
                    log.error("could not save the settings: {}", e.getMessage());
                    return null;
                }));
        this.engine = setup.engine();
        this.sessions = new BootSessions(engine::macFor);
        this.sessionsAttached = sessions.attach(bus);
        sessions.addListener(new SessionLogger());
        engine.setSessionsView(sessions::snapshot);
        this.pump = new FxEventPump(bus);
        // the vendor table is read from a resource when first used: load it now, off the FX thread,
        // rather than when the first client shows up in the table
        background.execute(dev.bootbench.engine.net.Oui::size);
    }

    /** A new workspace: a served root inside it, and the first interface that is not the office network. */
    private void firstRunDefaults() {
        settings.root = workspace.file("root").toString();
        try {
            Files.createDirectories(workspace.file("root"));
        } catch (IOException e) {
            log.warn("cannot create {}: {}", settings.root, e.getMessage());
        }
        try {
            Path template = workspace.file("templates/boot.ipxe");
            if (!Files.exists(template)) {
                AtomicFiles.write(template, dev.bootbench.engine.http.TemplateBootScriptProvider.DEFAULT_TEMPLATE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            log.warn("cannot write the sample boot menu: {}", e.getMessage());
        }
        if (settings.iface == null) {
            for (NetIface n : NetIface.list()) {
                if (!n.loopback() && n.up() && n.address() != null && !n.carriesDefaultRoute()) {
                    settings.iface = n.name();
                    break;
                }
            }
        }
        if (settingsProblem == null) {
            try {
                workspace.saveSettings(settings);
                log.info("new workspace {}: settings with defaults, served root {}", workspace.dir(), settings.root);
            } catch (WorkspaceException e) {
                log.error("{}", e.getMessage());
            }
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public Settings settings() {
        return settings;
    }

    public EventBus bus() {
        return bus;
    }

    public BootEngine engine() {
        return engine;
    }

    /** The engine's setup: what decides each client's boot (published menu, next boots), from these settings. */
    public dev.bootbench.publish.EngineSetup setup() {
        return setup;
    }

    /** One boot session per client, folded from the engine's events (the clients view shows them). */
    public BootSessions sessions() {
        return sessions;
    }

    public FxEventPump pump() {
        return pump;
    }

    public LogTap logTap() {
        return logTap;
    }

    public UiState uiState() {
        return uiState;
    }

    /** The log file, or null when the log goes to the console only. */
    public java.nio.file.Path logFile() {
        return logFile;
    }

    public boolean firstRun() {
        return firstRun;
    }

    public String settingsProblem() {
        return settingsProblem;
    }

    /** Runs blocking work off the FX thread; the future completes there (callers use Platform-aware handlers). */
    public <T> CompletableFuture<T> background(Callable<T> work) {
        return run(background, work);
    }

    private static <T> CompletableFuture<T> run(ExecutorService exec, Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            exec.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("Bootbench is closing", e));
        }
        return f;
    }

    /**
     * Saves the settings: serialised now (on the caller's thread, the FX thread), written atomically in the background;
     * the engine reads them from now on (the boot decisions at once, a service at its next start).
     */
    public CompletableFuture<Void> saveSettings() {
        try {
            setup.refresh();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (settingsProblem != null) {
            return CompletableFuture.failedFuture(new WorkspaceException("settings are not saved: " + settingsProblem));
        }
        settings.schemaVersion = Settings.SCHEMA_VERSION;
        byte[] bytes;
        try {
            bytes = Workspace.JSON.writeValueAsBytes(settings);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Path target = workspace.file("settings.json");
        return run(writer, () -> {
            AtomicFiles.write(target, bytes);
            return null;
        });
    }

    public CompletableFuture<Void> saveUiState() {
        byte[] bytes;
        try {
            bytes = Workspace.JSON.writeValueAsBytes(uiState);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Path target = workspace.file("ui.json");
        return run(writer, () -> {
            AtomicFiles.write(target, bytes);
            return null;
        });
    }

    private final java.util.List<AutoCloseable> closing = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Closed with the context (watches and threads of the views). */
    public void onClose(AutoCloseable c) {
        closing.add(c);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", c, e.toString());
            }
        }
        pump.close();
        try {
            sessionsAttached.close();
        } catch (Exception ignored) {
            // unsubscribing does not fail
        }
        background.execute(setup::close);
        background.shutdown();
        writer.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
