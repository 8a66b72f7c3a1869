package dev.bootbench.workspace;

import dev.bootbench.engine.DhcpMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void settingsRoundTrip() throws IOException {
        Workspace ws = new Workspace(dir);
        Settings s = new Settings();
        s.iface = "enp0s31f6";
        s.address = "10.77.0.1";
        s.dhcpMode = DhcpMode.PROXY;
        s.range = "10.77.0.100-10.77.0.199";
        s.leaseSeconds = 600;
        s.subnetMask = "255.255.255.0";
        s.router = "10.77.0.254";
        s.dns = new ArrayList<>(List.of("10.77.0.53", "9.9.9.9"));
        s.domain = "bench.lan";
        s.root = "/srv/boot";
        s.httpPort = 8080;
        s.tftpPort = 6969;
        s.biosBoot = "lpxelinux.0";
        s.uefiBoot = "snponly.efi";
        s.uefiIa32Boot = "ia32.efi";
        s.arm64Boot = "arm64.efi";
        s.ipxeScript = "";
        s.pxelinuxConfigFile = "pxelinux.cfg/lab";
        s.pxelinuxPathPrefix = "/boot/";
        s.detectOtherServers = false;
        s.routerAdvertisements = false;
        Settings.Host h = new Settings.Host();
        h.address = "10.77.0.20";
        h.hostname = "pc20";
        h.bootFile = "special.efi";
        h.ipxeScript = "http://x/y.ipxe";
        h.nextBoot = "local";
        s.hosts.put("52:54:00:77:00:20", h);
        ws.saveSettings(s);

        Settings r = new Workspace(dir).loadSettings();
        assertEquals(Settings.SCHEMA_VERSION, r.schemaVersion);
        assertEquals(Workspace.JSON.valueToTree(s), Workspace.JSON.valueToTree(r), "every field comes back");
        assertEquals("", r.ipxeScript, "an empty script (iPXE rule off) is not confused with none");
        assertEquals("special.efi", r.hosts.get("52:54:00:77:00:20").bootFile);
        assertEquals(List.of("settings.json"), List.of(names(dir).toArray(new String[0])));
    }

    @Test
    void missingSettingsGiveDefaults() {
        Settings s = new Workspace(dir.resolve("new")).loadSettings();
        assertEquals(DhcpMode.FULL, s.dhcpMode);
        assertEquals("undionly.kpxe", s.biosBoot);
        assertEquals("ipxe.efi", s.uefiBoot);
        assertNull(s.ipxeScript);
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"schemaVersion\": 1, \"iface\": \"eth9\", \"futureThing\": {\"a\": 1}}");
        assertEquals("eth9", new Workspace(dir).loadSettings().iface);
    }

    @Test
    void corruptSettingsAreMovedAsideNeverLostAndDefaultsUsed() throws IOException {
        String broken = "{\"schemaVersion\": 1, \"iface\": \"eth0\", ";
        Files.writeString(dir.resolve("settings.json"), broken);
        Settings s = new Workspace(dir).loadSettings();
        assertEquals(new Settings().biosBoot, s.biosBoot);
        assertNull(s.iface);
        List<String> files = names(dir);
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).startsWith("settings.json.broken-"), files.toString());
        assertEquals(broken, Files.readString(dir.resolve(files.get(0))), "the broken file is kept byte for byte");
        // saving now writes a fresh file beside the kept one
        new Workspace(dir).saveSettings(s);
        assertEquals(2, names(dir).size());
    }

    @Test
    void wronglyTypedSettingsAreMovedAsideToo() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"schemaVersion\": 1, \"leaseSeconds\": \"forever\", \"dhcpMode\": \"sideways\"}");
        Settings s = new Workspace(dir).loadSettings();
        assertEquals(3600, s.leaseSeconds);
        assertTrue(names(dir).get(0).startsWith("settings.json.broken-"));
    }

    @Test
    void settingsFromANewerBootbenchAreRefused() throws IOException {
        String newer = "{\"schemaVersion\": " + (Settings.SCHEMA_VERSION + 1) + ", \"iface\": \"eth0\"}";
        Files.writeString(dir.resolve("settings.json"), newer);
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> new Workspace(dir).loadSettings());
        assertTrue(e.getMessage().contains("newer Bootbench"), e.getMessage());
        assertTrue(e.getMessage().contains("settings.json"), e.getMessage());
        assertEquals(newer, Files.readString(dir.resolve("settings.json")), "left untouched");
    }

    @Test
    void atomicWriteReplacesAndLeavesNoTempFiles() throws IOException {
        Path f = dir.resolve("sub/dir/file.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("file.json"), names(f.getParent()));
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("target");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isDirectory(target.resolve("inside")));
        assertEquals(List.of("target"), names(dir), "no temp file left behind");
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        Path f = dir.resolve("big.json");
        byte[] a = new byte[1 << 20], b = new byte[(1 << 20) + 4096];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        AtomicFiles.write(f, a);
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = new ArrayList<>();
        Thread reader = new Thread(() -> {
            int reads = 0;
            while (!done.get() || reads < 20) {
                try {
                    byte[] got = Files.readAllBytes(f);
                    if (!(Arrays.equals(got, a) || Arrays.equals(got, b))) {
                        problems.add("read " + got.length + " bytes of mixed or partial content");
                    }
                } catch (IOException e) {
                    problems.add(e.toString());
                }
                reads++;
            }
        });
        reader.start();
        for (int i = 0; i < 30; i++) AtomicFiles.write(f, i % 2 == 0 ? b : a);
        done.set(true);
        reader.join();
        assertEquals(List.of(), problems);
        assertArrayEquals(a, Files.readAllBytes(f));
        assertEquals(List.of("big.json"), names(dir));
    }

    /** A file of ours that holds {@code null} (or is empty) is not "no file": it is kept aside, never overwritten. */
    @Test
    void aFileHoldingNullIsKeptAsideNotTakenForMissing() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "null\n");
        Files.writeString(dir.resolve("leases.json"), "");
        Workspace ws = new Workspace(dir);
        assertNull(ws.read("settings.json", Settings.class, Settings.SCHEMA_VERSION));
        assertNull(ws.read("leases.json", Settings.class, Settings.SCHEMA_VERSION));
        List<String> names = names(dir);
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.get(0).startsWith("leases.json.broken-") && names.get(1).startsWith("settings.json.broken-"), names.toString());
        assertEquals("null\n", Files.readString(dir.resolve(names.get(1))));
    }
}
