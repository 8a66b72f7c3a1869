package dev.bootbench.ui.editor;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import dev.bootbench.ui.preview.PreviewView;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Menus view: the menu as a tree (drag to reorder, drop files to add entries), the form of the selected item,
 * the generated iPXE script, pxelinux config and GRUB config (editable as text), the client preview, and the problems.
 */
public final class MenuEditorView {
    static final String ITEM_PREFIX = "bootbench-menu-item:";

    private final MenuEditorViewModel vm;
    private final BorderPane node = new BorderPane();
    private final TreeView<Node_> tree = new TreeView<>();
    private final CodeView ipxe = new CodeView("code-ipxe", Highlighter::ipxe);
    private final CodeView pxelinux = new CodeView("code-pxelinux", Highlighter::pxelinux);
    private final CodeView grub = new CodeView("code-grub", Highlighter::grub);
    private final TabPane codeTabs = new TabPane();
    private final ListView<Problem> problemList = new ListView<>();
    private final PreviewView preview;
    private boolean selecting;

    /** A tree row: its path, and the item (null for the menu itself). */
    record Node_(List<Integer> path, MenuItem item, String title) {
        @Override
        public String toString() {
            return title;
        }
    }

    public MenuEditorView(MenuEditorViewModel vm) {
        this.vm = vm;
        this.preview = new PreviewView(vm.preview());
        node.setId("menus-view");
        node.getStyleClass().addAll("view", "menu-editor");
        node.getStylesheets().add(MenuEditorView.class.getResource("editor.css").toExternalForm());
        node.getProperties().put(MenuEditorViewModel.class, vm);
        node.getProperties().put(MenuEditorView.class, this);
        node.setTop(toolbar());

        SplitPane left = new SplitPane(treePane(), new EntryForm(vm).node());
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.48);
        SplitPane right = new SplitPane(codePane(), preview.node());
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.40);
        SplitPane main = new SplitPane(left, right);
        main.setDividerPositions(0.36);
        SplitPane outer = new SplitPane(main, problemsPane());
        outer.setOrientation(Orientation.VERTICAL);
        outer.setDividerPositions(0.86);
        node.setCenter(outer);

        vm.menuProperty().addListener((o, a, m) -> rebuildTree());
        vm.selectedProperty().addListener((o, a, p) -> selectInTree(p));
        vm.setRevealLine((f, line) -> {
            codeTabs.getSelectionModel().select(f.ordinal());
            (switch (f) {
                case IPXE -> ipxe;
                case PXELINUX -> pxelinux;
                case GRUB -> grub;
            }).reveal(line);
        });
        fileDrops();
        shortcuts();
        rebuildTree();
    }

    /** The view model of a Menus view node (tests, screenshots). */
    /** The view a node of {@link #node()} belongs to. */
    static MenuEditorView of(Node n) {
        return (MenuEditorView) n.getProperties().get(MenuEditorView.class);
    }

    public static MenuEditorViewModel viewModel(Node n) {
        return (MenuEditorViewModel) n.getProperties().get(MenuEditorViewModel.class);
    }

    public Node node() {
        return node;
    }

    // ---- toolbar ----

    private Node toolbar() {
        ComboBox<String> names = new ComboBox<>(vm.names());
        names.setId("menu-names");
        names.setPrefWidth(180);
        names.setTooltip(new Tooltip("Menus of this workspace (menus/NAME.json)"));
        vm.nameProperty().addListener((o, a, n) -> names.setValue(n));
        names.setValue(vm.nameProperty().get());
        names.setOnAction(e -> {
            String n = names.getValue();
            if (n == null || n.equals(vm.nameProperty().get())) return;
            if (vm.dirtyProperty().get() && !confirm("Discard the unsaved changes of '" + vm.nameProperty().get() + "'?")) {
                names.setValue(vm.nameProperty().get());
                return;
            }
            vm.openMenu(n);
        });
        Button newMenu = button("New", "menu-new", "A new, empty menu", e -> {
            if (!vm.dirtyProperty().get() || confirm("Discard the unsaved changes of '" + vm.nameProperty().get() + "'?")) vm.newMenu();
        });
        Button imp = button("Import…", "menu-import", "Import an iPXE script, a pxelinux config or a GRUB config into a new menu", e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Import an iPXE script, pxelinux config or GRUB config");
            File f = fc.showOpenDialog(node.getScene().getWindow());
            if (f != null) vm.importFile(f.toPath());
        });
        Button save = button("Save", "menu-save", "Save the menu in the workspace (Ctrl+S)", e -> vm.save());
        Button publish = button("Publish", "menu-publish", "Save, and hand this menu to the next client: /boot.ipxe and pxelinux.cfg/default (Ctrl+Shift+S)",
                e -> vm.publish());
        publish.getStyleClass().add("accent");
        Button undo = button("Undo", "menu-undo", "Undo (Ctrl+Z)", e -> vm.undo());
        undo.disableProperty().bind(vm.canUndoProperty().not().or(vm.textModeProperty()));
        Button redo = button("Redo", "menu-redo", "Redo (Ctrl+Y)", e -> vm.redo());
        redo.disableProperty().bind(vm.canRedoProperty().not().or(vm.textModeProperty()));
        Label dirty = new Label();
        dirty.setId("menu-dirty");
        dirty.getStyleClass().add("muted");
        dirty.textProperty().bind(Bindings.createStringBinding(() -> (vm.dirtyProperty().get() ? "● unsaved" : "")
                + (vm.publishedNameProperty().get().isEmpty() ? "" : "   published: " + vm.publishedNameProperty().get()), vm.dirtyProperty(), vm.publishedNameProperty()));
        Label msg = new Label();
        msg.setId("menu-message");
        msg.textProperty().bind(vm.messageProperty());
        msg.setMinWidth(0);
        Tooltip whole = new Tooltip(); // the message gives way in a narrow window: the whole of it on hover
        whole.textProperty().bind(vm.messageProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(520);
        msg.setTooltip(whole);
        vm.messageIsErrorProperty().addListener((o, a, err) -> {
            msg.getStyleClass().removeAll("error-text", "muted");
            msg.getStyleClass().add(err ? "error-text" : "muted");
        });
        msg.getStyleClass().add("muted");
        HBox.setHgrow(msg, Priority.ALWAYS);
        msg.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(6, names, newMenu, imp, new Separator(Orientation.VERTICAL), save, publish, new Separator(Orientation.VERTICAL), undo, redo, dirty, msg);
        // the message alone gives way in a narrow window: HBox shrinks every child toward its minimum, and a
        // button's computed minimum is its ellipsis ("Published … at …" squeezed the buttons to "…")
        for (javafx.scene.Node n : bar.getChildren()) if (n != msg && n instanceof javafx.scene.layout.Region r) r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("editor-toolbar");
        return bar;
    }

    private boolean confirm(String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(node.getScene().getWindow());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private static Button button(String text, String id, String tip, javafx.event.EventHandler<javafx.event.ActionEvent> h) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(h);
        return b;
    }

    private void shortcuts() {
        node.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e)) vm.publish();
            else if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) vm.save();
            else if (vm.textModeProperty().get()) return; // the code area has its own undo
            else if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e)
                    || new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).match(e)) vm.redo();
            else if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(e)) {
                if (e.getTarget() instanceof javafx.scene.control.TextInputControl) return;
                vm.undo();
            } else return;
            e.consume();
        });
    }

    // ---- tree ----

    private Node treePane() {
        tree.setId("menu-tree");
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new ItemCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (selecting || b == null) return;
            vm.selectedProperty().set(b.getValue().path());
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) vm.remove();
            else if (e.isAltDown() && e.getCode() == KeyCode.UP) vm.moveBy(-1);
            else if (e.isAltDown() && e.getCode() == KeyCode.DOWN) vm.moveBy(1);
            else return;
            e.consume();
        });
        MenuButton add = new MenuButton("Add");
        add.setId("menu-add");
        add.getStyleClass().add("accent");
        for (EntryKind k : EntryKind.values()) {
            javafx.scene.control.MenuItem mi = new javafx.scene.control.MenuItem(k.label);
            mi.setId("menu-add-" + k.name().toLowerCase(java.util.Locale.ROOT));
            mi.setOnAction(e -> vm.add(k));
            add.getItems().add(mi);
        }
        Button dup = button("Duplicate", "menu-duplicate", "Duplicate the selected item", e -> vm.duplicate());
        Button del = button("Remove", "menu-remove", "Remove the selected item (Delete)", e -> vm.remove());
        Button up = button("↑", "menu-up", "Move up (Alt+Up); or drag", e -> vm.moveBy(-1));
        Button down = button("↓", "menu-down", "Move down (Alt+Down); or drag", e -> vm.moveBy(1));
        for (Button b : List.of(dup, del, up, down)) b.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null || vm.selectedProperty().get().isEmpty() || vm.textModeProperty().get(), vm.selectedProperty(), vm.textModeProperty()));
        add.disableProperty().bind(vm.textModeProperty());
        HBox buttons = new HBox(4, add, dup, del, up, down);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Drop kernels, initrds, ISOs or WIMs here to add entries.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        VBox box = new VBox(6, buttons, tree, hint);
        VBox.setVgrow(tree, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    static String describe(MenuItem it) {
        if (it instanceof Gap g) return g.text().isEmpty() ? "───" : "── " + g.text();
        Entry e = (Entry) it;
        String limits = e.platforms().isEmpty() ? "" : " [" + e.platforms().stream().map(p -> p.id()).collect(Collectors.joining(",")) + "]";
        return e.label() + limits;
    }

    private void rebuildTree() {
        Menu m = vm.menu();
        java.util.Set<List<Integer>> collapsed = new java.util.HashSet<>();
        if (tree.getRoot() != null) collectCollapsed(tree.getRoot(), collapsed);
        TreeItem<Node_> root = new TreeItem<>(new Node_(List.of(), null, m.title() == null ? "(menu without a title)" : m.title()));
        fill(root, m, List.of(), collapsed);
        root.setExpanded(true);
        selecting = true;
        try {
            tree.setRoot(root);
        } finally {
            selecting = false;
        }
        selectInTree(vm.selectedProperty().get());
    }

    private static void collectCollapsed(TreeItem<Node_> t, java.util.Set<List<Integer>> out) {
        if (!t.isLeaf() && !t.isExpanded()) out.add(t.getValue().path());
        for (TreeItem<Node_> c : t.getChildren()) collectCollapsed(c, out);
    }

    private static void fill(TreeItem<Node_> parent, Menu m, List<Integer> at, java.util.Set<List<Integer>> collapsed) {
        for (int i = 0; i < m.items().size(); i++) {
            MenuItem it = m.items().get(i);
            List<Integer> p = new ArrayList<>(at);
            p.add(i);
            TreeItem<Node_> t = new TreeItem<>(new Node_(List.copyOf(p), it, describe(it)));
            if (it instanceof Entry e && e.action() instanceof BootAction.Submenu s) {
                fill(t, s.menu(), p, collapsed);
                t.setExpanded(!collapsed.contains(p));
            }
            parent.getChildren().add(t);
        }
    }

    private void selectInTree(List<Integer> p) {
        if (p == null || tree.getRoot() == null) return;
        TreeItem<Node_> t = tree.getRoot();
        for (int i : p) {
            if (i < 0 || i >= t.getChildren().size()) return;
            t.setExpanded(true);
            t = t.getChildren().get(i);
        }
        selecting = true;
        try {
            tree.getSelectionModel().select(t);
            int row = tree.getRow(t);
            if (row >= 0) tree.scrollTo(Math.max(0, row - 3));
        } finally {
            selecting = false;
        }
    }

    static String encode(List<Integer> p) {
        return ITEM_PREFIX + p.stream().map(String::valueOf).collect(Collectors.joining("/"));
    }

    static List<Integer> decode(String s) {
        if (s == null || !s.startsWith(ITEM_PREFIX)) return null;
        String r = s.substring(ITEM_PREFIX.length());
        if (r.isEmpty()) return List.of();
        try {
            return Arrays.stream(r.split("/")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where a drop on a row puts the item: before or after the row, or into a submenu (middle of its row). */
    record DropTarget(List<Integer> parent, int index) {}

    static DropTarget dropTarget(Menu m, List<Integer> row, double fraction) {
        if (row.isEmpty()) return new DropTarget(List.of(), m.items().size());
        List<Integer> parent = row.subList(0, row.size() - 1);
        int idx = row.get(row.size() - 1);
        if (MenuEdits.isMenu(m, row) && fraction > 0.3 && fraction < 0.7) return new DropTarget(row, MenuEdits.menuAt(m, row).items().size());
        return new DropTarget(List.copyOf(parent), fraction < 0.5 ? idx : idx + 1);
    }

    private final class ItemCell extends TreeCell<Node_> {
        ItemCell() {
            setOnDragDetected(e -> {
                if (getItem() == null || getItem().path().isEmpty() || vm.textModeProperty().get()) return;
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent c = new ClipboardContent();
                c.putString(encode(getItem().path()));
                db.setContent(c);
                e.consume();
            });
            setOnDragOver(e -> {
                List<Integer> from = decode(e.getDragboard().hasString() ? e.getDragboard().getString() : null);
                if (from == null || getItem() == null) return; // files bubble up to the view
                List<Integer> to = getItem().path();
                if (!(to.size() >= from.size() && to.subList(0, from.size()).equals(from))) e.acceptTransferModes(TransferMode.MOVE);
                getStyleClass().removeAll("drop-before", "drop-after", "drop-into");
                double f = e.getY() / Math.max(1, getHeight());
                DropTarget t = dropTarget(vm.menu(), to, f);
                getStyleClass().add(t.parent().equals(to) ? "drop-into" : f < 0.5 ? "drop-before" : "drop-after");
                e.consume();
            });
            setOnDragExited(e -> getStyleClass().removeAll("drop-before", "drop-after", "drop-into"));
            setOnDragDropped(e -> {
                List<Integer> from = decode(e.getDragboard().hasString() ? e.getDragboard().getString() : null);
                if (from == null || getItem() == null) return;
                DropTarget t = dropTarget(vm.menu(), getItem().path(), e.getY() / Math.max(1, getHeight()));
                e.setDropCompleted(vm.moveTo(from, t.parent(), t.index()));
                e.consume();
            });
        }

        @Override
        protected void updateItem(Node_ n, boolean empty) {
            super.updateItem(n, empty);
            getStyleClass().removeAll("tree-gap", "tree-menu", "tree-default");
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(n.title());
            if (n.item() == null) {
                getStyleClass().add("tree-menu");
                setGraphic(badge("menu"));
                return;
            }
            if (n.item() instanceof Gap) {
                getStyleClass().add("tree-gap");
                setGraphic(null);
                return;
            }
            Entry e = (Entry) n.item();
            Menu parent = MenuEdits.menuAt(vm.menu(), n.path().subList(0, n.path().size() - 1));
            if (e.id().equals(parent.defaultEntry())) getStyleClass().add("tree-default");
            setGraphic(badge(EntryKind.of(e).name().toLowerCase(java.util.Locale.ROOT)));
            setTooltip(new Tooltip(e.id() + (e.id().equals(parent.defaultEntry()) ? " (default)" : "")));
        }
    }

    private static Node badge(String kind) {
        Label l = new Label(kind);
        l.getStyleClass().addAll("kind-badge", "kind-" + kind);
        return l;
    }

    // ---- files dropped on the view ----

    private void fileDrops() {
        node.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !vm.textModeProperty().get()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        node.setOnDragDropped(e -> {
            if (!e.getDragboard().hasFiles()) return;
            vm.dropFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(true);
            e.consume();
        });
    }

    // ---- code ----

    private Node codePane() {
        codeTabs.setId("code-tabs");
        codeTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        codeTabs.getTabs().addAll(codeTab("iPXE script", ipxe, Analysis.Format.IPXE, vm.ipxeTextProperty()),
                codeTab("pxelinux config", pxelinux, Analysis.Format.PXELINUX, vm.pxelinuxTextProperty()),
                codeTab("GRUB config", grub, Analysis.Format.GRUB, vm.grubTextProperty()));
        vm.problems().addListener((javafx.collections.ListChangeListener<Problem>) c -> showFindings());
        return codeTabs;
    }

    private Tab codeTab(String title, CodeView view, Analysis.Format format, javafx.beans.property.StringProperty generated) {
        String key = format.name().toLowerCase(java.util.Locale.ROOT);
        ToggleButton edit = new ToggleButton("Edit as text");
        edit.setId("text-edit-" + key);
        edit.setTooltip(new Tooltip("Edit the " + title + " by hand; Apply turns it back into the menu"));
        Button apply = button("Apply", "text-apply-" + key, "Make the text the menu (parse errors keep the text)", e -> vm.applyText());
        Button discard = button("Discard", "text-discard-" + key, "Back to the generated text; the menu is unchanged", e -> vm.discardText());
        apply.getStyleClass().add("accent");
        Label info = new Label();
        info.getStyleClass().add("muted");
        info.setMinWidth(0);
        javafx.beans.binding.BooleanBinding mine = Bindings.createBooleanBinding(
                () -> vm.textModeProperty().get() && vm.textFormatProperty().get() == format, vm.textModeProperty(), vm.textFormatProperty());
        apply.visibleProperty().bind(mine);
        apply.managedProperty().bind(mine);
        discard.visibleProperty().bind(mine);
        discard.managedProperty().bind(mine);
        edit.disableProperty().bind(vm.textModeProperty().and(mine.not()));
        info.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!mine.get()) return switch (format) {
                case IPXE -> "Generated from the menu; served as /boot.ipxe";
                case PXELINUX -> "Generated from the menu; served as pxelinux.cfg/default";
                case GRUB -> "Generated from the menu, for " + Analysis.GRUB_FILE + " (Publish does not write it yet)";
            };
            Analysis a = vm.draftAnalysisProperty().get();
            if (a == null) return "Editing…";
            if (a.importError() != null) return "Does not parse: the text is kept as it is";
            return "Parses into a menu" + (a.importNotes().isEmpty() ? "" : " (" + a.importNotes().size() + " note(s))") + "; Apply to use it";
        }, mine, vm.draftAnalysisProperty()));
        edit.setOnAction(e -> {
            if (edit.isSelected()) vm.editAsText(format);
            else vm.discardText();
        });
        mine.addListener((o, a, on) -> {
            edit.setSelected(on);
            view.setEditable(on);
            if (on) view.setText(vm.draftProperty().get());
            else view.setText(generated.get());
        });
        generated.addListener((o, a, t) -> {
            if (!mine.get()) view.setText(t);
        });
        vm.draftProperty().addListener((o, a, t) -> {
            if (mine.get()) view.setText(t);
        });
        view.setOnEdit(vm::setDraft);
        view.setText(generated.get());
        HBox bar = new HBox(6, edit, apply, discard, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        VBox box = new VBox(bar, view.node());
        VBox.setVgrow(view.node(), Priority.ALWAYS);
        Tab t = new Tab(title, box);
        t.setId("tab-" + key);
        return t;
    }

    private void showFindings() {
        List<Finding> ip = new ArrayList<>(), px = new ArrayList<>(), gr = new ArrayList<>();
        for (Problem p : vm.problems()) {
            if (p.source() == Problem.Source.IPXE) ip.add(p.finding());
            else if (p.source() == Problem.Source.PXELINUX && Analysis.PXELINUX_FILE.equals(p.finding().file())) px.add(p.finding());
            else if (p.source() == Problem.Source.GRUB && Analysis.GRUB_FILE.equals(p.finding().file())) gr.add(p.finding());
        }
        ipxe.setFindings(ip);
        pxelinux.setFindings(px);
        grub.setFindings(gr);
    }

    // ---- problems ----

    private Node problemsPane() {
        problemList.setId("menu-problems");
        problemList.setItems(vm.problems());
        problemList.setPlaceholder(new Label("No problems."));
        problemList.setCellFactory(l -> new ListCell<>() {
            private final Button fixButton = fixButton();

            {
                // a finding says what is wrong and what to do: it wraps at the list's width, never read by scrolling sideways
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning", "problem-info");
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(p.location() + ":  " + p.text());
                getStyleClass().add("problem-" + p.finding().severity().label());
                Problem.Fix fix = p.fix();
                if (fix == null) setGraphic(null);
                else {
                    setFix(fixButton, fix);
                    setGraphic(fixButton);
                }
            }
        });
        problemList.setOnMouseClicked(e -> vm.reveal(problemList.getSelectionModel().getSelectedItem()));
        problemList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) vm.reveal(problemList.getSelectionModel().getSelectedItem());
        });
        Label title = new Label();
        title.getStyleClass().add("section-label");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            long err = vm.problems().stream().filter(p -> p.finding().isError()).count();
            return "PROBLEMS  " + err + " error(s), " + (vm.problems().size() - err) + " other";
        }, vm.problems()));
        VBox box = new VBox(4, title, problemList);
        VBox.setVgrow(problemList, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 6, 8));
        box.setMinHeight(60);
        return box;
    }

    /** Asks for the file to copy into the root as {@code target} (the system's file chooser; tests put their own). */
    java.util.function.BiFunction<javafx.stage.Window, String, File> chooseFileFor = (w, target) -> {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose the file to serve as " + target);
        return fc.showOpenDialog(w);
    };

    /** The one-click action beside a problem (one per cell): copy the syslinux modules from the system, or pick the missing file. */
    private Button fixButton() {
        Button b = new Button();
        b.getStyleClass().add("problem-fix");
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip());
        b.setOnAction(e -> {
            if (!(b.getUserData() instanceof Problem.Fix fix)) return;
            switch (fix.kind()) {
                case COPY_MODULES -> vm.copyModules();
                case ADD_FILE -> {
                    File f = chooseFileFor.apply(node.getScene().getWindow(), fix.target());
                    if (f != null) vm.placeFileAs(f.toPath(), fix.target());
                }
            }
            e.consume();
        });
        return b;
    }

    private static void setFix(Button b, Problem.Fix fix) {
        b.setUserData(fix);
        b.setText(fix.label());
        b.getTooltip().setText(switch (fix.kind()) {
            case COPY_MODULES -> "Copy every syslinux module the menu names from the system's packages (or a folder added in Files) into bios/";
            case ADD_FILE -> "Pick a file to copy into the served root as " + fix.target();
        });
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
