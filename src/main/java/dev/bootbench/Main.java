package dev.bootbench;

import dev.bootbench.cli.Cli;
import dev.bootbench.engine.log.LogSetup;

/**
 * {@code java -jar bootbench.jar [command]}: a command runs headless; no command opens the desktop app.
 * This class must not touch JavaFX, so headless commands run on machines without it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--workspace")) {
            dev.bootbench.ui.DesktopLauncher.launch(args);
            return;
        }
        int rc = new Cli().run(args, System.out, System.err);
        flushLogs();
        System.exit(rc);
    }

    /** Log lines are written by a background thread: let it finish before the JVM goes. */
    static void flushLogs() {
        LogSetup.flushAndStop();
    }
}
