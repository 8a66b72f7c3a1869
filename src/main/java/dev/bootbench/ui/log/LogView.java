package dev.bootbench.ui.log;

import dev.bootbench.engine.log.LogTap;
import dev.bootbench.ui.Widgets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The live log, filterable by level, service and client. */
public final class LogView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private final LogViewModel vm;
    private final VBox root = new VBox(10);
    private final ListView<LogTap.Entry> list = new ListView<>();
    private final TextField search = new TextField();

    public LogView(LogViewModel vm, String logFile) {
        this.vm = vm;
        root.setId("log-view");
        root.getStyleClass().add("view");
        root.setPadding(new Insets(14));

        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList(LogViewModel.LEVELS));
        level.setId("log-level");
        level.valueProperty().bindBidirectional(vm.levelProperty());
        ChoiceBox<String> service = new ChoiceBox<>(FXCollections.observableArrayList(LogViewModel.SERVICES));
        service.setId("log-service");
        service.valueProperty().bindBidirectional(vm.serviceProperty());
        search.setId("log-search");
        search.setPromptText("MAC or text");
        search.textProperty().bindBidirectional(vm.textProperty());
        search.setPrefColumnCount(22);
        CheckBox follow = new CheckBox("Follow");
        follow.selectedProperty().bindBidirectional(vm.followProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.lines().clear());
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.visible().size() + " of " + vm.lines().size() + " lines", vm.visible(), vm.lines()));
        HBox bar = new HBox(10, label("Level ≥"), level, label("Service"), service, search, follow, Widgets.hgrow(), count, clear);
        bar.setAlignment(Pos.CENTER_LEFT);

        list.setId("log-list");
        list.setItems(vm.visible());
        list.getStyleClass().add("mono");
        list.setPlaceholder(new Label("Nothing logged yet (or nothing matches the filter)."));
        list.setCellFactory(l -> new ListCell<>() {
            private String cls;
            @Override
            protected void updateItem(LogTap.Entry e, boolean empty) {
                super.updateItem(e, empty);
                String want = empty || e == null ? null : switch (e.level()) {
                    case "ERROR" -> "log-error";
                    case "WARN" -> "log-warn";
                    case "DEBUG", "TRACE" -> "log-debug";
                    default -> null;
                };
                if (!java.util.Objects.equals(want, cls)) { // style class changes re-run CSS: only when needed
                    if (cls != null) getStyleClass().remove(cls);
                    if (want != null) getStyleClass().add(want);
                    cls = want;
                }
                setText(empty || e == null ? null : TIME.format(e.time()) + "  " + String.format("%-5s %-9s ", e.level(), e.service()) + e.message());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label file = new Label(logFile == null ? "" : "Also written to " + logFile);
        file.getStyleClass().add("muted");
        root.getChildren().addAll(bar, list, file);
    }

    /** Drains new lines and keeps the newest in view when following. Called on each pump tick. */
    public void tick() {
        if (vm.drain() > 0 && vm.followProperty().get() && !vm.visible().isEmpty()) list.scrollTo(vm.visible().size() - 1);
    }

    public VBox node() {
        return root;
    }

    public void focusSearch() {
        search.requestFocus();
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("form-label");
        return l;
    }
}
