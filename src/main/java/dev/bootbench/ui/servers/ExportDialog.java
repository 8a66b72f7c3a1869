package dev.bootbench.ui.servers;

import dev.bootbench.ui.servers.ServersViewModel.ExportOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** What "Export for production" wrote (each file, relative to the folder), or why it wrote nothing. */
final class ExportDialog {
    private ExportDialog() {}

    static Dialog<ButtonType> show(Window owner, ExportOutcome o) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.NONE);
        d.setTitle("Export for production");
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.getDialogPane().setId("export-dialog");
        if (owner != null && owner.getScene() != null) d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        VBox body = new VBox(10);
        body.setPrefWidth(560);
        if (o.error() != null) {
            d.setHeaderText("Nothing written to " + o.folder());
            Label why = new Label(o.error());
            why.setId("export-error");
            why.getStyleClass().add("error-text");
            why.setWrapText(true);
            why.setMinHeight(Region.USE_PREF_SIZE);
            body.getChildren().add(why);
        } else {
            d.setHeaderText("Wrote " + o.files().size() + (o.files().size() == 1 ? " file" : " files") + " to " + o.folder());
            List<String> names = new ArrayList<>();
            for (Path p : o.files()) names.add(o.folder().toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/'));
            ListView<String> list = new ListView<>(FXCollections.observableArrayList(names));
            list.setId("export-files");
            list.getStyleClass().add("mono");
            list.setFixedCellSize(22);
            list.setPrefHeight(Math.min(330, 22 * names.size() + 4));
            Label next = new Label("README.md in the folder says where each file goes on the production servers and what to install.");
            next.getStyleClass().add("muted");
            next.setWrapText(true);
            next.setMinHeight(Region.USE_PREF_SIZE);
            body.getChildren().addAll(list, next);
        }
        d.getDialogPane().setContent(body);
        d.show();
        return d;
    }
}
