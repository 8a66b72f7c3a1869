package dev.bootbench.ui.servers;

import dev.bootbench.engine.boot.FirmwareMenuPreview;
import dev.bootbench.menu.Finding;
import dev.bootbench.ui.servers.FirmwareMenuViewModel.Item;
import dev.bootbench.ui.servers.FirmwareMenuViewModel.Target;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/**
 * The PXE firmware menu of the Servers view: a switch, the items (system, label, what each boots) with the selected
 * one's fields below, the prompt, timeout and default; beneath, what the firmware of a chosen system prints and the
 * findings, both following every edit. Saved with the other settings ("Save settings").
 */
public final class FirmwareMenuPane {
    private final FirmwareMenuViewModel vm;
    private final TitledPane pane;
    private final TableView<Item> table = new TableView<>();
    /** Unties the form below the table from the item it shows. */
    private final List<Runnable> unbind = new ArrayList<>();

    public FirmwareMenuPane(FirmwareMenuViewModel vm) {
        this.vm = vm;
        ToggleButton on = new ToggleButton();
        on.setId("pxe-menu-switch");
        on.getStyleClass().add("switch");
        on.setMinWidth(Region.USE_PREF_SIZE);
        on.selectedProperty().bindBidirectional(vm.enabledProperty());
        on.textProperty().bind(Bindings.when(vm.enabledProperty()).then("ON").otherwise("OFF"));
        Label help = muted("The firmware's own menu (PXE option 43), shown before any boot program loads: e.g. install or "
                + "boot the local disk, or a WDS server elsewhere. Off: each firmware gets its boot program at once.");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(help, Priority.ALWAYS);
        HBox head = new HBox(10, on, help);
        head.setAlignment(Pos.CENTER_LEFT);

        VBox editor = new VBox(8, itemsTable(), itemButtons(), itemForm(), menuForm());
        editor.disableProperty().bind(vm.enabledProperty().not());

        VBox body = new VBox(10, head, editor, previewBox(), findingsBox());
        pane = new TitledPane(null, body);
        pane.setId("pxe-menu");
        pane.textProperty().bind(Bindings.createStringBinding(() -> "PXE firmware menu: " + (vm.enabledProperty().get()
                ? vm.items().size() + (vm.items().size() == 1 ? " item" : " items") : "off"), vm.enabledProperty(), vm.items()));
        pane.setExpanded(false);
        pane.setAnimated(false);
    }

    public TitledPane node() {
        return pane;
    }

