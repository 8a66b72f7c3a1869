package dev.bootbench.ui.servers;

import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** "Export for production…" in the Servers view: the folder (as the chooser would give it) gets the configurations and the tree. */
@ExtendWith(ApplicationExtension.class)
class ExportForProductionTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path ws = UiTestSupport.workspace("\"dhcpMode\":\"FULL\",\"iface\":\"\"");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    @Test
    void theExportWritesTheConfigurationsAndTheTreeAndTheDialogListsThem(FxRobot robot) throws Exception {
        ServersViewModel servers = window.servers();
        assertTrue(robot.lookup("#export-production").tryQuery().isPresent(), "the button is in the view");
        await("interfaces listed", () -> servers.interfaces().stream().anyMatch(n -> n.name().equals("lo")));
        robot.interact(() -> servers.interfaces().stream().filter(n -> n.name().equals("lo")).findFirst().ifPresent(servers.ifaceProperty()::set));
        robot.interact(() -> servers.rangeProperty().set("127.0.0.100-127.0.0.199"));
        Path out = UiTestSupport.tempDir("bootbench-export-ui").resolve("production");
        robot.interact(() -> servers.exportTo(out));
        await("the dialog", () -> robot.lookup("#export-files").tryQuery().isPresent());
        ListView<String> files = robot.lookup("#export-files").query();
        List<String> listed = List.copyOf(files.getItems());
        assertTrue(listed.contains("dnsmasq.conf"), listed.toString());
        assertTrue(listed.contains("nginx.conf"), listed.toString());
        assertTrue(listed.contains("root/undionly.kpxe"), listed.toString());
        assertTrue(listed.contains("root/images/vmlinuz"), listed.toString());
        for (String f : listed) assertTrue(Files.isRegularFile(out.resolve(f)), f + " listed but not written");
        String dnsmasq = Files.readString(out.resolve("dnsmasq.conf"));
        assertTrue(dnsmasq.contains("127.0.0.100"), dnsmasq);
        assertEquals(70_000, Files.size(out.resolve("root/undionly.kpxe")));

        // the same folder again: written again, and said again
        robot.interact(() -> files.getScene().getWindow().hide());
        await("closed", () -> robot.lookup("#export-files").tryQuery().isEmpty());
        robot.interact(() -> servers.exportTo(out));
        await("the dialog again", () -> robot.lookup("#export-files").tryQuery().isPresent());
    }

    @Test
    void anExportThatCannotBeMadeSaysWhatToSetInThisView(FxRobot robot) throws Exception {
        Path out = UiTestSupport.tempDir("bootbench-export-ui").resolve("production");
        robot.interact(() -> window.servers().exportTo(out));
        await("the dialog", () -> robot.lookup("#export-error").tryQuery().isPresent());
        String error = ((Label) robot.lookup("#export-error").query()).getText();
        assertTrue(error.contains("choose the bench interface at the top of this view"), error);
        assertTrue(!error.contains("--iface"), "no command-line option in the view: " + error);
        assertTrue(!Files.exists(out.resolve("dnsmasq.conf")));
    }
}
