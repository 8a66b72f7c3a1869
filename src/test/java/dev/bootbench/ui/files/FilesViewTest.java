package dev.bootbench.ui.files;

import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class FilesViewTest {
    private MainWindow window;
    private Path ws;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private static boolean has(TreeItem<FileNode> item, String name, String size, TreeTableView<FileNode> t) {
        if (item == null) return false;
        if (item.getValue().name().equals(name) && t.getColumns().get(1).getCellData(item).equals(size)) return true;
        for (TreeItem<FileNode> c : item.getChildren()) if (has(c, name, size, t)) return true;
        return false;
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheRootWithSizesAndAddsDroppedFiles(FxRobot robot) throws Exception {
        robot.clickOn("#nav-files");
        TreeTableView<FileNode> tree = robot.lookup("#files-tree").query();
        await("tree", () -> has(tree.getRoot(), "undionly.kpxe", "70 kB", tree));
        await("folder", () -> has(tree.getRoot(), "images", "300 kB", tree) && has(tree.getRoot(), "vmlinuz", "300 kB", tree));

        Path outside = UiTestSupport.tempDir("bootbench-drop");
        Files.writeString(outside.resolve("boot.ipxe"), "#!ipxe\nshell\n");
        robot.interact(() -> window.files().addFiles(List.<File>of(outside.resolve("boot.ipxe").toFile()), null));
        await("added", () -> has(tree.getRoot(), "boot.ipxe", "13 B", tree));
        assertTrue(Files.isRegularFile(ws.resolve("root/boot.ipxe")));
    }

    /** "Add files…" copies what the chooser returns into the root, not only a drop (#24). */
    @Test
    @SuppressWarnings("unchecked")
    void addFilesCopiesTheChosenFilesIntoTheRoot(FxRobot robot) throws Exception {
        robot.clickOn("#nav-files");
        TreeTableView<FileNode> tree = robot.lookup("#files-tree").query();
        await("tree", () -> has(tree.getRoot(), "undionly.kpxe", "70 kB", tree));
        Path outside = UiTestSupport.tempDir("bootbench-add");
        Files.write(outside.resolve("tiny.iso"), new byte[2048]);
        Files.writeString(outside.resolve("grub.cfg"), "set timeout=1\n");
        FilesView view = FilesView.of(window.view("files"));
        view.chooseFiles = w -> List.of(outside.resolve("tiny.iso").toFile(), outside.resolve("grub.cfg").toFile());
        robot.clickOn("#files-add");
        await("added", () -> has(tree.getRoot(), "tiny.iso", "2 kB", tree) && has(tree.getRoot(), "grub.cfg", "14 B", tree));
        assertTrue(Files.isRegularFile(ws.resolve("root/tiny.iso")) && Files.isRegularFile(ws.resolve("root/grub.cfg")));
        view.chooseFiles = w -> List.of();
        robot.clickOn("#files-add"); // cancelled: nothing happens
    }

    @Test
    void aMissingRootIsAMessageNotACrash(FxRobot robot) throws Exception {
        robot.clickOn("#nav-files");
        Path root = ws.resolve("root");
        assertTrue(UiTestSupport.deleteTree(root));
        robot.clickOn("#files-refresh");
        Label msg = robot.lookup("#files-message").query();
        await("message", () -> msg.getText().contains("does not exist"));
    }

    @Test
    void listsTheBootProgramsAndWhatIsMissing(FxRobot robot) {
        robot.clickOn("#nav-files");
        await("report", () -> window.files().programsProperty().get() != null);
        javafx.scene.layout.VBox missing = robot.lookup("#boot-missing").query();
        await("missing lines", () -> missing.getChildren().size() == dev.bootbench.workspace.BootProgramFinder.Group.values().length);
        java.util.List<String> lines = missing.getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("Secure Boot x64 (shim → GRUB)")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("UEFI arm64")), lines.toString());
    }
}
