package dev.bootbench.ui;

import javafx.application.Application;

/** Starts the desktop app. Kept apart from {@code dev.bootbench.Main} so headless commands never load JavaFX. */
public final class DesktopLauncher {
    private DesktopLauncher() {}

    public static void launch(String[] args) {
        Application.launch(BootbenchApp.class, args);
    }
}
