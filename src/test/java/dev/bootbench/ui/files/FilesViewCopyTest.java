package dev.bootbench.ui.files;

import static dev.bootbench.ui.UiTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.workspace.BootProgramFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * "Copy into root" with BIOS clients set to lpxelinux.0 (#24): the root gets folders that say what is what, with
 * what the boot paths load, not a hundred modules at its top; the lists are sorted.
 */
@ExtendWith(ApplicationExtension.class)
class FilesViewCopyTest {
    private MainWindow window;
    private Path ws;
    private Path programs;

    @Start
    void start(Stage stage) throws Exception {
        ws = UiTestSupport.workspace("\"biosBoot\":\"lpxelinux.0\"");
        // a folder of boot programs as a distribution installs them: iPXE, pxelinux, and 110 syslinux modules
        programs = UiTestSupport.tempDir("bootbench-programs");
        for (String f : List.of("undionly.kpxe", "ipxe.efi", "snponly.efi", "pxelinux.0", "lpxelinux.0", "memdisk")) Files.write(programs.resolve(f), new byte[1000]);
        Files.createDirectories(programs.resolve("bios"));
        for (String m : List.of("ldlinux.c32", "libcom32.c32", "libutil.c32", "menu.c32", "vesamenu.c32", "chain.c32", "reboot.c32", "poweroff.c32"))
            Files.write(programs.resolve("bios/" + m), new byte[500]);
        for (int i = 0; i < 102; i++) Files.write(programs.resolve("bios/zz" + i + ".c32"), new byte[100]);
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"view\":\"files\",\"bootProgramFolders\":[\""
                + programs.toString().replace("\\", "\\\\") + "\"]}");
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
    }

    private static List<String> names(TreeItem<FileNode> item) {
        return item.getChildren().stream().map(c -> c.getValue().name() + (c.getValue().directory() ? "/" : "")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyLaysTheRootOutInFoldersAndTheListsAreSorted(FxRobot robot) throws Exception {
        robot.clickOn("#nav-files");
        await("report", () -> window.files().programsProperty().get() != null
                && window.files().programsProperty().get().found().stream().anyMatch(f -> f.source().startsWith(programs)));
        TableView<BootProgramFinder.Found> table = robot.lookup("#boot-programs").query();
        await("table", () -> table.getItems().size() > 110);
        List<String> shown = new ArrayList<>();
        robot.interact(() -> table.getItems().forEach(f -> shown.add(f.target())));
        assertEquals(shown.stream().sorted().toList(), shown, "the programs found are listed by folder and name");

        Path root = ws.resolve("root");
        robot.clickOn("#copy-boot-programs");
        Label msg = robot.lookup("#files-message").query();
        await("copied", () -> msg.getText().startsWith("Copied"));
        assertTrue(msg.getText().contains("bios/") && msg.getText().contains("ipxe/"), msg.getText());

        assertTrue(Files.isRegularFile(root.resolve("bios/lpxelinux.0")));
        assertTrue(Files.isRegularFile(root.resolve("bios/ldlinux.c32")));
        assertTrue(Files.isRegularFile(root.resolve("bios/vesamenu.c32")));
        assertTrue(Files.isRegularFile(root.resolve("bios/memdisk")));
        assertTrue(Files.isRegularFile(root.resolve("ipxe/undionly.kpxe")));
        assertFalse(Files.exists(root.resolve("bios/pxelinux.0")), "the pxelinux not set is not copied");
        try (Stream<Path> s = Files.list(root.resolve("bios"))) {
            List<String> bios = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(bios.size() < 15, "what the menus load, not every module: " + bios);
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> top = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("undionly.kpxe"), top, "nothing new flat at the top (undionly.kpxe was there before)");
        }

        TreeTableView<FileNode> tree = robot.lookup("#files-tree").query();
        await("tree", () -> names(tree.getRoot()).contains("bios/"));
        List<String> listed = new ArrayList<>();
        robot.interact(() -> listed.addAll(names(tree.getRoot())));
        assertEquals(List.of("bios/", "images/", "ipxe/", "undionly.kpxe"), listed, "folders first, by name");
    }
}