    private Node itemsTable() {
        table.setId("pxe-items");
        table.setItems(vm.items());
        table.setPlaceholder(muted("No items: add one."));
        // every item in sight up to eight, then a scroll bar
        table.setFixedCellSize(27);
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> 30 + 27.0 * Math.max(2, Math.min(8, vm.items().size())) + 2, vm.items()));
        table.minHeightProperty().bind(table.prefHeightProperty());
        TableColumn<Item, String> system = new TableColumn<>("System");
        system.setCellValueFactory(c -> Bindings.createStringBinding(() -> FirmwareMenuViewModel.systemLabel(c.getValue().systemProperty().get()),
                c.getValue().systemProperty()));
        system.setPrefWidth(82);
        TableColumn<Item, String> label = new TableColumn<>("Label");
        label.setCellValueFactory(c -> c.getValue().labelProperty());
        label.setPrefWidth(205);
        TableColumn<Item, String> target = new TableColumn<>("Boots");
        target.setCellValueFactory(c -> Bindings.createStringBinding(c.getValue()::targetText, observables(c.getValue())));
        target.setPrefWidth(190);
        table.getColumns().add(system);
        table.getColumns().add(label);
        table.getColumns().add(target);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> bind(b));
        return table;
    }

    private static javafx.beans.Observable[] observables(Item i) {
        return new javafx.beans.Observable[] {i.targetProperty(), i.bootFileProperty(), i.serverProperty(), i.typeProperty()};
    }

    private Node itemButtons() {
        Button add = new Button("Add");
        add.setId("pxe-add");
        add.setOnAction(e -> {
            Item it = vm.add(table.getSelectionModel().getSelectedIndex());
            table.getSelectionModel().select(it);
        });
        Button remove = new Button("Remove");
        remove.setId("pxe-remove");
        remove.setOnAction(e -> {
            int i = table.getSelectionModel().getSelectedIndex();
            vm.remove(i);
            if (!vm.items().isEmpty()) table.getSelectionModel().select(Math.min(i, vm.items().size() - 1));
        });
        Button up = new Button("▲");
        up.setId("pxe-up");
        up.setTooltip(new Tooltip("Move the item up (the menu shows the items in this order, the default first)"));
        up.setOnAction(e -> table.getSelectionModel().select(vm.move(table.getSelectionModel().getSelectedIndex(), -1)));
        Button down = new Button("▼");
        down.setId("pxe-down");
        down.setTooltip(new Tooltip("Move the item down"));
        down.setOnAction(e -> table.getSelectionModel().select(vm.move(table.getSelectionModel().getSelectedIndex(), 1)));
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        remove.disableProperty().bind(none);
        up.disableProperty().bind(none.or(table.getSelectionModel().selectedIndexProperty().isEqualTo(0)));
        down.disableProperty().bind(none.or(Bindings.createBooleanBinding(
                () -> table.getSelectionModel().getSelectedIndex() >= vm.items().size() - 1, table.getSelectionModel().selectedIndexProperty(), vm.items())));
        HBox row = new HBox(8, add, remove, up, down);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private ComboBox<String> itemSystem;
    private TextField itemLabel, itemFile, itemServer, itemType;
    private ComboBox<Target> itemTarget;

    private Node itemForm() {
        itemSystem = systemPicker("pxe-item-system");
        itemLabel = field("pxe-item-label", "what the firmware lists, e.g. Install Debian");
        itemTarget = new ComboBox<>(FXCollections.observableArrayList(Target.values()));
        itemTarget.setId("pxe-item-target");
        itemTarget.setMaxWidth(Double.MAX_VALUE);
        Callback<ListView<Target>, ListCell<Target>> cells = l -> new ListCell<>() {
            @Override
            protected void updateItem(Target t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.label());
            }
        };
        itemTarget.setCellFactory(cells);
        itemTarget.setButtonCell(cells.call(null));
        itemFile = field("pxe-item-file", "a file of the served folder, e.g. undionly.kpxe");
        itemServer = field("pxe-item-server", "IPv4 address, e.g. 10.77.0.5");
        itemType = field("pxe-item-type", "type (optional)");
        itemType.setPrefColumnCount(7);
        itemType.setTooltip(new Tooltip("The PXE boot server type that server answers to (e.g. 0x8001); empty: one is given"));
        HBox serverRow = new HBox(8, itemServer, itemType);
        HBox.setHgrow(itemServer, Priority.ALWAYS);

        GridPane g = form();
        g.addRow(0, label("System"), itemSystem);
        g.addRow(1, label("Label"), itemLabel);
        g.addRow(2, label("Boots"), itemTarget);
        // one row: the boot program, or the other server (the local disk needs neither)
        Label whereLabel = label("");
        whereLabel.textProperty().bind(Bindings.createStringBinding(() -> itemTarget.getValue() == Target.SERVER ? "Boot server" : "Boot program",
                itemTarget.valueProperty()));
        javafx.scene.layout.StackPane where = new javafx.scene.layout.StackPane(itemFile, serverRow);
        itemFile.visibleProperty().bind(itemTarget.valueProperty().isEqualTo(Target.PROGRAM));
        serverRow.visibleProperty().bind(itemTarget.valueProperty().isEqualTo(Target.SERVER));
        g.addRow(3, whereLabel, where);
        for (Node n : List.of(whereLabel, where)) {
            n.visibleProperty().bind(itemTarget.valueProperty().isNotEqualTo(Target.LOCAL).and(itemTarget.valueProperty().isNotNull()));
            n.managedProperty().bind(n.visibleProperty());
        }
        g.setId("pxe-item-form");
        g.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Label title = section("Selected item");
        return new VBox(6, title, g);
    }

    /** Ties the form's fields to one item (null: empties them). */
    private void bind(Item it) {
        unbind.forEach(Runnable::run);
        unbind.clear();
        if (it == null) {
            itemLabel.setText("");
            itemFile.setText("");
            itemServer.setText("");
            itemType.setText("");
            itemSystem.setValue(null);
            itemTarget.setValue(null);
            return;
        }
        if (!itemSystem.getItems().contains(it.systemProperty().get())) itemSystem.getItems().add(it.systemProperty().get());
        itemSystem.valueProperty().bindBidirectional(it.systemProperty());
        itemTarget.valueProperty().bindBidirectional(it.targetProperty());
        itemLabel.textProperty().bindBidirectional(it.labelProperty());
        itemFile.textProperty().bindBidirectional(it.bootFileProperty());
        itemServer.textProperty().bindBidirectional(it.serverProperty());
        itemType.textProperty().bindBidirectional(it.typeProperty());
        ChangeListener<String> renamed = (o, a, b) -> vm.renamed(a, b);
        it.labelProperty().addListener(renamed);
        unbind.add(() -> {
            itemSystem.valueProperty().unbindBidirectional(it.systemProperty());
            itemTarget.valueProperty().unbindBidirectional(it.targetProperty());
            itemLabel.textProperty().unbindBidirectional(it.labelProperty());
            itemFile.textProperty().unbindBidirectional(it.bootFileProperty());
            itemServer.textProperty().unbindBidirectional(it.serverProperty());
            itemType.textProperty().unbindBidirectional(it.typeProperty());
            it.labelProperty().removeListener(renamed);
        });
    }

    private Node menuForm() {
        TextField prompt = field("pxe-prompt", "empty: Press F8 for the boot menu");
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        TextField timeout = field("pxe-timeout", "10");
        timeout.setPrefColumnCount(4);
        timeout.setMaxWidth(Region.USE_PREF_SIZE);
        timeout.textProperty().bindBidirectional(vm.timeoutProperty());
        Label secs = muted("seconds (0: the default at once, 255: wait for a choice)");
        secs.setWrapText(true);
        HBox timeoutRow = new HBox(8, timeout, secs);
        timeoutRow.setAlignment(Pos.CENTER_LEFT);

        // the default's choices: the first item of each system, then the labels
        ObservableList<String> choices = FXCollections.observableArrayList("");
        ComboBox<String> def = new ComboBox<>(choices);
        def.setId("pxe-default");
        def.setMaxWidth(Double.MAX_VALUE);
        Callback<ListView<String>, ListCell<String>> cells = l -> new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.isEmpty() ? "The first item of each system" : s);
            }
        };
        def.setCellFactory(cells);
        def.setButtonCell(cells.call(null));
        boolean[] syncing = {false};
        Runnable fill = () -> {
            syncing[0] = true;
            List<String> c = new ArrayList<>();
            c.add("");
            c.addAll(vm.labels());
            String want = vm.defaultItemProperty().get();
            if (want != null && !want.isEmpty() && !c.contains(want)) c.add(want);
            if (!c.equals(choices)) choices.setAll(c);
            def.setValue(want == null ? "" : want);
            syncing[0] = false;
        };
        vm.labels().addListener((ListChangeListener<String>) ch -> fill.run());
        vm.defaultItemProperty().addListener((o, a, b) -> fill.run());
        def.valueProperty().addListener((o, a, b) -> {
            if (!syncing[0] && b != null) vm.defaultItemProperty().set(b);
        });
        fill.run();

        GridPane g = form();
        g.addRow(0, label("Prompt"), prompt);
        g.addRow(1, label("Timeout"), timeoutRow);
        g.addRow(2, label("Default"), def);
        return new VBox(6, section("The menu"), g);
    }

    private Node previewBox() {
        ComboBox<String> system = systemPicker("pxe-preview-system");
        system.valueProperty().bindBidirectional(vm.previewSystemProperty());
        system.setMaxWidth(Region.USE_PREF_SIZE);
        Label title = section("What the firmware shows");
        HBox head = new HBox(10, title, dev.bootbench.ui.Widgets.hgrow(), muted("for"), system);
        head.setAlignment(Pos.CENTER_LEFT);
        // the firmware's lines in a monospaced box (the prompt with its countdown, the items in the order sent); where
        // each item leads beside it, wrapped, and what happens without a key beneath
        VBox box = new VBox(4);
        box.setId("pxe-preview");
        box.getStyleClass().add("pxe-preview");
        Runnable fill = () -> {
            List<Node> rows = new ArrayList<>();
            FirmwareMenuPreview p = vm.previewLinesProperty().get();
            if (p == null) {
                rows.add(wrapped(vm.previewProperty().get(), "muted"));
            } else {
                if (p.prompt() != null) rows.add(mono(p.prompt(), "pxe-preview-prompt"));
                if (!p.items().isEmpty()) {
                    GridPane g = new GridPane();
                    g.setHgap(12);
                    g.setVgap(3);
                    ColumnConstraints c0 = new ColumnConstraints();
                    c0.setMinWidth(Region.USE_PREF_SIZE);
                    ColumnConstraints c1 = new ColumnConstraints();
                    c1.setHgrow(Priority.ALWAYS);
                    g.getColumnConstraints().addAll(c0, c1);
                    int r = 0;
                    for (FirmwareMenuPreview.Line l : p.items()) g.addRow(r++, mono("  " + l.label(), "pxe-preview-item"), wrapped("→ " + l.target(), "muted"));
                    rows.add(g);
                }
                String after = p.afterTimeout();
                rows.add(wrapped(after.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + after.substring(1), "pxe-preview-after"));
            }
            box.getChildren().setAll(rows);
        };
        vm.previewLinesProperty().addListener((o, a, b) -> fill.run());
        vm.previewProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        return new VBox(6, head, box);
    }

    private static Label mono(String s, String cls) {
        Label l = new Label(s);
        l.getStyleClass().addAll("mono", cls);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label wrapped(String s, String cls) {
        Label l = new Label(s);
        l.getStyleClass().add(cls);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private Node findingsBox() {
        VBox list = new VBox(4);
        list.setId("pxe-findings");
        Runnable fill = () -> {
            List<Node> rows = new ArrayList<>();
            for (Finding f : vm.findings()) {
                Label l = new Label(FirmwareMenuViewModel.describe(f));
                l.setWrapText(true);
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.getStyleClass().add(f.isError() ? "error-text" : "warning-text");
                rows.add(l);
            }
            list.getChildren().setAll(rows);
        };
        vm.findings().addListener((ListChangeListener<Finding>) c -> fill.run());
        fill.run();
        list.visibleProperty().bind(Bindings.isNotEmpty(vm.findings()));
        list.managedProperty().bind(list.visibleProperty());
        list.setPadding(new Insets(0, 0, 0, 2));
        return list;
    }

    private static ComboBox<String> systemPicker(String id) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(FirmwareMenuViewModel.SYSTEMS));
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        Callback<ListView<String>, ListCell<String>> cells = l -> new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : FirmwareMenuViewModel.systemLabel(s));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        return box;
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(c0, c1);
        return g;
    }

    private static TextField field(String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        return t;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("form-label");
        return l;
    }

    private static Label section(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-label");
        return l;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }
}
