package dev.bootbench.bench;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import dev.bootbench.publish.MenuStore;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.editor.MenuEditorView;
import dev.bootbench.ui.editor.MenuEditorViewModel;
import dev.bootbench.ui.preview.PreviewViewModel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * The Menus view (tree, code, preview) as PNGs, the way {@link Screenshots} takes the others (under Xvfb):
 * {@code DISPLAY=:99 java -cp ... dev.bootbench.bench.MenuScreenshots packaging/screenshots [dark]}.
 */
public final class MenuScreenshots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "packaging/screenshots");
        boolean dark = args.length > 1 && args[1].equals("dark");
        Files.createDirectories(out);
        Path ws = Files.createTempDirectory("bootbench-menu-shots");
        Path root = ws.resolve("root");
        Files.createDirectories(root.resolve("debian/amd64"));
        Files.write(root.resolve("debian/amd64/linux"), new byte[1000]);
        Files.write(root.resolve("debian/amd64/initrd.gz"), new byte[1000]);
        Files.write(root.resolve("memdisk"), new byte[1000]);
        Files.writeString(ws.resolve("settings.json"), "{\"schemaVersion\":1,\"iface\":\"lo\",\"root\":\"" + root + "\"}");
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"width\":1360,\"height\":860,\"view\":\"menus\",\"theme\":\"" + (dark ? "dark" : "light") + "\"}");
        Menu rescue = Menu.builder("Rescue tools").defaultEntry("memtest")
                .entry("memtest", "Memtest86+", new BootAction.Linux("memtest/memtest64.efi", List.of(), ""))
                .entry("gparted", "GParted Live", new BootAction.Iso("iso/gparted.iso", null, true)).build();
        Menu m = Menu.builder("Bench lab: ${mac} (${platform} ${buildarch})").defaultEntry("debian").timeoutMs(15_000)
                .colours(new Colours(List.of(), List.of(new Colours.ColourPair(2, 7, 2))))
                .gap("Installers")
                .entry("debian", "Debian 12 installer", new BootAction.Linux("debian/amd64/linux", List.of("debian/amd64/initrd.gz"), "priority=low ---"))
                .item(new Entry("winpe", "Windows PE", null, List.of(dev.bootbench.menu.Platform.EFI), List.of(), null,
                        new BootAction.Wimboot("wimboot", "win/boot/bcd", "win/boot/boot.sdi", "win/sources/boot.wim")))
                .entry("wds", "Windows Deployment Services", new BootAction.Wds("10.77.0.5"))
                .gap("")
                .gap("Tools")
                .entry("rescue", "Rescue tools", new BootAction.Submenu(rescue))
                .entry("shell", "iPXE shell", new BootAction.Shell())
                .entry("local", "Boot from the local disk", new BootAction.LocalDisk(null))
                .build();
        new MenuStore(ws).save("Bench lab", m);
        System.setProperty("bootbench.noNotifications", "true");
        BenchWindow opened = BenchWindow.open(ws, false, "menus");
        AppContext ctx = opened.ctx();
        MainWindow win = opened.window();
        Thread.sleep(2500);
        MenuEditorViewModel vm = fx(() -> MenuEditorView.viewModel(win.scene().lookup("#menus-view")));
        fx(() -> {
            vm.selectedProperty().set(List.of(1));
            vm.preview().restart();
            vm.preview().down();
            return null;
        });
        Thread.sleep(1200);
        shot(win, out.resolve("menus" + (dark ? "-dark" : "") + ".png").toFile());
        fx(() -> {
            vm.preview().modeProperty().set(PreviewViewModel.Mode.PXELINUX);
            vm.preview().down();
            return null;
        });
        Thread.sleep(800);
        shot(win, out.resolve("menus-pxelinux" + (dark ? "-dark" : "") + ".png").toFile());
        fx(() -> {
            vm.preview().modeProperty().set(PreviewViewModel.Mode.IPXE);
            vm.preview().enter();
            vm.editAsText(dev.bootbench.ui.editor.Analysis.Format.IPXE);
            vm.setDraft(vm.draftProperty().get() + "\n:extra\necho typed by hand\ngoto nowhere\n");
            return null;
        });
        Thread.sleep(1500);
        fx(() -> {
            vm.problems().stream().filter(p -> p.finding().message().contains("nowhere")).findFirst().ifPresent(vm::reveal);
            return null;
        });
        Thread.sleep(500);
        shot(win, out.resolve("menus-text" + (dark ? "-dark" : "") + ".png").toFile());
        Platform.exit();
        System.exit(0);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> t = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(t);
        return t.get(10, TimeUnit.SECONDS);
    }

    private static void shot(MainWindow w, File f) throws Exception {
        fx(() -> {
            WritableImage img = w.scene().snapshot(null);
            BufferedImage b = SwingFXUtils.fromFXImage(img, null);
            BufferedImage rgb = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(b, 0, 0, null);
            ImageIO.write(rgb, "png", f);
            System.out.println(f + " " + f.length() / 1024 + " KB");
            return null;
        });
    }
}
