package dev.bootbench.ui.files;

import dev.bootbench.ui.Widgets;
import dev.bootbench.workspace.BootProgramFinder;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The served root with sizes (drop files to add them) and the boot programs found on this system. */
public final class FilesView {
    private final FilesViewModel vm;
    private final SplitPane root = new SplitPane();
    private final TreeTableView<FileNode> tree = new TreeTableView<>();
    private final VBox missing = new VBox(6);
    /** Asks which files to add (the system's file chooser; tests put their own). */
    java.util.function.Function<javafx.stage.Window, List<File>> chooseFiles = w -> {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Add files to the served root (kernels, initrds, ISO images, boot programs)");
        List<File> picked = fc.showOpenMultipleDialog(w);
        return picked == null ? List.of() : picked;
    };

    /** The view a node of {@link #node()} belongs to. */
    static FilesView of(javafx.scene.Node n) {
        return (FilesView) n.getProperties().get(FilesView.class);
    }

    public FilesView(FilesViewModel vm) {
        root.getProperties().put(FilesView.class, this);
        this.vm = vm;
        root.setId("files-view");
        root.getStyleClass().add("view");
        root.getItems().addAll(treePane(), programsPane());
        root.setDividerPositions(0.55);
        vm.treeProperty().addListener((o, a, b) -> showTree(b));
        vm.programsProperty().addListener((o, a, b) -> showMissing(b));
    }

    public SplitPane node() {
        return root;
    }

