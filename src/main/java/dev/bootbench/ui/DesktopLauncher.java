package dev.bootbench.ui;

import javafx.application.Application;

/** Starts the desktop app. Kept apart from {@code dev.bootbench.Main} so headless commands never load JavaFX. */
public final class DesktopLauncher {
    /** The JavaFX setting {@link #renderSettings()} turns on, unless the user set it. */
    static final String REGION_CACHING = "prism.disableRegionCaching";

    private DesktopLauncher() {}

    public static void launch(String[] args) {
        renderSettings();
        Application.launch(BootbenchApp.class, args);
    }

    /**
     * Rendering settings, to be made before JavaFX starts (it reads them once).
     *
     * <p>Region backgrounds are painted directly, not from cached images. JavaFX draws a region with
     * several background fills (every table row and cell of the default theme has two: its border
     * colour and, inset, its colour) from an image it caches, stretched into place. On a GPU that is
     * one cheap texture draw; on the software renderer, which JavaFX falls back to where the GPU
     * check fails (virtual machines, remote desktops, Xvfb), stretching the image costs every pixel
     * a filtered image read, and that was most of the painting: without the cache the render thread's
     * longest frame in the 200-client replay is much shorter (figures: src/bench/README.md). Painting the
     * fills directly is cheap on a GPU too (rectangles). {@code -Dprism.disableRegionCaching=false}
     * keeps the cache.
     */
    public static void renderSettings() {
        if (System.getProperty(REGION_CACHING) == null) System.setProperty(REGION_CACHING, "true");
    }
}
