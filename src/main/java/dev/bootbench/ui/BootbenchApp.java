package dev.bootbench.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application. */
public final class BootbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Bootbench");
        stage.setScene(new Scene(new Label("Bootbench"), 900, 600));
        stage.show();
    }
}
