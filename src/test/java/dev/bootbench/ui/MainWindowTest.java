package dev.bootbench.ui;

import dev.bootbench.engine.DhcpMode;
import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;
    private Path ws;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private boolean showing(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false);
    }

    @Test
    void navigatesWithTheSidebarAndTheKeyboard(FxRobot robot) {
        assertEquals("servers", window.currentView());
        robot.clickOn("#nav-clients");
        assertEquals("clients", window.currentView());
        assertTrue(showing(robot, "#clients-table"));
        robot.clickOn("#nav-files");
        assertTrue(showing(robot, "#files-tree"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        assertEquals("log", window.currentView());
        assertTrue(showing(robot, "#log-list"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertEquals("menus", window.currentView());
        assertTrue(showing(robot, "#menu-tree")); // the menu editor (branch editor) in the Menus slot
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        assertEquals("servers", window.currentView());
        assertFalse(showing(robot, "#log-list"));
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        assertEquals("log", window.currentView());
    }

    /** Tab goes round the view's own fields, never into the sidebar (#24). */
    @Test
    void tabStaysInTheView(FxRobot robot) {
        robot.interact(() -> {
            window.show("servers");
            window.root().lookup("#iface-picker").requestFocus();
        });
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            robot.type(KeyCode.TAB);
            javafx.scene.Node f = fx(() -> window.root().getScene().getFocusOwner());
            String id = f == null ? "none" : String.valueOf(f.getId());
            seen.add(id);
            assertFalse(id.startsWith("nav-") || id.equals("theme-toggle"), "Tab went to the sidebar: " + id + " after " + seen);
        }
        assertTrue(seen.size() > 3, "Tab moves through the view's fields: " + seen);
    }

    @Test
    void switchesThemes(FxRobot robot) {
        assertFalse(window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        robot.clickOn("#theme-toggle");
        assertTrue(window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        assertFalse(window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
    }

    @Test
    void remembersSizeViewAndThemeInTheWorkspace(FxRobot robot) throws Exception {
        robot.clickOn("#nav-log");
        robot.clickOn("#theme-toggle");
        robot.interact(() -> {
            Stage s = (Stage) window.scene().getWindow();
            s.setWidth(1111);
            s.setHeight(777);
        });
        fx(() -> window.rememberLayout()).get();
        UiState saved = new Workspace(ws).read("ui.json", UiState.class, UiState.SCHEMA_VERSION);
        assertEquals(1111, saved.width, 1);
        assertEquals(777, saved.height, 1);
        assertEquals("log", saved.view);
        assertEquals("dark", saved.theme);
        // a new window on the same workspace comes back the same way
        AppContext again = new AppContext(ws, false);
        assertEquals(1111, again.uiState().width, 1);
        assertEquals("log", again.uiState().view);
    }

    @Test
    void notificationsShowInTheWindowAtMostThreeAndGoWhenClicked(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 1; i <= 4; i++) window.notify(i == 4 ? "Client failed" : "Client booting", "client " + i, i == 4);
        });
        assertEquals(java.util.List.of("Client booting: client 2", "Client booting: client 3", "Client failed: client 4"), fx(window::notifications));
        javafx.scene.Node failed = robot.lookup(".toast-problem").query();
        assertTrue(fx(() -> failed.getScene() == window.scene() && failed.isVisible()), "in the main window's scene, not a window of its own");
        assertEquals(1, robot.lookup(".toast-problem").queryAll().size(), "only the failure looks like one");
        robot.clickOn(failed);
        assertEquals(java.util.List.of("Client booting: client 2", "Client booting: client 3"), fx(window::notifications));
        robot.clickOn("#nav-clients"); // the notifications do not cover the window: its controls still take clicks
        assertEquals("clients", window.currentView());
    }

    @Test
    void statusBarCountsServicesAndClients(FxRobot robot) {
        window.root().getScene();
        window.servers(); // the view models are there
        await("status bar", () -> ((Label) robot.lookup("#status-services").query()).getText().contains("0 of 3"));
        assertTrue(((Label) robot.lookup("#status-clients").query()).getText().contains("0 clients"));
        window.context().bus().publish(new dev.bootbench.engine.dhcp.DhcpEvent(java.time.Instant.now(), "eth1",
                dev.bootbench.engine.net.MacAddress.parse("52:54:00:12:34:56"), 1, dev.bootbench.engine.dhcp.DhcpMessageType.DISCOVER,
                dev.bootbench.engine.dhcp.DhcpMessageType.OFFER, dev.bootbench.engine.dhcp.Firmware.BIOS, "PXEClient:Arch:00000:UNDI:002001",
                null, null, dev.bootbench.engine.net.Ipv4.parse("10.77.0.100"), "undionly.kpxe", false, null));
        await("one client", () -> ((Label) robot.lookup("#status-clients").query()).getText().endsWith(" 1 client"));
    }

    @Test
    void aFirstRunCreatesAWorkspaceWithDefaults(@TempDir Path tmp) throws Exception {
        Path fresh = tmp.resolve("ws");
        try (AppContext ctx = new AppContext(fresh, false)) {
            assertTrue(ctx.firstRun());
            assertTrue(Files.isRegularFile(fresh.resolve("settings.json")));
            assertTrue(Files.isDirectory(fresh.resolve("root")));
            assertEquals(fresh.resolve("root").toString(), new Workspace(fresh).loadSettings().root);
        }
    }

    @Test
    void brokenSettingsAreMovedAsideNotACrash(@TempDir Path broken) throws Exception {
        Files.writeString(broken.resolve("settings.json"), "{ this is not json");
        try (AppContext ctx = new AppContext(broken, false)) {
            assertEquals(dev.bootbench.engine.DhcpMode.FULL, ctx.settings().dhcpMode);
            try (var s = Files.list(broken)) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("settings.json.broken-")));
            }
        }
    }
}
