package dev.bootbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DesktopLauncherTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(DesktopLauncher.REGION_CACHING);
    }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(DesktopLauncher.REGION_CACHING);
        else System.setProperty(DesktopLauncher.REGION_CACHING, saved);
    }

    @Test
    void regionBackgroundsArePaintedDirectlyUnlessTheUserSaidOtherwise() {
        System.clearProperty(DesktopLauncher.REGION_CACHING);
        DesktopLauncher.renderSettings();
        assertEquals("true", System.getProperty(DesktopLauncher.REGION_CACHING));

        System.setProperty(DesktopLauncher.REGION_CACHING, "false");
        DesktopLauncher.renderSettings();
        assertEquals("false", System.getProperty(DesktopLauncher.REGION_CACHING), "a -D on the command line wins");
    }
}
