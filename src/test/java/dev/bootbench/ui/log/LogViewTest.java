package dev.bootbench.ui.log;

import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.log.LogTap;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class LogViewTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = UiTestSupport.open(stage, UiTestSupport.workspace(""));
        window.show("log");
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filtersByLevelServiceAndClient(FxRobot robot) {
        LoggerFactory.getLogger("dhcp").info("DISCOVER from 52:54:00:12:34:56 → OFFER 10.77.0.100");
        LoggerFactory.getLogger("tftp").warn("RRQ pxelinux.cfg/default from 10.77.0.100 (52:54:00:12:34:56): not found");
        LoggerFactory.getLogger("http").error("GET /vmlinuz from 10.77.0.101 (08:00:27:aa:bb:cc): connection reset");
        LoggerFactory.getLogger("dhcp").info("DISCOVER from 08:00:27:aa:bb:cc → OFFER 10.77.0.101");
        ListView<LogTap.Entry> list = robot.lookup("#log-list").query();
        await("four lines", () -> list.getItems().stream().filter(e -> e.message().contains("10.77.0.10")).count() == 4);

        ChoiceBox<String> level = robot.lookup("#log-level").query();
        robot.interact(() -> level.setValue("WARN"));
        assertTrue(list.getItems().stream().allMatch(e -> e.level().equals("WARN") || e.level().equals("ERROR")));
        assertEquals(2, list.getItems().stream().filter(e -> e.message().contains("10.77.0.10")).count());

        ChoiceBox<String> service = robot.lookup("#log-service").query();
        robot.interact(() -> service.setValue("tftp"));
        assertEquals(1, list.getItems().size());
        assertTrue(list.getItems().get(0).message().contains("pxelinux.cfg"));

        robot.interact(() -> {
            level.setValue("INFO");
            service.setValue("all");
        });
        TextField search = robot.lookup("#log-search").query();
        robot.clickOn(search).write("08-00-27-AA-BB-CC");
        assertEquals(2, list.getItems().size());
        assertTrue(list.getItems().stream().allMatch(e -> "08:00:27:aa:bb:cc".equals(e.mac())));
    }
}
