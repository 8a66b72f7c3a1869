package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.http.HttpBootServer;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.testlab.Events;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published menu's beacons reach the engine: the script is fetched from the real HTTP server, and each beacon
 * URL, expanded as iPXE expands it ({@code ${bb-event}} as the script sets it, {@code ${errno}} as iPXE formats it),
 * is fetched from that server and becomes the stage event the boot sessions read.
 */
class PublishedBeaconsTest {
    @TempDir Path tmp;

    @Test
    void everyStageOfTheServedScriptArrivesAsAStageBeacon() throws Exception {
        EventBus bus = new EventBus();
        ClientDirectory none = a -> Optional.empty();
        Path root = Files.createDirectories(tmp.resolve("root"));
        var cfg = HttpBootServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false));
        var scripts = MenuPublisherTest.core();
        try (Events events = new Events(bus); HttpBootServer server = new HttpBootServer(cfg, bus, none, new OpenFiles(), scripts, List::of)) {
            server.start();
            new MenuPublisher((m, n) -> scripts.update(c -> c.withMenu(m, n))).publish(MenuPublisherTest.menu("M"), "M", null);
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            String script = http.send(HttpRequest.newBuilder(URI.create(base + "/boot.ipxe?mac=52:54:00:ab:cd:ef")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher set = Pattern.compile("(?m)^set bb-event (\\S+)$").matcher(script);
            assertTrue(set.find(), script);
            assertEquals(base + "/_/event?mac=52:54:00:ab:cd:ef", set.group(1));
            Map<String, String> urls = new LinkedHashMap<>();
            Matcher beacon = Pattern.compile("(?m)^isset \\$\\{bb-event} && imgfetch --name bb-beacon (\\S+) && imgfree bb-beacon \\|\\|$").matcher(script);
            while (beacon.find()) {
                String url = beacon.group(1).replace("${bb-event}", set.group(1)).replace("${errno}", "0x2d0c613b");
                urls.putIfAbsent(url.replaceAll(".*[?&]stage=([a-z]+).*", "$1"), url);
            }
            assertEquals(java.util.Set.of("booting", "local", "failed"), urls.keySet(), script);
            for (String url : urls.values())
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), url);
            MacAddress mac = MacAddress.parse("52:54:00:ab:cd:ef");
            for (String stage : urls.keySet()) {
                StageBeacon b = events.await(StageBeacon.class, x -> x.stage().equals(stage));
                assertEquals(mac, b.mac(), stage);
                assertEquals(stage.equals("failed") ? "0x2d0c613b" : null, b.detail(), stage);
            }
        }
    }
}
