package dev.bootbench;

import dev.bootbench.cli.Cli;

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
        Cli cli = new Cli();
        int rc = cli.run(args, System.out, System.err);
        if (!args[0].equals("serve") || rc != 0) System.exit(rc);
    }
}
