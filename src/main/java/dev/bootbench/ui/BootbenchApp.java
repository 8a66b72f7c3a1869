package dev.bootbench.ui;

import dev.bootbench.engine.log.LogSetup;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop application: {@code --workspace DIR} (or {@code --workspace=DIR}) picks the workspace; default the per-user one. */
public final class BootbenchApp extends Application {
    private AppContext ctx;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        ctx = new AppContext(workspaceDir(getParameters().getRaw()), true);
        window = new MainWindow(ctx, stage);
        stage.show();
    }

    static Path workspaceDir(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--workspace=")) return Path.of(a.substring("--workspace=".length()));
            if (a.equals("--workspace") && i + 1 < args.size()) return Path.of(args.get(i + 1));
        }
        return Workspace.defaultDir();
    }

    @Override
    public void stop() {
        if (window != null) window.rememberLayout().exceptionally(e -> null).join();
        if (ctx != null) ctx.close();
        LogSetup.flushAndStop(); // the servers' last lines, still in the log's writer, reach the file and the console
    }
}