    private Node treePane() {
        Label path = new Label();
        path.setId("files-root");
        path.getStyleClass().add("card-title");
        path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // a long path keeps its end: the folder's name
        path.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.rootPathProperty().get().isEmpty() ? "No root folder" : vm.rootPathProperty().get(), vm.rootPathProperty()));
        Button add = new Button("Add files…");
        add.setId("files-add");
        add.setTooltip(new javafx.scene.control.Tooltip("Copy files into the root (into the selected folder): kernels, initrds, ISO images, boot programs"));
        add.setOnAction(e -> {
            List<File> files = chooseFiles.apply(root.getScene().getWindow());
            if (files.isEmpty()) return;
            TreeItem<FileNode> sel = tree.getSelectionModel().getSelectedItem();
            Path into = sel == null ? null : sel.getValue().directory() ? sel.getValue().path() : sel.getValue().path().getParent();
            vm.addFiles(files, into);
        });
        Button refresh = new Button("Rescan", dev.bootbench.ui.Widgets.icon(org.kordamp.ikonli.feather.Feather.REFRESH_CW, "button-icon"));
        refresh.setId("files-refresh");
        refresh.setOnAction(e -> vm.refresh());
        // the buttons keep their words; the folder's path gives way (it ends in "…")
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        path.setMinWidth(0);
        HBox head = new HBox(10, path, Widgets.hgrow(), add, refresh);
        head.setAlignment(Pos.CENTER_LEFT);

        tree.setId("files-tree");
        tree.setShowRoot(false);
        tree.setPlaceholder(new Label("Empty. Drop files here to add them to the root."));
        TreeTableColumn<FileNode, String> name = new TreeTableColumn<>("Name");
        name.setPrefWidth(300);
        name.setCellValueFactory(cd -> new ReadOnlyStringWrapper((cd.getValue().getValue().directory() ? "▸ " : "   ") + cd.getValue().getValue().name()));
        TreeTableColumn<FileNode, String> size = new TreeTableColumn<>("Size");
        size.setPrefWidth(100);
        size.setStyle("-fx-alignment: CENTER-RIGHT;");
        size.setCellValueFactory(cd -> new ReadOnlyStringWrapper(Widgets.bytes(cd.getValue().getValue().size())));
        tree.getColumns().add(name);
        tree.getColumns().add(size);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        tree.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                TreeItem<FileNode> sel = tree.getSelectionModel().getSelectedItem();
                Path into = sel == null ? null : sel.getValue().directory() ? sel.getValue().path() : sel.getValue().path().getParent();
                vm.addFiles(files, into);
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        Label msg = new Label();
        msg.setId("files-message");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, b) -> msg.getStyleClass().setAll("label", b ? "error-text" : "ok-text"));
        Label hint = new Label("Add files…, or drop files and folders on the tree, to copy them into the root (into the selected folder).");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(8, head, tree, msg, hint);
        VBox.setVgrow(tree, Priority.ALWAYS);
        box.setPadding(new Insets(14));
        return box;
    }

    private void showTree(FileNode n) {
        if (n == null) {
            tree.setRoot(null);
            return;
        }
        TreeItem<FileNode> r = item(n, 0);
        r.setExpanded(true);
        tree.setRoot(r);
    }

    private static TreeItem<FileNode> item(FileNode n, int depth) {
        TreeItem<FileNode> it = new TreeItem<>(n);
        for (FileNode c : n.children()) it.getChildren().add(item(c, depth + 1));
        if (depth == 0 && n.children().size() < 30) it.setExpanded(true);
        return it;
    }

    private Node programsPane() {
        TableView<BootProgramFinder.Found> table = new TableView<>();
        table.setId("boot-programs");
        table.setPlaceholder(new Label("No boot programs found. On Debian or Ubuntu: sudo apt install ipxe pxelinux syslinux-common syslinux-efi (and for Secure Boot: shim-signed grub-efi-amd64-signed)"));
        TableColumn<BootProgramFinder.Found, String> file = new TableColumn<>("File");
        file.setPrefWidth(140);
        file.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().target()));
        TableColumn<BootProgramFinder.Found, String> group = new TableColumn<>("For");
        group.setPrefWidth(120);
        group.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().group().label()));
        TableColumn<BootProgramFinder.Found, String> from = new TableColumn<>("Found in");
        from.setPrefWidth(200);
        from.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().source().getParent().toString()));
        // a long folder keeps its end (…/modules/bios), the whole in a tooltip
        from.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            {
                setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        table.getColumns().add(file);
        table.getColumns().add(group);
        table.getColumns().add(from);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.programsProperty().addListener((o, a, b) -> table.getItems().setAll(b == null ? List.of() : b.found()));

        Button copy = new Button("Copy into root");
        copy.setId("copy-boot-programs");
        copy.setTooltip(new javafx.scene.control.Tooltip("Copy what the boot paths set in Servers need, each kind in its folder: ipxe/ (iPXE), "
                + "bios/ (pxelinux, its menu modules, memdisk), efi64/ and efi32/ (syslinux.efi), grub/ (shim beside GRUB)"));
        copy.getStyleClass().add("accent");
        copy.setOnAction(e -> vm.copyFound());
        Button pick = new Button("Look in a folder…");
        pick.setId("pick-boot-folder");
        pick.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder with boot programs (undionly.kpxe, ipxe.efi, pxelinux.0, *.c32, shimx64.efi, grubx64.efi, grubaa64.efi)");
            File f = dc.showDialog(root.getScene().getWindow());
            if (f != null) vm.addSearchFolder(f);
        });
        HBox buttons = new HBox(8, copy, pick);
        missing.setId("boot-missing");
        VBox card = Widgets.card("Boot programs on this system", table, missing, buttons);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(card);
        VBox.setVgrow(card, Priority.ALWAYS);
        box.setPadding(new Insets(14));
        return box;
    }

    private void showMissing(BootProgramFinder.Report rep) {
        missing.getChildren().clear();
        if (rep == null) return;
        for (Map.Entry<BootProgramFinder.Group, List<String>> e : rep.missing().entrySet()) {
            boolean ok = e.getValue().isEmpty();
            Label l = new Label((ok ? "✔  " : "✖  ") + e.getKey().label() + (ok ? ": complete" : ": missing " + String.join(", ", e.getValue())));
            l.getStyleClass().add(ok ? "ok-text" : "error-text");
            l.setWrapText(true);
            missing.getChildren().add(l);
        }
    }
}
