package dev.bootbench.bench;

import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.EngineEvents;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.clients.TransferUpdate;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders each view with simulated clients and saves PNGs (under Xvfb):
 * {@code Xvfb :99 & DISPLAY=:99 java -cp ... dev.bootbench.bench.Screenshots packaging/screenshots [dark]}.
 */
public final class Screenshots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "packaging/screenshots");
        boolean dark = args.length > 1 && args[1].equals("dark");
        Files.createDirectories(out);
        Path ws = Files.createTempDirectory("bootbench-shots");
        Path root = ws.resolve("root");
        Files.createDirectories(root.resolve("debian/amd64"));
        Files.write(root.resolve("debian/amd64/linux"), new byte[6_000_000]);
        Files.write(root.resolve("debian/amd64/initrd.gz"), new byte[28_000_000]);
        Files.write(root.resolve("undionly.kpxe"), new byte[70_000]);
        Files.write(root.resolve("ipxe.efi"), new byte[1_000_000]);
        Files.writeString(root.resolve("boot.ipxe"), "#!ipxe\n");
        Files.writeString(ws.resolve("settings.json"), "{\"schemaVersion\":1,\"iface\":\"lo\",\"root\":\"" + root + "\",\"range\":\"10.77.0.100-10.77.0.199\",\"dns\":[\"10.77.0.1\"],\"router\":\"10.77.0.1\"}");
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"width\":1280,\"height\":800,\"theme\":\"" + (dark ? "dark" : "light") + "\"}");
        System.setProperty("bootbench.noNotifications", "true");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AppContext ctx = new AppContext(ws, false, EngineEvents::coalesceKey);
        MainWindow[] w = new MainWindow[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            w[0] = new MainWindow(ctx, stage);
            stage.show();
            shown.countDown();
        });
        shown.await();
        Thread.sleep(1000);
        BootReplay replay = new BootReplay(ctx.bus());
        replay.services();
        replay.otherServer();
        org.slf4j.LoggerFactory.getLogger("dhcp").warn("another DHCP server answers on enp0s31f6: 10.77.0.254 offers 10.77.0.57");
        for (int i = 0; i < 14; i++) {
            replay.pxeDhcp(i);
            org.slf4j.LoggerFactory.getLogger("dhcp").info("DISCOVER from {} → OFFER {} {}", BootReplay.mac(i), BootReplay.address(i).getHostAddress(), BootReplay.bootFile(i));
        }
        for (int i = 0; i < 10; i++) replay.ipxeDhcp(i);
        org.slf4j.LoggerFactory.getLogger("tftp").info("RRQ undionly.kpxe from 10.77.0.100: sent 70 kB in 0.2 s");
        org.slf4j.LoggerFactory.getLogger("http").info("GET /debian/amd64/linux from 10.77.0.101 (00:50:56:00:00:01): 200, 6.0 MB");
        org.slf4j.LoggerFactory.getLogger("tftp").error("RRQ pxelinux.cfg/default from 10.77.0.112: not found");
        Thread.sleep(500);
        // transfers: straight into the view model until the engine's transfer events are on the bus here
        Thread feeder = new Thread(() -> {
            for (int step = 0; step <= 80; step++) {
                int st = step;
                Platform.runLater(() -> {
                    for (int i = 0; i < 14; i++) feed(w[0], i, st);
                });
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        Thread.sleep(9000);
        Platform.runLater(() -> w[0].clients().selectedProperty().set(w[0].clients().rows().get(1)));
        for (String view : MainWindow.VIEWS) {
            Platform.runLater(() -> w[0].show(view));
            Thread.sleep(700);
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    WritableImage img = w[0].scene().snapshot(null);
                    BufferedImage b = SwingFXUtils.fromFXImage(img, null);
                    BufferedImage rgb = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
                    rgb.getGraphics().drawImage(b, 0, 0, null);
                    File f = out.resolve(view + (dark ? "-dark" : "") + ".png").toFile();
                    ImageIO.write(rgb, "png", f);
                    System.out.println(f + " " + f.length() / 1024 + " KB");
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            done.await(10, TimeUnit.SECONDS);
        }
        Platform.exit();
        System.exit(0);
    }

    /** Step s of 20 of client i's boot: boot program, script, kernel, initrd. */
    private static void feed(MainWindow w, int i, int s) {
        MacAddress mac = BootReplay.mac(i);
        String ip = BootReplay.address(i).getHostAddress();
        long base = i * 100L;
        Instant now = Instant.now();
        var vm = w.clients();
        if (s == 0) vm.onTransfer(new TransferUpdate(now, base + 1, "TFTP", mac, ip, BootReplay.bootFile(i), 70_000, 0, TransferUpdate.Phase.STARTED, null, null));
        if (s == 2) vm.onTransfer(new TransferUpdate(now, base + 1, "TFTP", mac, ip, BootReplay.bootFile(i), 70_000, 70_000, TransferUpdate.Phase.FINISHED, "OK", null));
        if (i >= 10) {
            if (s == 4 && i == 12) vm.onTransfer(new TransferUpdate(now, base + 2, "TFTP", mac, ip, "pxelinux.cfg/default", -1, 0, TransferUpdate.Phase.FINISHED, "NOT_FOUND", null));
            if (s == 5 && i == 12) vm.onTransfer(new TransferUpdate(now, base + 3, "HTTP", mac, ip, "boot.ipxe", -1, 0, TransferUpdate.Phase.FINISHED, "NOT_FOUND", "404"));
            return;
        }
        if (s == 3) vm.onTransfer(new TransferUpdate(now, base + 2, "HTTP", mac, ip, "boot.ipxe", 900, 900, TransferUpdate.Phase.FINISHED, "OK", null));
        long kernel = 6_000_000, initrd = 28_000_000;
        int speed = 1 + i % 4;
        if (s >= 4 && s <= 8) {
            Phase p = s == 4 ? Phase.STARTED : s == 8 ? Phase.FINISHED : Phase.PROGRESS;
            long done = Math.min(kernel, (s - 4) * kernel / 4);
            vm.onTransfer(new TransferUpdate(now, base + 3, "HTTP", mac, ip, "debian/amd64/linux", kernel, done, p.p, p == Phase.FINISHED ? "OK" : null, null));
        }
        if (s >= 9) {
            long done = Math.min(initrd, (long) (s - 9) * initrd * speed / 120);
            boolean fin = done >= initrd && i % 3 == 0;
            vm.onTransfer(new TransferUpdate(now, base + 4, "HTTP", mac, ip, "debian/amd64/initrd.gz", initrd, done, s == 9 ? TransferUpdate.Phase.STARTED : fin ? TransferUpdate.Phase.FINISHED : TransferUpdate.Phase.PROGRESS, fin ? "OK" : null, null));
        }
    }

    private enum Phase {
        STARTED(TransferUpdate.Phase.STARTED), PROGRESS(TransferUpdate.Phase.PROGRESS), FINISHED(TransferUpdate.Phase.FINISHED);
        final TransferUpdate.Phase p;
        Phase(TransferUpdate.Phase p) {
            this.p = p;
        }
    }
}
