package dev.bootbench.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.testlab.Bench;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.BootTimes;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.QemuGuest;
import dev.bootbench.testlab.ServeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Clients view as a technician watches it: the real desktop app ({@link ClientsViewApp}, its real AppContext,
 * headless) runs inside the server's namespace on a bench link limited like a slow switch (16 Mbit/s), the menu
 * published from the Menus view model, the Clients view shown and never switched; real firmware boots through it
 * (SeaBIOS with QEMU's iPXE ROM, then OVMF's own PXE chainloading ipxe.efi), and the test reads what the rows draw
 * every 100 ms. Then a boot whose initrd is missing: the row says it failed and why, and the client does not loop.
 * Screenshots of each scenario go to target/qemu/clients-view/.
 */
@Tag("qemu")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientsViewBootIT {
    static final String TAG = "clients-view";
    static final String BIOS_MAC = "52:54:00:77:0e:01";
    static final String OVMF_MAC = "52:54:00:77:0e:02";
    static final String FAIL_MAC = "52:54:00:77:0e:03";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path runDir;
    static Path root;
    static Bench bench;
    static Process app;
    static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        RealBoot.requirePreconditions();
        Lab.requireRootAnd("tc");
        runDir = Lab.targetDir().resolve("qemu").resolve(TAG);
        Exec.run("rm", "-rf", runDir.toString());
        Files.createDirectories(runDir);
        root = Files.createTempDirectory("bootbench-root-");
        BootAssets.copy(BootAssets.IPXE.resolve("ipxe.efi"), root.resolve("ipxe.efi"));
        BootAssets.copy(BootAssets.kernel(), root.resolve("vmlinuz"));
        // the test initramfs and, appended as a second archive (the kernel unpacks each in turn), 6 MiB of noise: an
        // initrd of a few seconds at the bench's rate, as real ones take, rather than a fraction of one
        byte[] noise = new byte[6 << 20];
        new java.util.Random(18).nextBytes(noise);
        byte[] pad = new dev.bootbench.testlab.Cpio().file("pad.bin", 0644, noise).toGzip();
        try (var o = Files.newOutputStream(root.resolve("initrd.img"))) {
            o.write(Files.readAllBytes(BootAssets.initrd()));
            o.write(pad);
        }
        Exec.run("chmod", "-R", "a+rX", root.toString()).orThrow();

        Path ws = runDir.resolve("workspace");
        Files.createDirectories(ws.resolve("menus"));
        Files.writeString(ws.resolve("settings.json"), """
                {"schemaVersion":1,"iface":"%s","address":"%s","dhcpMode":"FULL","range":"10.77.0.100-10.77.0.149",
                 "root":"%s","detectOtherServers":false,"routerAdvertisements":true,"uefiBoot":"ipxe.efi"}
                """.formatted(Bench.SERVER_IFACE, Bench.SERVER_IP, root));
        Files.writeString(ws.resolve("ui.json"), "{\"schemaVersion\":1,\"view\":\"clients\",\"width\":1280,\"height\":800}");
        Menu menu = Menu.builder("Bootbench: the Clients view test").defaultEntry("linux").timeoutMs(2000)
                .entry("linux", "Linux: the test kernel", new BootAction.Linux("vmlinuz", List.of("initrd.img"),
                        "initrd=initrd.img console=ttyS0 panic=-1 bootbench.tag=" + TAG))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
        Files.writeString(ws.resolve("menus/bench.json"), MenuJson.toJson(menu));

        bench = Bench.create();
        // a slow switch: the server's side sends at 16 Mbit/s, so a kernel takes seconds, not a fraction of one
        Exec.run(Duration.ofSeconds(20), bench.server().wrap(List.of("tc", "qdisc", "add", "dev", Bench.SERVER_IFACE, "root",
                "tbf", "rate", "16mbit", "burst", "32kbit", "latency", "400ms"))).orThrow();

        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(ServeProcess.javaBin(), "-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dtestfx.robot=glass", "-Dtestfx.headless=true", "-Dprism.order=sw", "-Dprism.disableRegionCaching=true",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true",
                "-cp", cp, ClientsViewApp.class.getName(), ws.toString(), runDir.toString(), "bench"));
        Path log = runDir.resolve("app.log");
        Files.writeString(log, "");
        app = bench.server().start(cmd, log);
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(log).contains("CLIENTS-VIEW-APP READY")) {
            if (!app.isAlive() || System.nanoTime() > end) throw new AssertionError("the app did not start:\n" + Files.readString(log));
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                command("quit");
                if (!app.waitFor(20, TimeUnit.SECONDS)) {
                    app.descendants().forEach(ProcessHandle::destroyForcibly);
                    app.destroyForcibly();
                }
            }
        } finally {
            if (bench != null) bench.close();
            if (root != null) Exec.run("rm", "-rf", root.toString());
            report.forEach(System.out::println);
        }
    }

    // ---- the scenarios ----

    @Test
    @Order(1)
    void aBiosMachineWithQemusIpxeRomIsFollowedLiveFromDhcpToBooting() throws Exception {
        watchABoot("bios", QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, BIOS_MAC, List.of());
    }

    @Test
    @Order(2)
    void anOvmfMachineChainloadingIpxeEfiIsFollowedLiveFromDhcpToBooting() throws Exception {
        watchABoot("ovmf", QemuGuest.Firmware.OVMF, QemuGuest.Nic.VIRTIO_NO_ROM, OVMF_MAC, List.of("ipxe.efi"));
    }

    @Test
    @Order(3)
    void aBootWhoseInitrdIsMissingShowsFailedWithItsReasonAndDoesNotLoop() throws Exception {
        Files.move(root.resolve("initrd.img"), root.resolve("initrd.img.away"));
        Path dir = Files.createDirectories(runDir.resolve("failed"));
        String tap = bench.addTap();
        long start = System.currentTimeMillis();
        try (QemuGuest guest = QemuGuest.start(bench, tap, QemuGuest.Firmware.BIOS, QemuGuest.Nic.E1000, FAIL_MAC, dir)) {
            JsonNode failed = awaitRow(FAIL_MAC, r -> text(r, "Stage").contains("failed"), Duration.ofSeconds(RealBoot.BOOT_TIMEOUT.toSeconds()),
                    "the row showing the failure", guest);
            long failedAt = failed.get("t").asLong();
            report.add(String.format(Locale.ROOT, "CLIENTS-VIEW failed: row shows failed %.1f s after QEMU start", (failedAt - start) / 1000.0));
            assertTrue(text(failed, "tooltip").contains("initrd.img"), "the row's tooltip names the missing file: " + failed);
            JsonNode click = click(FAIL_MAC);
            assertTrue(click.get("hint").asText().contains("initrd.img"), "the detail pane says why: " + click);
            command("screenshot clients-failed");
            // the generated menu comes back without a timeout after a failure: nothing more is fetched, nothing loops
            Thread.sleep(25_000);
            String ip = clientOf(FAIL_MAC);
            long kernelsAfter = events("transfers.jsonl").stream()
                    .filter(e -> e.get("t").asLong() > failedAt && e.get("file").asText().equals("vmlinuz")
                            && (FAIL_MAC.equals(e.get("mac").asText()) || ip.equals(e.get("client").asText())))
                    .count();
            assertEquals(0, kernelsAfter, "the client fetched its kernel again after the failure: the menu looped");
            JsonNode last = lastRow(FAIL_MAC);
            assertEquals("✖  failed", text(last, "Stage"), "one failure, still shown 25 s later: " + last);
            assertTrue(guest.serialLog().contains("Bootbench: the Clients view test"), "the menu is on the client's screen again");
        } finally {
            Files.move(root.resolve("initrd.img.away"), root.resolve("initrd.img"));
        }
    }

    // ---- one boot, watched ----

    private void watchABoot(String name, QemuGuest.Firmware fw, QemuGuest.Nic nic, String mac, List<String> bootProgram) throws Exception {
        Path dir = Files.createDirectories(runDir.resolve(name));
        String tap = bench.addTap();
        long markerAt;
        double seconds;
        try (QemuGuest guest = QemuGuest.start(bench, tap, fw, nic, mac, dir)) {
            try {
                seconds = guest.awaitMarker(TAG, RealBoot.BOOT_TIMEOUT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\napp log:\n" + Files.readString(runDir.resolve("app.log")) + "\nserial:\n" + guest.serialLog(), e);
            }
            markerAt = System.currentTimeMillis();
        }
        BootTimes.record(TAG + "-" + name, seconds, "with the desktop app, 16 Mbit/s");
        // booting: within 10 s of the kernel's marker (the script says so before it boots, so it is usually before)
        JsonNode booting = awaitRow(mac, r -> text(r, "Stage").contains("booting"), Duration.ofSeconds(12), "the row showing booting", null);
        assertTrue(booting.get("t").asLong() <= markerAt + 10_000, "booting shown " + (booting.get("t").asLong() - markerAt) + " ms after the marker");

        List<JsonNode> rows = rowsOf(mac);
        List<JsonNode> stages = events("stages.jsonl").stream().filter(e -> mac.equals(e.get("mac").asText())).toList();
        assertTrue(!stages.isEmpty(), "the engine saw the boot");
        long firstDhcp = stages.get(0).get("t").asLong();
        long rowAt = rows.get(0).get("t").asLong();
        assertTrue(rowAt - firstDhcp <= 2000, "the row appeared " + (rowAt - firstDhcp) + " ms after the first DHCP exchange");

        // what the row drew while the files came: the program (if any), the script, the kernel and the initrd with progress and a rate
        for (String f : bootProgram) assertTrue(rows.stream().anyMatch(r -> text(r, "File").equals(f)), "the row showed " + f + ": " + files(rows));
        assertTrue(rows.stream().anyMatch(r -> text(r, "File").startsWith("boot.ipxe")), "the row showed the script: " + files(rows));
        for (String f : List.of("vmlinuz", "initrd.img")) {
            assertTrue(rows.stream().anyMatch(r -> text(r, "File").equals(f) && progress(r) > 0 && progress(r) < 1 && isRate(text(r, "Rate"))),
                    "the row showed " + f + " part way, with its progress bar and a rate: " + rows.stream().filter(r -> text(r, "File").equals(f)).toList());
        }
        assertTrue(rows.stream().anyMatch(r -> text(r, "Stage").contains("kernel")), "the row showed the kernel stage");

        // each stage the engine reached, and how long until the row showed it (or a later one)
        long worst = 0;
        String worstStage = "";
        List<String> order = List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        for (JsonNode st : stages) {
            String stage = st.get("stage").asText();
            int rank = order.indexOf(stage);
            if (rank < 0) continue;
            long t = st.get("t").asLong();
            JsonNode seen = rows.stream().filter(r -> r.get("t").asLong() >= t && rankOf(text(r, "Stage"), order) >= rank).findFirst().orElse(null);
            assertTrue(seen != null, "the row never showed " + stage);
            long delay = seen.get("t").asLong() - t;
            if (delay > worst) {
                worst = delay;
                worstStage = stage;
            }
        }
        report.add(String.format(Locale.ROOT, "CLIENTS-VIEW %s: QEMU start to marker %.1f s; largest delay engine stage -> row %d ms (%s; rows read every 100 ms)",
                name, seconds, worst, worstStage));
        assertTrue(worst <= 600, "a stage reached the row " + worst + " ms after the engine (" + worstStage + ")");

        // a click on the row shows its timeline
        JsonNode click = click(mac);
        assertTrue(click.get("title").asText().startsWith(mac), "the detail pane shows the clicked client: " + click);
        assertTrue(click.get("timelineSize").asInt() > 5 && click.get("timeline").toString().contains("DISCOVER"), "its timeline: " + click);
        command("screenshot clients-" + name);
    }

    // ---- reading what the app wrote ----

    static int rankOf(String stageText, List<String> order) {
        String s = stageText.toLowerCase(Locale.ROOT);
        if (s.contains("booting")) return order.indexOf("BOOTING");
        if (s.contains("initrd")) return order.indexOf("INITRD");
        if (s.contains("kernel")) return order.indexOf("KERNEL");
        if (s.contains("script")) return order.indexOf("SCRIPT");
        if (s.contains("ipxe dhcp")) return order.indexOf("IPXE_DHCP");
        if (s.contains("boot program")) return order.indexOf("BOOT_PROGRAM");
        if (s.contains("dhcp")) return order.indexOf("DHCP");
        return -1;
    }

    static String text(JsonNode row, String column) {
        JsonNode v = row.get(column);
        return v == null ? "" : v.asText();
    }

    static double progress(JsonNode row) {
        JsonNode v = row.get("Progress");
        return v == null ? 0 : v.asDouble();
    }

    static boolean isRate(String s) {
        return s.endsWith("/s") && !s.startsWith("0 ");
    }

    static List<String> files(List<JsonNode> rows) {
        return rows.stream().map(r -> text(r, "File")).distinct().toList();
    }

    static String clientOf(String mac) throws IOException {
        for (JsonNode r : rowsOf(mac)) if (!text(r, "IP").isEmpty()) return text(r, "IP");
        return "?";
    }

    static List<JsonNode> events(String file) throws IOException {
        Path p = runDir.resolve(file);
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(p)) return out;
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) if (!l.isBlank()) out.add(JSON.readTree(l));
        return out;
    }

    static List<JsonNode> rowsOf(String mac) throws IOException {
        return events("rows.jsonl").stream().filter(r -> mac.equals(text(r, "MAC"))).toList();
    }

    static JsonNode lastRow(String mac) throws IOException {
        List<JsonNode> rows = rowsOf(mac);
        return rows.get(rows.size() - 1);
    }

    static JsonNode awaitRow(String mac, Predicate<JsonNode> want, Duration timeout, String what, QemuGuest guest) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode r : rowsOf(mac)) if (want.test(r)) return r;
            Thread.sleep(200);
        }
        List<JsonNode> rows = rowsOf(mac);
        throw new AssertionError("timed out waiting for " + what + "; last row: " + (rows.isEmpty() ? "none" : rows.get(rows.size() - 1))
                + (guest == null ? "" : "\nserial:\n" + guest.serialLog()));
    }

    static void command(String c) throws IOException {
        Files.writeString(runDir.resolve("commands"), c + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    static JsonNode click(String mac) throws Exception {
        Path f = runDir.resolve("click-" + mac + ".json");
        Files.deleteIfExists(f);
        command("click " + mac);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(f) || Files.size(f) == 0) {
            if (System.nanoTime() > end) throw new AssertionError("the app did not answer the click");
            Thread.sleep(100);
        }
        Thread.sleep(100);
        JsonNode n = JSON.readTree(Files.readString(f).trim());
        if (n.has("error")) throw new AssertionError(n.get("error").asText());
        return n;
    }
}
