package dev.bootbench.bench;

import dev.bootbench.ui.MainWindow;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * The Servers view with its PXE firmware menu pane filled in, scrolled to the pane, as PNGs (under Xvfb, 1280x800):
 * {@code DISPLAY=:99 java -cp ... dev.bootbench.bench.ServersScreenshots OUT [dark]}. Then the export's dialog is left
 * open for {@code xwd -root} (it is a window of its own) for {@code export} seconds given as a third argument.
 */
public final class ServersScreenshots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        boolean dark = args.length > 1 && args[1].equals("dark");
        int linger = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Files.createDirectories(out);
        Path ws = Files.createTempDirectory("bootbench-servers-shots");
        Path root = ws.resolve("root");
        Files.createDirectories(root.resolve("debian"));
        Files.write(root.resolve("undionly.kpxe"), new byte[70_000]);
        Files.write(root.resolve("ipxe.efi"), new byte[1_000_000]);
        Files.write(root.resolve("debian/pxelinux.0"), new byte[40_000]);
        Files.writeString(ws.resolve("settings.json"), "{\"schemaVersion\":1,\"iface\":\"lo\",\"root\":\"" + root
                + "\",\"range\":\"127.0.0.100-127.0.0.199\",\"dhcpMode\":\"PROXY\",\"pxeMenu\":{\"prompt\":\"Press F8 for the bench menu\",\"timeout\":5,"
                + "\"defaultItem\":\"Boot from the local disk\",\"items\":["
                + "{\"system\":\"bios\",\"label\":\"Debian 12 installer (pxelinux)\",\"bootFile\":\"debian/pxelinux.0\"},"
                + "{\"system\":\"bios\",\"label\":\"Windows Deployment Services\",\"server\":\"10.77.0.5\",\"type\":32769},"
                + "{\"system\":\"bios\",\"label\":\"Boot from the local disk\",\"local\":true},"
                + "{\"system\":\"x64\",\"label\":\"iPXE\",\"bootFile\":\"ipxe.efi\"},"
                + "{\"system\":\"x64\",\"label\":\"Memtest86+\",\"bootFile\":\"memtest/memtest64.efi\"}]}}");
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"width\":1280,\"height\":800,\"view\":\"servers\",\"theme\":\""
                + (dark ? "dark" : "light") + "\"}");
        System.setProperty("bootbench.noNotifications", "true");
        BenchWindow opened = BenchWindow.open(ws, false, "servers");
        MainWindow win = opened.window();
        Thread.sleep(2000);
        String suffix = dark ? "-dark" : "";
        fx(() -> {
            ((TitledPane) win.scene().lookup("#pxe-menu")).setExpanded(true);
            @SuppressWarnings("unchecked")
            var table = (javafx.scene.control.TableView<Object>) win.scene().lookup("#pxe-items");
            table.getSelectionModel().select(1);
            return null;
        });
        Thread.sleep(800);
        ScrollPane scroll = fx(() -> {
            javafx.scene.Node n = win.scene().lookup("#pxe-menu");
            while (!(n instanceof ScrollPane)) n = n.getParent();
            return (ScrollPane) n;
        });
        for (double v : new double[] {0.45, 1.0}) {
            fx(() -> {
                scroll.setVvalue(v);
                return null;
            });
            Thread.sleep(600);
            shot(win, out.resolve("servers-pxe-menu-" + (v < 1 ? "top" : "bottom") + suffix + ".png").toFile());
        }
        if (linger > 0) {
            Path export = Files.createTempDirectory("bootbench-export-shot").resolve("production");
            fx(() -> win.servers().exportTo(export));
            Thread.sleep(linger * 1000L);
        }
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
