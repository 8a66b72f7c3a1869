package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.cli.ServeCommand;
import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.publish.MenuPublisherTest;
import dev.bootbench.publish.MenuStore;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.ServeProcess;
import dev.bootbench.ui.AppContext;
import java.net.Inet4Address;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop app and {@code bootbench serve} make the same decisions from the same workspace (a published menu,
 * next boots per MAC, per-client boot files, settings): every DHCP request of the reference captures gets the same
 * boot answer from both, and {@code /boot.ipxe?mac=} the same script from both running HTTP servers (the app's
 * AppContext and a real {@code serve} process on loopback). Needs no root.
 */
@ExtendWith(ApplicationExtension.class)
class AppServeParityIT {
    static final String X = "52:54:00:77:00:01", Y = "52:54:00:77:00:02", Z = "52:54:00:77:00:03";
    @TempDir Path tmp;

    @Start
    void start(Stage stage) {
        // the FX toolkit for the app's event pump; no window needed
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theAppAndServeAnswerAlike() throws Exception {
        Path ws = tmp.resolve("ws");
        Path root = Files.createDirectories(tmp.resolve("root"));
        int appPort = freePort(), servePort = freePort(), tftpPort = freePort();
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("settings.json"), """
                {"schemaVersion":1,"address":"127.0.0.1","dhcpMode":"OFF","root":"%s","httpPort":%d,"tftpPort":%d,
                 "uefiBoot":"snponly.efi","pxelinuxConfigFile":"pxelinux.cfg/lab",
                 "hosts":{"%s":{"nextBoot":"local","nextBootAlways":true},"%s":{"nextBoot":"linux","nextBootAlways":true},
                          "%s":{"bootFile":"lpxelinux.0","hostname":"bench-pc3","ipxeScript":""}}}
                """.formatted(root, appPort, tftpPort + 1, X, Y, Z));
        MenuStore store = new MenuStore(ws);
        store.save("Lab", MenuPublisherTest.menu("Lab menu"));
        store.setPublished("Lab");

        List<String> serveArgs = List.of("--workspace", ws.toString(), "--address", "127.0.0.1", "--dhcp", "off",
                "--http-port", Integer.toString(servePort), "--tftp-port", Integer.toString(tftpPort));
        try (AppContext app = new AppContext(ws, false);
             ServeProcess serve = ServeProcess.start(null, Files.createTempFile(tmp, "serve", ".log"), serveArgs.toArray(String[]::new))) {
            app.background(() -> {
                app.engine().start(BootEngine.Service.HTTP);
                return null;
            }).get(20, TimeUnit.SECONDS);

            // DHCP: every request of the reference boots, decided by the app's core and by serve's (built as serve builds it)
            var owner = Executors.newSingleThreadExecutor();
            EngineSetup serveSetup = ServeCommand.setup(ServeCommand.parse(serveArgs), new EventBus(), owner);
            Inet4Address server = Ipv4.parse("10.77.0.1");
            int compared = 0;
            for (String capture : CaptureGoldenTest.CAPTURES) {
                for (CaptureGoldenTest.Captured c : CaptureGoldenTest.requests(capture)) {
                    ClientInfo info = c.client();
                    BootDecision a = app.setup().boot().decide(info, server);
                    BootDecision b = serveSetup.boot().decide(info, server);
                    // serve runs HTTP on its own port here: the script URL is the only place the port shows
                    assertEquals(a, new BootDecision(b.bootFile() == null ? null : b.bootFile().replace(":" + servePort + "/", ":" + appPort + "/"),
                            b.ipxeScript(), b.pxelinuxConfigFile(), b.pxelinuxPathPrefix(), b.reason()), capture + " " + info.mac());
                    compared++;
                }
            }
            owner.shutdownNow();
            assertTrue(compared > 20, "requests compared: " + compared);

            // HTTP: the same script from both running servers, for clients with and without a next boot
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> macs = new ArrayList<>(List.of(X, Y, Z, "52:54:00:77:00:99"));
            for (String mac : macs) {
                String fromApp = get(http, "http://127.0.0.1:" + appPort + "/boot.ipxe?mac=" + mac).replace(":" + appPort, ":PORT");
                String fromServe = get(http, "http://127.0.0.1:" + servePort + "/boot.ipxe?mac=" + mac).replace(":" + servePort, ":PORT");
                assertEquals(fromApp, fromServe, mac);
                assertTrue(fromApp.startsWith("#!ipxe"), fromApp);
            }
            assertTrue(get(http, "http://127.0.0.1:" + servePort + "/boot.ipxe?mac=" + X).contains("\nexit\n"), "serve honours next boot local");
            assertTrue(get(http, "http://127.0.0.1:" + servePort + "/boot.ipxe?mac=" + Y).contains("goto linux\n"), "and an entry");
            assertTrue(get(http, "http://127.0.0.1:" + servePort + "/boot.ipxe?mac=52:54:00:77:00:99").contains("menu Lab menu"),
                    "serve serves the published menu, not the template");
            // a boot.ipxe the user put in the served root wins, in both
            Files.writeString(root.resolve("boot.ipxe"), "#!ipxe\necho the user's own script\n");
            for (int port : new int[] {appPort, servePort}) {
                assertEquals("#!ipxe\necho the user's own script\n", get(http, "http://127.0.0.1:" + port + "/boot.ipxe?mac=" + X));
            }
            assertTrue(serve.log().contains("a file of yours wins over the generated menu"), "serve says which one it serves");
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }
}
