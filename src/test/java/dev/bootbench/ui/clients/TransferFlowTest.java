package dev.bootbench.ui.clients;

import static dev.bootbench.ui.UiTestSupport.await;
import static dev.bootbench.ui.UiTestSupport.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.ui.MainWindow;
import dev.bootbench.ui.UiTestSupport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** TFTP and HTTP started from the Servers view on loopback, files fetched with curl, the boot monitor watching. */
@ExtendWith(ApplicationExtension.class)
class TransferFlowTest {
    private MainWindow window;
    private Path ws;
    private int tftpPort;
    private int httpPort;

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        tftpPort = freeUdpPort();
        httpPort = freeTcpPort();
        ws = UiTestSupport.workspace("\"iface\":\"lo\",\"address\":\"127.0.0.1\",\"dhcpMode\":\"OFF\",\"tftpPort\":" + tftpPort + ",\"httpPort\":" + httpPort
                + ",\"routerAdvertisements\":false");
        byte[] big = new byte[3_000_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        Files.write(ws.resolve("root/images/big.img"), big);
        window = UiTestSupport.open(stage, ws);
    }

    @Stop
    void stop() {
        window.root().getScene().getWindow().hide();
        window.context().close();
    }

    private static String text(FxRobot robot, String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

    private static int curl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "curl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl finished");
        return p.exitValue();
    }

    @Test
    void downloadsShowUpInTheMonitorAndStoppingFreesThePorts(FxRobot robot) throws Exception {
        robot.clickOn("#tftp-toggle");
        robot.clickOn("#http-toggle");
        await("tftp running", () -> text(robot, "#tftp-state").equals("running"));
        await("http running", () -> text(robot, "#http-state").equals("running"));
        assertTrue(text(robot, "#http-detail").contains(Integer.toString(httpPort)), text(robot, "#http-detail"));

        Path out = UiTestSupport.tempDir("bootbench-curl").resolve("download.bin");
        assertEquals(0, curl("-sf", "--limit-rate", "1M", "-o", out.toString(), "http://127.0.0.1:" + httpPort + "/images/big.img"));
        assertEquals(3_000_000, Files.size(out));
        assertEquals(0, curl("-sf", "-o", out.toString(), "tftp://127.0.0.1:" + tftpPort + "/undionly.kpxe"));
        assertEquals(70_000, Files.size(out));

        robot.clickOn("#nav-clients");
        TableView<ClientRow> table = robot.lookup("#clients-table").query();
        await("row", () -> table.getItems().stream().anyMatch(r -> "127.0.0.1".equals(r.addressProperty().get())));
        ClientRow row = fx(() -> table.getItems().stream().filter(r -> "127.0.0.1".equals(r.addressProperty().get())).findFirst().orElseThrow());
        await("both transfers done", () -> row.transfers().size() == 2 && row.transfers().stream().allMatch(TransferRow::finished));
        TransferRow http = fx(() -> row.transfers().stream().filter(t -> t.file().equals("images/big.img")).findFirst().orElseThrow());
        assertEquals("OK", http.outcomeProperty().get());
        assertEquals(3_000_000, http.doneProperty().get());
        assertEquals(1.0, http.progress(), 1e-9);
        // rates are sampled every half second: a transfer the server finished quickly (into the socket's
        // buffers, whatever curl's limit) may be done before its first sample
        await("a rate sample", () -> http.samples().length > 0);
        double peak = Arrays.stream(http.samples()).max().orElse(0);
        assertTrue(peak > 100_000, "a throughput was measured: " + Arrays.toString(http.samples()));
        assertEquals("undionly.kpxe", fx(() -> row.fileProperty().get()));
        assertEquals(1.0, fx(() -> row.progressProperty().get()), 1e-9);

        robot.interact(() -> table.getSelectionModel().select(row));
        ListView<TimelineEntry> timeline = robot.lookup("#client-timeline").query();
        await("timeline", () -> timeline.getItems() != null && timeline.getItems().stream().anyMatch(e -> e.text().contains("big.img") && e.text().contains("ok"))
                && timeline.getItems().stream().anyMatch(e -> e.text().contains("undionly.kpxe") && e.text().contains("ok")));
        assertTrue(fx(() -> timeline.getItems().stream().allMatch(e -> e.offsetMillis() >= 0)));

        robot.clickOn("#nav-servers");
        robot.clickOn("#http-toggle");
        robot.clickOn("#tftp-toggle");
        await("http stopped", () -> text(robot, "#http-state").equals("stopped"));
        await("tftp stopped", () -> text(robot, "#tftp-state").equals("stopped"));
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", httpPort));
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", tftpPort))) {
            assertEquals(tftpPort, s.getLocalPort());
        }
    }

    @Test
    void aPortInUseShowsWhyHttpCannotStart(FxRobot robot) throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", httpPort));
            robot.clickOn("#http-toggle");
            await("http failed", () -> text(robot, "#http-state").equals("failed"));
            String why = text(robot, "#http-detail");
            assertTrue(why.contains(Integer.toString(httpPort)), why);
            String advice = text(robot, "#http-advice");
            assertTrue(robot.lookup("#http-advice").query().isVisible() && advice.contains("Another program holds the port"), advice);
            assertTrue(!window.context().engine().isRunning(Service.HTTP));
        }
    }
}
