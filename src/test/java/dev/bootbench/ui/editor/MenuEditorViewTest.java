package dev.bootbench.ui.editor;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.BootEngine;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import dev.bootbench.publish.MenuStore;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import dev.bootbench.ui.preview.PreviewViewModel;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class MenuEditorViewTest {
    private MainWindow window;
    private AppContext ctx;
    private Path ws;
    private int httpPort;
    private MenuEditorViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }
        ws = UiTestSupport.workspace("\"address\":\"127.0.0.1\",\"range\":\"127.0.0.100-127.0.0.120\",\"dhcpMode\":\"OFF\",\"httpPort\":" + httpPort + ",\"routerAdvertisements\":false");
        ctx = new AppContext(ws, false);
        window = new MainWindow(ctx, stage);
        stage.show();
        window.show("menus");
        vm = MenuEditorView.viewModel(window.view("menus"));
    }

    @Stop
    void stop() {
        ctx.engine().close();
        window.root().getScene().getWindow().hide();
    }

    private void ready() throws Exception {
        vm.ready().get(20, TimeUnit.SECONDS);
        await("analysis", () -> !vm.ipxeTextProperty().get().isEmpty());
    }

    /** Replaces a text field's text by typing, then Enter (focused from the keyboard: the form may be scrolled). */
    private static void typeInto(FxRobot robot, String query, String text) {
        TextField f = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> {
            f.requestFocus();
            f.selectAll();
        });
        robot.write(text).type(KeyCode.ENTER);
    }

    /** Chooses a kind in the Add menu button (its items are fired: popup positions differ between runs). */
    private void addThroughMenu(FxRobot robot, String kindLabel) {
        javafx.scene.control.MenuButton add = robot.lookup("#menu-add").queryAs(javafx.scene.control.MenuButton.class);
        robot.interact(() -> add.getItems().stream().filter(i -> i.getText().equals(kindLabel)).findFirst().orElseThrow().fire());
    }

    @Test
    void theFirstRunShowsTheSampleMenu() throws Exception {
        ready();
        assertEquals("Bench", fx(() -> vm.nameProperty().get()));
        assertTrue(Files.isRegularFile(ws.resolve("menus/Bench.json")));
        String script = fx(() -> vm.ipxeTextProperty().get());
        assertTrue(script.contains("kernel ${base-url}/vmlinuz") && script.contains("item shell"), script);
    }

    @Test
    void buildsAMenuWithTwoLinuxEntriesAndWdsThroughTheUi(FxRobot robot) throws Exception {
        ready();
        robot.clickOn("#menu-new");
        await("empty menu", () -> vm.menu().items().isEmpty() && vm.dirtyProperty().get());
        addThroughMenu(robot, "Linux kernel");
        await("first entry", () -> vm.menu().entries().size() == 1);
        typeInto(robot, "#linux-kernel", "debian/linux");
        typeInto(robot, "#linux-args", "priority=low");
        addThroughMenu(robot, "Linux kernel");
        await("second entry", () -> vm.menu().entries().size() == 2);
        typeInto(robot, "#entry-id", "fedora");
        typeInto(robot, "#linux-kernel", "fedora/vmlinuz");
        addThroughMenu(robot, "Windows Deployment Services");
        typeInto(robot, "#wds-server", "10.1.2.3");
        await("generated", () -> vm.ipxeTextProperty().get().contains("set net0/next-server 10.1.2.3"));
        String ipxe = fx(() -> vm.ipxeTextProperty().get());
        assertTrue(ipxe.contains("item linux "), ipxe);
        assertTrue(ipxe.contains("kernel ${base-url}/debian/linux priority=low || goto main_failed"), ipxe);
        assertTrue(ipxe.contains(":fedora\nimgfree\nkernel ${base-url}/fedora/vmlinuz"), ipxe);
        assertTrue(ipxe.contains("chain tftp://${net0/next-server}/boot/x64/wdsnbp.com"), ipxe);
        String px = fx(() -> vm.pxelinuxTextProperty().get());
        assertTrue(px.contains("LABEL linux\n  MENU LABEL Linux kernel\n  LINUX debian/linux"), px);
        assertTrue(px.contains("LABEL fedora") && px.contains("LINUX fedora/vmlinuz"), px);
        assertTrue(px.contains("COM32 pxechn.c32\n  APPEND 10.1.2.3::boot/x64/wdsnbp.com -W"), px);
        CodeArea area = robot.lookup("#code-ipxe").queryAs(CodeArea.class);
        await("code view", () -> area.getText().equals(vm.ipxeTextProperty().get()));
        assertTrue(fx(() -> area.getStyleOfChar(area.getText().indexOf("kernel ${base-url}/debian")).contains("command")), "highlighted");

        // undo and redo the WDS server, then the WDS entry
        robot.clickOn("#menu-undo");
        await("undone", () -> !vm.ipxeTextProperty().get().contains("10.1.2.3"));
        robot.clickOn("#menu-undo");
        await("entry undone", () -> vm.menu().entries().size() == 2);
        robot.clickOn("#menu-redo");
        await("redone", () -> vm.menu().entries().size() == 3);
    }

    @Test
    void anIsoEntrySanbootsOnBiosWhenItsSwitchIsOn(FxRobot robot) throws Exception {
        ready();
        robot.clickOn("#menu-new");
        await("empty menu", () -> vm.menu().items().isEmpty());
        addThroughMenu(robot, "ISO image");
        await("iso entry", () -> vm.menu().entries().size() == 1);
        typeInto(robot, "#iso-file", "isos/big.iso");
        await("memdisk on BIOS", () -> vm.ipxeTextProperty().get().contains("initrd ${base-url}/isos/big.iso"));
        robot.clickOn("#iso-sanboot-bios");
        await("sanboot on BIOS", () -> {
            String s = vm.ipxeTextProperty().get();
            int bios = s.indexOf("_pcbios\n"), efi = s.indexOf("_efi\n");
            return bios >= 0 && efi > bios && s.substring(bios, efi).contains("sanboot --no-describe ${base-url}/isos/big.iso")
                    && !s.substring(bios, efi).contains("memdisk");
        });
        assertEquals(new BootAction.Iso("isos/big.iso", null, true, true), vm.menu().entries().get(0).action());
        // pxelinux has no sanboot: its output keeps memdisk
        assertTrue(fx(() -> vm.pxelinuxTextProperty().get()).contains("memdisk"), fx(() -> vm.pxelinuxTextProperty().get()));
    }

    @Test
    void movingAnEntryChangesBothOrders(FxRobot robot) throws Exception {
        ready();
        // the sample: gap, linux, gap, gap, local, shell, reboot
        fx(() -> {
            vm.selectedProperty().set(List.of(5));
            return null;
        });
        robot.clickOn("#menu-up");
        await("moved", () -> vm.menu().entries().stream().map(Entry::id).toList().equals(List.of("linux", "shell", "local", "reboot")));
        await("script", () -> vm.ipxeTextProperty().get().indexOf("item shell") < vm.ipxeTextProperty().get().indexOf("item local"));
        await("config", () -> vm.pxelinuxTextProperty().get().indexOf("LABEL local") > 0);
        // pxelinux has no shell: the order shows in the skip comment's place
        String px = fx(() -> vm.pxelinuxTextProperty().get());
        assertTrue(px.indexOf("entry 'shell' left out") < px.indexOf("LABEL local"), px);
        assertEquals(List.of(4), fx(() -> vm.selectedProperty().get()), "the moved entry stays selected");
        robot.clickOn("#menu-down").clickOn("#menu-down");
        await("moved down", () -> vm.menu().entries().stream().map(Entry::id).toList().equals(List.of("linux", "local", "reboot", "shell")));
        await("script", () -> vm.ipxeTextProperty().get().indexOf("item reboot") < vm.ipxeTextProperty().get().indexOf("item shell"));
        // the drop target logic the tree cells use: onto the upper half of the first row
        assertTrue(fx(() -> vm.moveTo(List.of(6), MenuEditorView.dropTarget(vm.menu(), List.of(1), 0.2).parent(),
                MenuEditorView.dropTarget(vm.menu(), List.of(1), 0.2).index())));
        await("dragged", () -> vm.menu().entries().stream().map(Entry::id).toList().equals(List.of("shell", "linux", "local", "reboot")));
        await("pxelinux", () -> vm.pxelinuxTextProperty().get().indexOf("entry 'shell' left out") < vm.pxelinuxTextProperty().get().indexOf("LABEL linux"));
    }

    /** The cell of a problem in the problems panel (scrolled into view), and its one-click action. */
    private static javafx.scene.control.Button fixButtonOf(FxRobot robot, ListView<Problem> list, Problem p) {
        robot.interact(() -> list.scrollTo(p));
        await("cell", () -> robot.lookup(".list-cell").queryAll().stream()
                .anyMatch(c -> c instanceof javafx.scene.control.ListCell<?> lc && p.equals(lc.getItem()) && lc.getGraphic() != null));
        javafx.scene.control.ListCell<?> cell = robot.lookup(".list-cell").queryAll().stream()
                .map(c -> (javafx.scene.control.ListCell<?>) c).filter(c -> p.equals(c.getItem())).findFirst().orElseThrow();
        return (javafx.scene.control.Button) cell.getGraphic();
    }

    /**
     * #24: a first run's missing files have a one-click action in the problems panel. "Copy from the system" copies
     * every syslinux module the menu names (from a folder added in Files, which wins over the system's packages) into
     * bios/ with lpxelinux.0; "Choose file…" copies the picked kernel in under the name the menu uses. The problems go.
     */
    @Test
    void aFirstRunsMissingFilesAreFixedFromTheProblemsPanel(FxRobot robot) throws Exception {
        ready();
        Path root = ws.resolve("root");
        ListView<Problem> list = robot.lookup("#menu-problems").queryListView();
        await("module problems", () -> list.getItems().stream().anyMatch(p -> p.fix() != null && p.fix().kind() == Problem.Fix.Kind.COPY_MODULES));
        List<String> modules = fx(() -> list.getItems().stream().map(Problem::fix)
                .filter(f -> f != null && f.kind() == Problem.Fix.Kind.COPY_MODULES).map(Problem.Fix::target).distinct().toList());
        assertTrue(modules.contains("ldlinux.c32") && modules.size() >= 3, modules.toString());
        Path folder = Files.createTempDirectory("bootbench-syslinux");
        for (String m : modules) Files.writeString(folder.resolve(m), "module " + m);
        Files.writeString(folder.resolve("lpxelinux.0"), "lpxelinux");
        fx(() -> {
            ctx.uiState().bootProgramFolders.add(0, folder.toString());
            return null;
        });

        Problem ldlinux = fx(() -> list.getItems().stream().filter(p -> p.fix() != null && p.fix().target().equals("ldlinux.c32")).findFirst().orElseThrow());
        javafx.scene.control.Button copy = fixButtonOf(robot, list, ldlinux);
        assertEquals("Copy from the system", fx(copy::getText));
        robot.clickOn(copy);
        await("modules copied, their problems gone", () -> modules.stream().allMatch(m -> Files.isRegularFile(root.resolve("bios/" + m)))
                && vm.problems().stream().noneMatch(p -> p.finding().code().equals("missing-module")));
        for (String m : modules) assertEquals("module " + m, Files.readString(root.resolve("bios/" + m)), "from the folder added in Files");
        assertEquals("lpxelinux", Files.readString(root.resolve("bios/lpxelinux.0")));
        String msg = fx(() -> vm.messageProperty().get());
        assertTrue(msg.startsWith("Copied ") && msg.contains("bios/lpxelinux.0 as the BIOS boot program"), msg);

        Path kernel = Files.createTempDirectory("bootbench-pick").resolve("linux-6.1");
        Files.writeString(kernel, "a kernel");
        MenuEditorView.of(window.view("menus")).chooseFileFor = (w, target) -> target.equals("vmlinuz") ? kernel.toFile() : null;
        Problem vmlinuz = fx(() -> list.getItems().stream().filter(p -> p.fix() != null && p.fix().kind() == Problem.Fix.Kind.ADD_FILE
                && p.fix().target().equals("vmlinuz")).findFirst().orElseThrow());
        javafx.scene.control.Button choose = fixButtonOf(robot, list, vmlinuz);
        assertEquals("Choose file…", fx(choose::getText));
        robot.clickOn(choose);
        await("kernel copied, its problems gone", () -> Files.isRegularFile(root.resolve("vmlinuz"))
                && vm.problems().stream().noneMatch(p -> "vmlinuz".equals(p.finding().subject())));
        assertEquals("a kernel", Files.readString(root.resolve("vmlinuz")));
        assertTrue(vm.problems().stream().anyMatch(p -> "initrd.img".equals(p.finding().subject())), "the initrd is still to add");
    }

    /**
     * In the dark theme a text area's hint (the GRUB lines' "GRUB commands before the entries: ...") reads against its
     * background: JavaFX's own hint colour is a shade of the background, nearly invisible on a dark one.
     */
    @Test
    void aTextAreasHintReadsInTheDarkTheme(FxRobot robot) throws Exception {
        ready();
        robot.clickOn("#theme-toggle");
        await("dark", () -> window.scene().getStylesheets().stream().anyMatch(x -> x.endsWith("dark.css")));
        javafx.scene.control.TextArea grub = fx(() -> window.view("menus").lookupAll(".text-area").stream()
                .map(n -> (javafx.scene.control.TextArea) n).filter(a -> a.getPromptText() != null && a.getPromptText().startsWith("GRUB commands"))
                .findFirst().orElseThrow());
        await("the hint drawn readable: " + fx(() -> hintContrast(grub)), () -> hintContrast(grub) >= 3.0);
    }

    /** WCAG's contrast ratio of the area's hint text against its content's background (0 while either is not drawn). */
    private static double hintContrast(javafx.scene.control.TextArea area) {
        javafx.scene.text.Text hint = (javafx.scene.text.Text) area.lookupAll("*").stream()
                .filter(n -> n instanceof javafx.scene.text.Text t && area.getPromptText().equals(t.getText())).findFirst().orElse(null);
        javafx.scene.layout.Region content = (javafx.scene.layout.Region) area.lookup(".content");
        if (hint == null || !(hint.getFill() instanceof javafx.scene.paint.Color fg) || content == null || content.getBackground() == null
                || content.getBackground().getFills().isEmpty()
                || !(content.getBackground().getFills().get(content.getBackground().getFills().size() - 1).getFill() instanceof javafx.scene.paint.Color bg)) {
            return 0;
        }
        double a = luminance(fg), b = luminance(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        double[] v = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : Math.pow((v[i] + 0.055) / 1.055, 2.4);
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    }

    /** At 1280x800 a long finding (a file not under the served root, and what to do) wraps: drawn whole within the list. */
    @Test
    void aLongProblemIsDrawnWholeWithinTheListAt1280(FxRobot robot) throws Exception {
        ready();
        robot.interact(() -> {
            window.root().getScene().getWindow().setWidth(1280);
            window.root().getScene().getWindow().setHeight(800);
        });
        ListView<Problem> list = robot.lookup("#menu-problems").queryListView();
        await("a long problem", () -> list.getItems().stream().anyMatch(p -> (p.location() + ":  " + p.text()).length() > 150));
        await("every problem shown is drawn whole, within the list", () -> {
            double right = list.localToScene(list.getBoundsInLocal()).getMaxX();
            int seen = 0;
            for (javafx.scene.Node n : list.lookupAll(".list-cell")) {
                if (!(n instanceof javafx.scene.control.ListCell<?> c) || c.getText() == null || !c.isVisible()) continue;
                // the cell's own text (its fix button has one too)
                javafx.scene.text.Text drawn = (javafx.scene.text.Text) c.getChildrenUnmodifiable().stream().filter(k -> k instanceof javafx.scene.text.Text)
                        .findFirst().orElse(null);
                if (drawn == null || !drawn.getText().equals(c.getText()) || drawn.localToScene(drawn.getBoundsInLocal()).getMaxX() > right) return false;
                seen++;
            }
            return seen > 0;
        });
    }

    @Test
    void anUndefinedGotoTypedInTextModeIsAProblem(FxRobot robot) throws Exception {
        ready();
        robot.clickOn("#text-edit-ipxe");
        await("text mode", () -> vm.textModeProperty().get());
        CodeArea area = robot.lookup("#code-ipxe").queryAs(CodeArea.class);
        assertTrue(fx(area::isEditable));
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.write(":extra\ngoto nowhere\n");
        await("typed", () -> area.getText().endsWith("goto nowhere\n"));
        ListView<Problem> list = robot.lookup("#menu-problems").queryListView();
        await("problem", () -> list.getItems().stream().anyMatch(p -> p.finding().code().equals("undefined-label") && p.finding().message().contains("nowhere")));
        Problem p = fx(() -> list.getItems().stream().filter(x -> x.finding().message().contains("nowhere")).findFirst().orElseThrow());
        int line = area.getText().split("\n").length;
        assertEquals(line, p.finding().line());
        assertTrue(fx(() -> area.getStyleOfChar(area.getText().lastIndexOf("nowhere")).contains("finding-error")), "underlined");
        // a click on the problem puts the caret on its line
        robot.interact(() -> area.moveTo(0));
        robot.interact(() -> {
            list.getSelectionModel().select(p);
            vm.reveal(p);
        });
        assertEquals(line - 1, fx(area::getCurrentParagraph));
        // applying keeps the unmapped lines (as a section) and the text survives a round trip
        assertTrue(vm.applyText().get(20, TimeUnit.SECONDS));
        await("applied", () -> !vm.textModeProperty().get() && vm.ipxeTextProperty().get().contains("goto nowhere"));
    }

    @Test
    void theGrubTabShowsTheConfigItsProblemsAndEditsAsText(FxRobot robot) throws Exception {
        ready();
        await("grub", () -> vm.grubTextProperty().get().contains("menuentry"));
        String grub = fx(() -> vm.grubTextProperty().get());
        assertTrue(grub.contains("menuentry \"Bootbench: ${net_default_mac} (${grub_platform} ${grub_cpu})\" --class title { true }"), grub);
        assertTrue(grub.contains("menuentry 'Linux: vmlinuz + initrd.img from the served folder' --id linux {\n    linux /vmlinuz\n    initrd /initrd.img\n}"), grub);
        await("grub problems", () -> vm.problems().stream().anyMatch(p -> p.source() == Problem.Source.GRUB && p.finding().code().equals("grub-skipped")
                && "shell".equals(p.entryId())));
        robot.clickOn("#tab-grub");
        CodeArea area = robot.lookup("#code-grub").queryAs(CodeArea.class);
        await("code view", () -> area.getText().equals(vm.grubTextProperty().get()));
        assertTrue(fx(() -> area.getStyleOfChar(area.getText().indexOf("menuentry 'Linux")).contains("keyword")), "highlighted");
        assertTrue(fx(() -> area.getStyleOfChar(area.getText().indexOf("--id linux")).contains("option")), "highlighted");

        robot.clickOn("#text-edit-grub");
        await("text mode", () -> vm.textModeProperty().get() && vm.textFormatProperty().get() == Analysis.Format.GRUB);
        robot.interact(() -> area.replaceText(area.getText().replace("set default=linux", "set default=lnux")));
        ListView<Problem> list = robot.lookup("#menu-problems").queryListView();
        await("problem", () -> list.getItems().stream().anyMatch(p -> p.finding().code().equals("default-no-entry")));
        Problem p = fx(() -> list.getItems().stream().filter(x -> x.finding().code().equals("default-no-entry")).findFirst().orElseThrow());
        assertEquals(Problem.Source.GRUB, p.source());
        assertEquals(3, p.finding().line());
        assertTrue(p.location().startsWith("GRUB line 3"), p.location());
        await("underlined", () -> area.getStyleOfChar(area.getText().indexOf("set default=lnux")).contains("finding-error"));
        robot.interact(() -> area.replaceText(area.getText().replace("set default=lnux", "set default=linux").replace("'Reboot'", "'Restart'")));
        assertTrue(vm.applyText().get(20, TimeUnit.SECONDS));
        await("applied", () -> !vm.textModeProperty().get() && "Restart".equals(vm.menu().entry("reboot").map(Entry::label).orElse(null)));
        assertEquals("linux", vm.menu().defaultEntry());
        assertTrue(fx(() -> vm.messageProperty().get()).contains("lost on a GRUB round trip"), fx(() -> vm.messageProperty().get()));
        robot.clickOn("#menu-undo");
        await("undone", () -> vm.menu().entry("shell").isPresent());
    }

    @Test
    void theMenusGrubLinesGoBeforeItsEntries(FxRobot robot) throws Exception {
        ready();
        fx(() -> {
            vm.selectedProperty().set(List.of());
            return null;
        });
        javafx.scene.control.TextArea lines = robot.lookup("#menu-grub-globals").queryAs(javafx.scene.control.TextArea.class);
        robot.interact(() -> {
            lines.requestFocus();
            lines.setText("set theme=/grub/themes/bench/theme.txt");
        });
        robot.interact(() -> robot.lookup("#menu-title").queryAs(TextField.class).requestFocus());
        await("grub lines", () -> "set theme=/grub/themes/bench/theme.txt".equals(vm.menu().grubGlobals()));
        await("generated", () -> vm.grubTextProperty().get().contains("set default=linux\nset theme=/grub/themes/bench/theme.txt\nmenuentry"));
        // the theme file is missing under the served root: a GRUB problem on that line
        await("problem", () -> vm.problems().stream().anyMatch(p -> p.source() == Problem.Source.GRUB && p.finding().code().equals("missing-file")
                && p.finding().message().contains("grub/themes/bench/theme.txt") && p.finding().line() == 4));
    }

    @Test
    void thePreviewDrawsGrubsMenu(FxRobot robot) throws Exception {
        ready();
        var pv = vm.preview();
        robot.clickOn("#preview-mode-grub");
        await("grub menu", () -> pv.inMenuProperty().get() && pv.consoleProperty().get().text().contains("GNU GRUB")
                && pv.consoleProperty().get().text().contains("*Linux: vmlinuz"));
        assertFalse(pv.consoleProperty().get().text().contains("iPXE shell"), "GRUB has no iPXE shell");
        robot.clickOn("#preview-console");
        robot.type(KeyCode.ENTER);
        await("boot", () -> pv.kindProperty().get().equals("boot"));
        String action = fx(() -> pv.actionProperty().get());
        assertTrue(action.contains("boot kernel /vmlinuz") && action.contains("initrd /initrd.img"), action);
        await("missing", () -> pv.missing().equals(List.of("vmlinuz", "initrd.img")));
        robot.type(KeyCode.ESCAPE);
        await("back", () -> pv.inMenuProperty().get());
        // arm64 UEFI runs GRUB too
        robot.clickOn("#preview-firmware").clickOn("UEFI arm64");
        await("arm64", () -> pv.inMenuProperty().get() && pv.consoleProperty().get().text().contains("GNU GRUB"));
        assertTrue(fx(() -> pv.statusProperty().get()).startsWith("GRUB · UEFI arm64"), fx(() -> pv.statusProperty().get()));
    }

    @Test
    void unparsableTextIsKept(FxRobot robot) throws Exception {
        ready();
        robot.clickOn("#tab-pxelinux");
        robot.clickOn("#text-edit-pxelinux");
        CodeArea area = robot.lookup("#code-pxelinux").queryAs(CodeArea.class);
        robot.interact(() -> area.replaceText("LABEL x\n  KERNEL\nMENU BEGIN\ngarbage {{{\n"));
        await("draft", () -> vm.draftProperty().get().contains("garbage"));
        vm.applyText().get(20, TimeUnit.SECONDS);
        // whether it imports or not, the text is never lost: kept in the editor, or in the texts generated from the
        // imported menu (made in the background after the apply: they may come a moment after it completes)
        java.util.concurrent.Callable<String> text = () -> vm.textModeProperty().get() ? area.getText() : vm.pxelinuxTextProperty().get() + vm.ipxeTextProperty().get();
        // (the pxelinux importer writes unknown keywords in upper case)
        try {
            await("the text, kept or generated from the imported menu", () -> text.call().toLowerCase(java.util.Locale.ROOT).contains("garbage {{{"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + fx(text), e);
        }
    }

    @Test
    void thePreviewIsDrivenWithTheKeyboard(FxRobot robot) throws Exception {
        ready();
        Menu m = Menu.builder("Test").defaultEntry("a")
                .entry("a", "Alpha", new BootAction.Linux("images/vmlinuz", List.of("images/initrd.img"), "console=ttyS0"))
                .entry("b", "Beta", new BootAction.Chain("http://example.org/boot.ipxe", false))
                .item(new Entry("c", "EFI only", null, List.of(dev.bootbench.menu.Platform.EFI), List.of(), null, new BootAction.Shell()))
                .build();
        fx(() -> vm.apply("test menu", x -> m));
        var pv = vm.preview();
        await("menu shown", () -> pv.inMenuProperty().get() && pv.consoleProperty().get().text().contains("Alpha"));
        assertFalse(pv.consoleProperty().get().text().contains("EFI only"), "BIOS does not offer the EFI entry");
        // the served root has the kernel but not the initrd: the client fails there, says so, and shows the menu again
        robot.clickOn("#preview-console");
        robot.type(KeyCode.ENTER);
        await("failure", () -> pv.interludeProperty().get()
                && pv.consoleProperty().get().text().contains("http://127.0.0.1/images/initrd.img... No such file or directory"));
        assertTrue(fx(() -> pv.actionProperty().get()).contains("then the menu 'Test' again, without a timeout: it waits for a choice"));
        robot.type(KeyCode.ENTER);
        await("back", () -> pv.inMenuProperty().get() && !pv.interludeProperty().get());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("chain", () -> pv.kindProperty().get().equals("chain") && pv.actionProperty().get().contains("http://example.org/boot.ipxe"));
        robot.type(KeyCode.ESCAPE);
        await("back again", () -> pv.inMenuProperty().get());
        // UEFI shows the EFI entry; pxelinux draws menu.c32 and cannot chain over HTTP
        robot.clickOn("#preview-firmware").clickOn("UEFI x64");
        await("efi", () -> pv.consoleProperty().get().text().contains("EFI only"));
        robot.clickOn("#preview-mode-pxelinux");
        robot.clickOn("#preview-firmware").clickOn("BIOS (x86_64)");
        await("menu.c32", () -> pv.consoleProperty().get().text().contains("╔") && !pv.consoleProperty().get().text().contains("Beta"));
        robot.clickOn("#preview-console").type(KeyCode.ENTER);
        await("pxelinux boot", () -> pv.actionProperty().get().contains("boot kernel images/vmlinuz"));
        await("missing", () -> pv.missing().equals(List.of("images/initrd.img")));
        assertTrue(fx(() -> pv.actionProperty().get()).contains("missing under the served root:\n  images/initrd.img"));
        // with the initrd there, iPXE boots
        Files.write(ws.resolve("root/images/initrd.img"), new byte[1000]);
        robot.clickOn("#preview-mode-ipxe");
        await("menu", () -> pv.inMenuProperty().get() && pv.consoleProperty().get().text().contains("Alpha"));
        robot.clickOn("#preview-console").type(KeyCode.ENTER);
        await("action", () -> pv.kindProperty().get().equals("boot"));
        String action = fx(() -> pv.actionProperty().get());
        assertTrue(action.contains("boot kernel http://127.0.0.1/images/vmlinuz") && action.contains("args   console=ttyS0")
                && action.contains("initrd http://127.0.0.1/images/initrd.img") && !action.contains("missing"), action);
    }

    @Test
    void aMissingDefaultKernelFailsOnceThenThePreviewWaitsAtTheMenu(FxRobot robot) throws Exception {
        ready();
        Menu m = Menu.builder("Failing default").defaultEntry("gone").timeoutMs(1000)
                .entry("gone", "Kernel not there", new BootAction.Linux("images/not-there", List.of(), ""))
                .entry("shell", "iPXE shell", new BootAction.Shell())
                .build();
        var pv = vm.preview();
        // every screen drawn, and whether its countdown ran (seen however briefly it is shown)
        List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            pv.consoleProperty().addListener((o, a, b) -> {
                if (b.text().contains("Kernel not there")) counted.add(pv.countingProperty().get() ? "countdown" : "waits");
            });
            return null;
        });
        fx(() -> vm.apply("failing default", x -> m));
        // the menu, counting down
        await("menu with its countdown", () -> counted.contains("countdown"));
        // its 1 s timeout takes the default, whose kernel is missing: the failure
        await("the failure", () -> pv.interludeProperty().get() && pv.consoleProperty().get().text().contains("Booting failed; returning to the menu."));
        String failure = fx(() -> pv.consoleProperty().get().text());
        assertTrue(failure.replace("\n", "").contains("http://127.0.0.1/images/not-there... No such file or directory (https://ipxe.org/2d0c613b)"),
                failure);
        assertEquals(List.of("gone"), fx(pv::choices));
        // a key: the menu again, without a countdown, waiting for a choice
        robot.clickOn("#preview-console").type(KeyCode.ENTER);
        await("the menu again", () -> pv.inMenuProperty().get() && pv.consoleProperty().get().text().contains("Kernel not there"));
        assertFalse(fx(() -> pv.countingProperty().get()), "no countdown");
        assertEquals("waits", counted.get(counted.size() - 1));
        assertFalse(fx(() -> pv.consoleProperty().get().text()).matches("(?s).*\\(\\d+\\).*"), fx(() -> pv.consoleProperty().get().text()));
        assertTrue(fx(() -> pv.statusProperty().get()).contains("no timeout: waits for a choice"), fx(() -> pv.statusProperty().get()));
        // and stays: nothing takes the default again (was: the default again after each timeout, for ever)
        Thread.sleep(2500);
        assertTrue(fx(() -> pv.inMenuProperty().get() && !pv.interludeProperty().get() && pv.choices().equals(List.of("gone"))));
        // the user chooses
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("shell", () -> pv.kindProperty().get().equals("shell"));
    }

    /** The problems follow the served root: a file copied in or removed shows without an edit (#24). */
    @Test
    void problemsFollowTheFilesOfTheServedRoot() throws Exception {
        ready();
        Path root = Path.of(ctx.settings().root);
        java.util.function.BooleanSupplier kernelMissing = () -> vm.problems().stream()
                .anyMatch(p -> p.source() == Problem.Source.IPXE && p.finding().code().equals("missing-file") && p.finding().message().contains("'vmlinuz'"));
        await("the sample menu's kernel is missing", () -> kernelMissing.getAsBoolean());
        Files.writeString(root.resolve("vmlinuz"), "a kernel");
        await("copied in: no longer missing", () -> !kernelMissing.getAsBoolean());
        Files.delete(root.resolve("vmlinuz"));
        await("removed: missing again", () -> kernelMissing.getAsBoolean());
    }

    /** The window at the size the issues are judged at, laid out. */
    private void at1280x800(FxRobot robot) {
        robot.interact(() -> {
            javafx.stage.Window w = window.root().getScene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        robot.interact(() -> window.root().getScene().getRoot().layout());
    }

    /** The preview's client is a client of this bench: its address from the pool, the bench as next-server, no label cut (#24). */
    @Test
    void thePreviewIsAClientOfThisBench(FxRobot robot) throws Exception {
        ready();
        PreviewViewModel pv = vm.preview();
        await("the bench's address, read off the FX thread", () -> "127.0.0.1".equals(pv.serverProperty().get()));
        assertEquals("127.0.0.1", fx(() -> pv.serverProperty().get()));
        await("the pool's first address", () -> "127.0.0.100".equals(pv.ipProperty().get()));
        assertEquals("127.0.0.100", fx(() -> pv.ipProperty().get()), "the pool's first address");
        assertEquals("127.0.0.100", robot.lookup("#preview-ip").queryAs(TextField.class).getText());
        at1280x800(robot);
        for (javafx.scene.Node n : robot.lookup("#preview-bar").queryAs(javafx.scene.layout.Pane.class).getChildrenUnmodifiable()) {
            List<javafx.scene.Node> parts = n instanceof javafx.scene.layout.HBox h ? List.copyOf(h.getChildren()) : List.of(n);
            for (javafx.scene.Node part : parts) {
                javafx.scene.layout.Region r = (javafx.scene.layout.Region) part;
                double width = fx(r::getWidth), pref = fx(() -> r.prefWidth(-1));
                assertTrue(width >= pref - 0.5, part + " is " + width + " px wide, it needs " + pref + " px");
            }
        }
    }

    /** At 1280 px, the "Published … at …" message gives way: no toolbar button is cut to "…" (#24). */
    @Test
    void theToolbarKeepsItsButtonsWholeAfterPublishAt1280(FxRobot robot) throws Exception {
        ready();
        robot.interact(() -> {
            javafx.stage.Window w = window.root().getScene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        robot.clickOn("#menu-publish");
        await("published message", () -> vm.messageProperty().get().startsWith("Published"));
        robot.interact(() -> window.root().getScene().getRoot().layout());
        for (String id : List.of("#menu-new", "#menu-import", "#menu-save", "#menu-publish", "#menu-undo", "#menu-redo")) {
            javafx.scene.control.Button b = robot.lookup(id).queryAs(javafx.scene.control.Button.class);
            double width = fx(b::getWidth), pref = fx(() -> b.prefWidth(-1));
            assertTrue(width >= pref - 0.5, id + " is " + width + " px wide, its text needs " + pref + " px");
        }
    }

    @Test
    void publishingChangesWhatTheRunningServerHandsOut(FxRobot robot) throws Exception {
        ready();
        ctx.background(() -> {
            ctx.engine().start(BootEngine.Service.HTTP);
            return null;
        }).get(20, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/boot.ipxe?mac=52:54:00:aa:bb:cc");
        String before = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(before.contains("Published from the editor"), before);

        fx(() -> {
            vm.selectedProperty().set(List.of());
            return null;
        });
        typeInto(robot, "#menu-title", "Published from the editor");
        await("title", () -> "Published from the editor".equals(vm.menu().title()));
        robot.clickOn("#menu-publish");
        await("published", () -> vm.publishedNameProperty().get().equals("Bench") && !vm.dirtyProperty().get());
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode());
        assertTrue(after.body().contains("menu Published from the editor"), after.body());
        assertTrue(after.body().contains("set base-url http://127.0.0.1:" + httpPort), after.body());
        assertTrue(Files.readString(ws.resolve("root/pxelinux.cfg/default")).contains("MENU TITLE Published from the editor"));
        assertEquals("Published from the editor", new MenuStore(ws).load("Bench").title());
        assertEquals(java.util.Optional.of("Bench"), new MenuStore(ws).published());
        // a client set (in the settings, saved) to boot the local disk next gets a script that leaves at once, once
        fx(() -> {
            dev.bootbench.workspace.Settings.Host h = new dev.bootbench.workspace.Settings.Host();
            h.nextBoot = "local";
            ctx.settings().hosts.put("52-54-00-AA-BB-CC", h);
            return ctx.saveSettings();
        }).get(20, TimeUnit.SECONDS);
        String local = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(local.contains("\nexit\n") && !local.contains("menu Published"), local);
        await("the next boot used up", () -> !ctx.settings().hosts.containsKey("52-54-00-AA-BB-CC"));
        String again = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(again.contains("menu Published from the editor"), "the boot after shows the menu again: " + again);
    }

    @Test
    void droppedFilesProposeEntriesAndImportsOpenAsNewMenus(FxRobot robot) throws Exception {
        ready();
        Path outside = UiTestSupport.tempDir("bootbench-drop");
        Files.write(outside.resolve("vmlinuz-6.1"), new byte[100]);
        Files.write(outside.resolve("initrd.img-6.1"), new byte[100]);
        Files.write(outside.resolve("tools.iso"), new byte[100]);
        vm.dropFiles(List.of(outside.resolve("vmlinuz-6.1"), outside.resolve("initrd.img-6.1"), outside.resolve("tools.iso"), outside.resolve("tools.iso"))).get(20, TimeUnit.SECONDS);
        await("entries", () -> vm.menu().entry("vmlinuz-6.1").isPresent() && vm.menu().entry("tools").isPresent());
        BootAction.Linux l = (BootAction.Linux) vm.menu().entry("vmlinuz-6.1").orElseThrow().action();
        assertEquals("vmlinuz-6.1", l.kernel());
        assertEquals(List.of("initrd.img-6.1"), l.initrds());
        assertTrue(Files.isRegularFile(ws.resolve("root/vmlinuz-6.1")) && Files.isRegularFile(ws.resolve("root/tools.iso")));
        robot.clickOn("#menu-undo");
        await("undone", () -> vm.menu().entry("tools").isEmpty());

        Path script = outside.resolve("lab.ipxe");
        Files.writeString(script, "#!ipxe\n:start\nmenu Lab\nitem one One\nitem two Two\nchoose t || exit\ngoto ${t}\n:one\nkernel http://x/vmlinuz\nboot\n:two\necho hi\ngoto start\n");
        vm.importFile(script).get(20, TimeUnit.SECONDS);
        await("imported", () -> vm.nameProperty().get().equals("lab") && "Lab".equals(vm.menu().title()) && vm.menu().entries().size() == 2);
        assertTrue(vm.dirtyProperty().get());
        assertTrue(vm.save().get(20, TimeUnit.SECONDS));
        assertTrue(Files.isRegularFile(ws.resolve("menus/lab.json")));
    }
}
