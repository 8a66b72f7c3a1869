package dev.bootbench.ui;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A failure's notification stays until it is dismissed; the others fade, and they are the first to make room. */
@ExtendWith(ApplicationExtension.class)
class ToastsTest {
    private Toasts toasts;

    @Start
    void start(Stage stage) {
        toasts = new Toasts(Duration.millis(300));
        stage.setScene(new Scene(new StackPane(toasts.layer()), 800, 600));
        stage.show();
    }

    @Test
    void aFailureStaysUntilDismissedWhileTheOthersFade(FxRobot robot) {
        robot.interact(() -> {
            toasts.show("Client failed", "a", true);
            toasts.show("Client booting", "b", false);
        });
        await("the booting notice faded", () -> toasts.shown().equals(List.of("Client failed: a")));
        robot.clickOn(".toast-problem");
        assertEquals(List.of(), fx(toasts::shown), "dismissed by a click");
    }

    @Test
    void whenFullTheOldestNoticeThatIsNoProblemMakesRoom(FxRobot robot) {
        robot.interact(() -> {
            toasts.show("Client failed", "1", true);
            toasts.show("Client booting", "2", false);
            toasts.show("Client failed", "3", true);
            toasts.show("Client failed", "4", true);
        });
        assertEquals(List.of("Client failed: 1", "Client failed: 3", "Client failed: 4"), fx(toasts::shown));
        robot.interact(() -> toasts.show("Client failed", "5", true));
        assertEquals(List.of("Client failed: 3", "Client failed: 4", "Client failed: 5"), fx(toasts::shown), "all problems: the oldest goes");
    }
}
