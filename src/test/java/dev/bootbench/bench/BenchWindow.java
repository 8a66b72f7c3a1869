package dev.bootbench.bench;

import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.DesktopLauncher;
import dev.bootbench.ui.MainWindow;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The real main window on a workspace, started the way the app starts it, for the manual tools (screenshots, UI bench). */
record BenchWindow(AppContext ctx, MainWindow window) {
    /** Starts JavaFX, builds the app's context on {@code workspace} and shows the window, on {@code view} if not null. */
    static BenchWindow open(Path workspace, boolean logToFile, String view) throws InterruptedException {
        DesktopLauncher.renderSettings();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AppContext ctx = new AppContext(workspace, logToFile);
        MainWindow[] w = new MainWindow[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            w[0] = new MainWindow(ctx, stage);
            stage.show();
            if (view != null) w[0].show(view);
            shown.countDown();
        });
        shown.await();
        return new BenchWindow(ctx, w[0]);
    }
}
