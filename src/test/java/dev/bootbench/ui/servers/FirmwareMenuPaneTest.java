package dev.bootbench.ui.servers;

import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.ui.servers.FirmwareMenuViewModel.Target;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Servers view's PXE firmware menu pane: built item by item, previewed, linted, saved with the other settings. */
@ExtendWith(ApplicationExtension.class)
class FirmwareMenuPaneTest {
    private MainWindow window;
    private Path ws;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("\"dhcpMode\":\"PROXY\",\"iface\":\"\"");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private <T extends Node> T q(FxRobot robot, String id) {
        return robot.lookup(id).query();
    }

    private void open(FxRobot robot) {
        TitledPane pane = q(robot, "#pxe-menu");
        assertFalse(pane.isExpanded(), "folded by default");
        assertEquals("PXE firmware menu: off", pane.getText());
        robot.interact(() -> pane.setExpanded(true));
    }

    private void fire(FxRobot robot, String id) {
        Button b = q(robot, id);
        assertFalse(b.isDisabled(), id + " is disabled");
        robot.interact(b::fire);
    }

    private void type(FxRobot robot, String id, String text) {
        TextField f = q(robot, id);
        assertTrue(f.isVisible() && !f.isDisabled(), id + " cannot be typed into");
        robot.interact(() -> f.setText(text));
    }

    @SuppressWarnings("unchecked")
    private <T> void choose(FxRobot robot, String id, T value) {
        ComboBox<T> box = q(robot, id);
        assertTrue(box.getItems().contains(value), id + " does not offer " + value + ": " + box.getItems());
        robot.interact(() -> box.getSelectionModel().select(value));
    }

    /** The preview's lines as shown, top to bottom. */
    private String preview(FxRobot robot) {
        VBox box = q(robot, "#pxe-preview");
        List<String> lines = new java.util.ArrayList<>();
        labels(box, lines);
        return String.join("\n", lines);
    }

    private static void labels(javafx.scene.Parent p, List<String> out) {
        for (Node n : p.getChildrenUnmodifiable()) {
            if (!n.isVisible()) continue;
            if (n instanceof Label l) out.add(l.getText());
            else if (n instanceof javafx.scene.Parent q) labels(q, out);
        }
    }

    private List<String> findings(FxRobot robot) {
        VBox box = q(robot, "#pxe-findings");
        return box.getChildren().stream().filter(Node::isVisible).map(n -> ((Label) n).getText()).toList();
    }

    /** Two items (a boot program for BIOS, the local disk for UEFI x64), a prompt, a timeout, the default. */
    private void buildMenu(FxRobot robot) {
        open(robot);
        ToggleButton on = q(robot, "#pxe-menu-switch");
        assertFalse(on.isSelected());
        assertTrue(q(robot, "#pxe-add").isDisabled(), "nothing to edit while the menu is off");
        robot.interact(on::fire);
        fire(robot, "#pxe-add");
        choose(robot, "#pxe-item-system", "bios");
        type(robot, "#pxe-item-label", "Install Debian");
        choose(robot, "#pxe-item-target", Target.PROGRAM);
        type(robot, "#pxe-item-file", "undionly.kpxe");
        fire(robot, "#pxe-add");
        choose(robot, "#pxe-item-system", "bios");
        type(robot, "#pxe-item-label", "Boot from disk");
        choose(robot, "#pxe-item-target", Target.LOCAL);
        assertFalse(q(robot, "#pxe-item-file").isVisible(), "the local disk needs no boot program");
        type(robot, "#pxe-prompt", "F8 for the bench menu");
        type(robot, "#pxe-timeout", "5");
        choose(robot, "#pxe-default", "Boot from disk");
    }

