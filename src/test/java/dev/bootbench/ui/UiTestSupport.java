package dev.bootbench.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real main window on a fresh workspace for TestFX tests. */
public final class UiTestSupport {
    private UiTestSupport() {}

    /** Folders made by {@link #tempDir}: removed when the test JVM exits (the windows' writers are done by then). */
    private static final List<Path> TEMP = new CopyOnWriteArrayList<>();

    static {
        System.setProperty("bootbench.noNotifications", "true");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMP.forEach(UiTestSupport::deleteTree), "ui-test-cleanup"));
    }

    /**
     * A new temporary folder, removed with everything in it when the test JVM exits. The UI tests' windows
     * keep writing to their workspaces until they close, after the test method, so the tests cannot
     * remove them themselves.
     */
    public static Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        TEMP.add(dir);
        return dir;
    }

    /** Removes {@code dir} and everything in it, as far as it can; false if some of it stays. */
    public static boolean deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a folder that cannot be walked stays
        }
        return !Files.exists(dir);
    }

    /** A workspace with a served root holding a few files and the given settings JSON fields (may be empty). */
    public static Path workspace(String settingsFields) throws IOException {
        Path ws = tempDir("bootbench-ui-test");
        Path root = ws.resolve("root");
        Files.createDirectories(root.resolve("images"));
        Files.write(root.resolve("undionly.kpxe"), new byte[70_000]);
        Files.write(root.resolve("images/vmlinuz"), new byte[300_000]);
        String json = "{\"schemaVersion\":1,\"root\":\"" + root.toString().replace("\\", "\\\\") + "\"" + (settingsFields.isEmpty() ? "" : "," + settingsFields) + "}";
        Files.writeString(ws.resolve("settings.json"), json);
        return ws;
    }

    public static MainWindow open(Stage stage, Path ws) {
        AppContext ctx = new AppContext(ws, false);
        MainWindow w = new MainWindow(ctx, stage);
        stage.show();
        return w;
    }

    /** Waits (up to 20 s) until the condition holds, checking it on the FX thread. */
    public static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }

    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
