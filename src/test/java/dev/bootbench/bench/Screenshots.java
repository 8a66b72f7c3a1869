package dev.bootbench.bench;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import java.net.InetSocketAddress;
import java.time.Duration;
import dev.bootbench.ui.AppContext;
import dev.bootbench.ui.MainWindow;
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
        BenchWindow opened = BenchWindow.open(ws, false, null);
        AppContext ctx = opened.ctx();
        MainWindow win = opened.window();
        Thread.sleep(1000);
        BootReplay replay = new BootReplay(ctx.bus());
        replay.services();
        for (int i = 0; i < 14; i++) {
            replay.pxeDhcp(i);
            org.slf4j.LoggerFactory.getLogger("dhcp").info("DISCOVER from {} → OFFER {} {}", BootReplay.mac(i), BootReplay.address(i).getHostAddress(), BootReplay.bootFile(i));
        }
        for (int i = 0; i < 10; i++) replay.ipxeDhcp(i);
        org.slf4j.LoggerFactory.getLogger("tftp").info("RRQ undionly.kpxe from 10.77.0.100: sent 70 kB in 0.2 s");
        org.slf4j.LoggerFactory.getLogger("http").info("GET /debian/amd64/linux from 10.77.0.101 (00:50:56:00:00:01): 200, 6.0 MB");
        org.slf4j.LoggerFactory.getLogger("tftp").error("RRQ pxelinux.cfg/default from 10.77.0.112: not found");
        Thread.sleep(500);
        Thread feeder = new Thread(() -> {
            for (int step = 0; step <= 80; step++) {
                for (int i = 0; i < 14; i++) feed(ctx.bus(), i, step);
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
        Platform.runLater(() -> win.clients().selectedProperty().set(win.clients().rows().get(1)));
        for (String view : MainWindow.VIEWS) {
            Platform.runLater(() -> {
                win.show(view);
                if (view.equals("log")) win.log().textProperty().set(BootReplay.mac(1).toString());
            });
            Thread.sleep(700);
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    WritableImage img = win.scene().snapshot(null);
                    BufferedImage b = SwingFXUtils.fromFXImage(img, null);
                    BufferedImage rgb = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
                    rgb.getGraphics().drawImage(b, 0, 0, null);
                    File f = out.resolve(view + (dark ? "-dark" : "") + ".png").toFile();
                    writePng(rgb, f);
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

    /** PNG at the strongest deflate level, to keep the files small. */
    private static void writePng(BufferedImage img, File f) throws java.io.IOException {
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
        if (p.canWriteCompressed()) {
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.0f);
        }
        f.delete();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(f)) {
            w.setOutput(out);
            w.write(null, new javax.imageio.IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    private static final java.util.Map<String, Transfer> TRANSFERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Transfer transfer(int i, Transfer.Protocol p, String file, long size) {
        return TRANSFERS.computeIfAbsent(i + "/" + file, k -> new Transfer(Transfer.nextId(), p, new InetSocketAddress(BootReplay.address(i), 2070),
                BootReplay.mac(i), file, size, 0, size, p == Transfer.Protocol.TFTP ? 1468 : 0, p == Transfer.Protocol.TFTP ? 8 : 0, ""));
    }

    private static void publish(EventBus bus, Transfer t, long done, boolean start, TransferFinished.Outcome end) {
        Instant now = Instant.now();
        if (start) bus.publish(new TransferStarted(now, t));
        if (end == null) bus.publish(new TransferProgress(now, t, done));
        else bus.publish(new TransferFinished(now, t, end, done, Duration.ofMillis(800), end == TransferFinished.Outcome.OK ? null : "not found"));
    }

    /** Step s of client i's boot, as the engine reports it: boot program, script, kernel, initrd, beacon. */
    private static void feed(EventBus bus, int i, int s) {
        String boot = BootReplay.bootFile(i);
        if (s == 0) publish(bus, transfer(i, Transfer.Protocol.TFTP, boot, 70_000), 0, true, null);
        if (s == 2) publish(bus, transfer(i, Transfer.Protocol.TFTP, boot, 70_000), 70_000, false, TransferFinished.Outcome.OK);
        if (i >= 10) {
            if (s == 5 && i == 12) publish(bus, transfer(i, Transfer.Protocol.HTTP, "debian/amd64/linux", -1), 0, false, TransferFinished.Outcome.NOT_FOUND);
            return;
        }
        if (s == 3) {
            Transfer t = transfer(i, Transfer.Protocol.HTTP, "boot.ipxe", 900);
            publish(bus, t, 0, true, null);
            publish(bus, t, 900, false, TransferFinished.Outcome.OK);
        }
        long kernel = 6_000_000, initrd = 28_000_000;
        int speed = 1 + i % 4;
        if (s >= 4 && s <= 8) {
            Transfer t = transfer(i, Transfer.Protocol.HTTP, "debian/amd64/linux", kernel);
            publish(bus, t, Math.min(kernel, (s - 4) * kernel / 4), s == 4, s == 8 ? TransferFinished.Outcome.OK : null);
        }
        if (s >= 9) {
            Transfer t = transfer(i, Transfer.Protocol.HTTP, "debian/amd64/initrd.gz", initrd);
            long done = Math.min(initrd, (long) (s - 9) * initrd * speed / 120);
            boolean fin = done >= initrd && i % 3 == 0;
            if (!TRANSFERS.containsKey("done/" + i)) {
                publish(bus, t, done, s == 9, fin ? TransferFinished.Outcome.OK : null);
                if (fin) {
                    TRANSFERS.put("done/" + i, t);
                    bus.publish(new StageBeacon(Instant.now(), BootReplay.mac(i), "booting", BootReplay.address(i)));
                }
            }
        }
    }
}