    @Test
    void aMenuBuiltInThePaneIsSavedWithTheOtherSettingsAndServed(FxRobot robot) throws Exception {
        buildMenu(robot);
        assertEquals("PXE firmware menu: 2 items", ((TitledPane) q(robot, "#pxe-menu")).getText());
        assertEquals(List.of(), findings(robot));
        robot.interact(() -> ((Button) q(robot, "#save-settings")).fire());
        await("saved", () -> Files.readString(ws.resolve("settings.json")).contains("F8 for the bench menu"));
        Settings.PxeMenu m = new Workspace(ws).loadSettings().pxeMenu;
        assertEquals("F8 for the bench menu", m.prompt);
        assertEquals(5, m.timeout);
        assertEquals("Boot from disk", m.defaultItem);
        assertEquals(2, m.items.size());
        assertEquals("bios", m.items.get(0).system);
        assertEquals("Install Debian", m.items.get(0).label);
        assertEquals("undionly.kpxe", m.items.get(0).bootFile);
        assertNull(m.items.get(0).local);
        assertEquals("Boot from disk", m.items.get(1).label);
        assertEquals(Boolean.TRUE, m.items.get(1).local);
        assertNull(m.items.get(1).bootFile);
        // the engine answers with it: option 43 for BIOS clients carries it, the default first
        FirmwareMenu served = window.context().engine().boot().config().firmwareMenu();
        assertEquals(List.of("Boot from disk", "Install Debian"), served.itemsFor(Firmware.BIOS).stream().map(FirmwareMenu.Item::label).toList());
        assertEquals(5, served.timeoutSeconds());

        // switched off: the menu is gone from the settings and from the engine
        robot.interact(() -> ((ToggleButton) q(robot, "#pxe-menu-switch")).fire());
        robot.interact(() -> ((Button) q(robot, "#save-settings")).fire());
        await("off saved", () -> !Files.readString(ws.resolve("settings.json")).contains("pxeMenu"));
        assertNull(new Workspace(ws).loadSettings().pxeMenu);
        assertNull(window.context().engine().boot().config().firmwareMenu());
    }

    @Test
    void thePreviewShowsThePromptAndTheItemsAsTheFirmwarePrintsThem(FxRobot robot) {
        buildMenu(robot);
        choose(robot, "#pxe-preview-system", "bios");
        String bios = preview(robot);
        assertTrue(bios.startsWith("F8 for the bench menu (5)\n"), bios);
        assertTrue(bios.indexOf("Boot from disk") < bios.indexOf("Install Debian"), "the default first: " + bios);
        assertTrue(bios.contains("undionly.kpxe"), bios);
        // it follows the edits: the order, the timeout, a renamed default (the default follows its item)
        fire(robot, "#pxe-up");
        assertEquals(List.of("Boot from disk", "Install Debian"), window.servers().firmwareMenu().items().stream()
                .map(i -> i.labelProperty().get()).toList());
        fire(robot, "#pxe-down");
        assertEquals("Install Debian", window.servers().firmwareMenu().items().get(0).labelProperty().get());
        type(robot, "#pxe-timeout", "9");
        type(robot, "#pxe-item-label", "Local disk");
        assertEquals("Local disk", ((ComboBox<?>) q(robot, "#pxe-default")).getValue());
        await("new timeout shown", () -> preview(robot).startsWith("F8 for the bench menu (9)"));
        String renamed = preview(robot);
        assertTrue(renamed.contains("Local disk") && !renamed.contains("Boot from disk"), renamed);
        assertTrue(renamed.indexOf("Local disk") < renamed.indexOf("Install Debian"), "still the default: " + renamed);
        fire(robot, "#pxe-remove");
        assertEquals(1, window.servers().firmwareMenu().items().size());
        assertEquals("", ((ComboBox<?>) q(robot, "#pxe-default")).getValue(), "the default went with its item");
        assertTrue(preview(robot).contains("Install Debian"), preview(robot));
        choose(robot, "#pxe-preview-system", "x64");
        assertTrue(preview(robot).contains("UEFI x64 clients are not offered the firmware menu"), preview(robot));
    }

    @Test
    void anItemWithoutABootProgramShowsItsFindingAndIsNotSaved(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> ((ToggleButton) q(robot, "#pxe-menu-switch")).fire());
        assertTrue(findings(robot).stream().anyMatch(f -> f.contains("no items")), findings(robot).toString());
        fire(robot, "#pxe-add");
        type(robot, "#pxe-item-label", "Installer");
        assertTrue(findings(robot).stream().anyMatch(f -> f.startsWith("✖") && f.contains("'Installer' has no boot program")), findings(robot).toString());
        assertTrue(preview(robot).startsWith("No preview"), preview(robot));
        robot.interact(() -> ((Button) q(robot, "#save-settings")).fire());
        Label msg = q(robot, "#servers-message");
        assertTrue(msg.getText().contains("PXE firmware menu: item 1 'Installer' has no boot program"), msg.getText());
        assertNull(window.context().settings().pxeMenu, "nothing applied");
        // a program that is not in the served folder is a warning: saved, but said
        type(robot, "#pxe-item-file", "debian/pxelinux.0");
        assertTrue(findings(robot).stream().anyMatch(f -> f.startsWith("⚠") && f.contains("debian/pxelinux.0 is not in the served folder")),
                findings(robot).toString());
        type(robot, "#pxe-item-file", "undionly.kpxe");
        assertEquals(List.of(), findings(robot));
        assertTrue(preview(robot).contains("Installer"), preview(robot));
    }
}
