package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.testlab.DhcpWave;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged leases survive what happens to a real {@code bootbench serve}: kill -9 in the middle of
 * a wave of clients, and a workspace on a disk that fills up. A generated client ({@link DhcpWave}, a
 * relay agent in a namespace of its own) records every ACK the moment it arrives; after the restart,
 * every acknowledged lease must still be held by its MAC (the MAC gets the same address again) and
 * never given to another MAC.
 */
class LeaseDurabilityIT {
    static final String RANGE = "10.77.1.0-10.77.250.250";
    @TempDir
    Path tmp;
    private Netns server, client;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path mount;

    @BeforeEach
    void bench() {
        Lab.requireRootAnd("ip", "mount", "umount");
        Lab.jar();
        server = Netns.create("srv");
        client = Netns.create("cli");
        Netns.link(server, "bench0", "10.77.0.1/16", client, "eth0", "10.77.0.2/16");
    }

    @AfterEach
    void teardown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
        if (client != null) client.close();
        if (server != null) server.close();
        if (mount != null) Exec.run("umount", "-l", mount.toString());
    }

    private ServeProcess serve(Path workspace) throws IOException {
        ServeProcess s = ServeProcess.start(server, tmp.resolve("serve-" + System.nanoTime() + ".log"), "--iface", "bench0",
                "--workspace", workspace.toString(), "--root", tmp.toString(), "--range", RANGE, "--no-detect",
                "--router-advertisements", "off");
        toClose.add(s);
        return s;
    }

    /** Starts a wave of DORAs in the client namespace; its replies go to {@code out} as they come. */
    private Process wave(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ServeProcess.javaBin(), "-cp", System.getProperty("java.class.path"),
                DhcpWave.class.getName(), "--local", "10.77.0.2", "--server", "10.77.0.1", "--out", out.toString()));
        cmd.addAll(List.of(args));
        return client.start(cmd, tmp.resolve("wave.log"));
    }

    private Map<String, String> runWave(Path out, String... args) throws Exception {
        Process p = wave(out, args);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) throw new AssertionError("the wave did not end");
        return acks(out);
    }

    /** MAC to address of every ACK in a wave's output, in order (the last one for a MAC). */
    static Map<String, String> acks(Path out) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.exists(out)) return m;
        for (String l : Files.readAllLines(out)) {
            String[] f = l.split(" ");
            if (f[0].equals("ACK") && f.length == 3) m.put(f[1], f[2]);
        }
        return m;
    }

    static void awaitAcks(Path out, int n, Process wave) throws Exception {
        for (int i = 0; i < 600 && acks(out).size() < n; i++) {
            if (!wave.isAlive()) break;
            Thread.sleep(10);
        }
    }

    /** Every acknowledged lease is held by its MAC: each MAC asks again and gets the address it was acknowledged. */
    private void assertHeldByTheirMacs(Map<String, String> acked, String why) throws Exception {
        Path macs = tmp.resolve("macs-" + System.nanoTime());
        Files.write(macs, acked.keySet());
        Map<String, String> again = runWave(tmp.resolve("again-" + System.nanoTime()), "--macs", macs.toString(), "--concurrency", "16");
        List<String> lost = new ArrayList<>();
        for (var e : acked.entrySet()) if (!e.getValue().equals(again.get(e.getKey()))) lost.add(e.getKey() + " " + e.getValue() + " -> " + again.get(e.getKey()));
        assertTrue(lost.isEmpty(), why + ": " + lost.size() + " of " + acked.size() + " acknowledged leases lost, e.g. "
                + lost.subList(0, Math.min(10, lost.size())));
    }

    /** New MACs never get an address acknowledged to another MAC. */
    private Map<String, String> assertNeverGivenToOthers(Map<String, String> acked, String prefix, int count) throws Exception {
        Map<String, String> fresh = runWave(tmp.resolve("fresh-" + System.nanoTime()), "--mac-prefix", prefix, "--count", Integer.toString(count),
                "--concurrency", "16");
        assertTrue(fresh.size() > count / 2, "the new clients got addresses: " + fresh.size());
        Map<String, String> byAddress = new HashMap<>();
        acked.forEach((mac, a) -> byAddress.put(a, mac));
        List<String> doubled = new ArrayList<>();
        fresh.forEach((mac, a) -> {
            if (byAddress.containsKey(a)) doubled.add(a + " acknowledged to " + byAddress.get(a) + ", now to " + mac);
        });
        assertTrue(doubled.isEmpty(), doubled.size() + " addresses handed to a second MAC, e.g. " + doubled.subList(0, Math.min(10, doubled.size())));
        return fresh;
    }

    @Test
    void killedMidWaveEveryAcknowledgedLeaseIsKeptByItsMac() throws Exception {
        Path ws = tmp.resolve("ws");
        Map<String, String> acked = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            ServeProcess s = serve(ws);
            Path out = tmp.resolve("wave-" + round);
            Process w = wave(out, "--mac-prefix", "52:54:0" + round + ":00", "--count", "6000", "--concurrency", "16",
                    "--timeout-ms", "1000", "--idle-ms", "2000");
            awaitAcks(out, 400 + 300 * round, w);
            assertTrue(w.isAlive(), "the wave was still going when serve was killed");
            s.kill9();
            assertTrue(w.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the wave ends once the server is gone");
            Map<String, String> got = acks(out);
            assertTrue(got.size() >= 400, "acknowledged before the kill: " + got.size());
            acked.putAll(got);
            ServeProcess again = serve(ws);
            // new clients first: a lost lease's address would go to one of them
            Map<String, String> fresh = assertNeverGivenToOthers(acked, "52:54:1" + round + ":00", 1000);
            assertHeldByTheirMacs(acked, "after kill -9 number " + (round + 1));
            acked.putAll(fresh);
            again.kill9();
        }
    }

    private Path tmpfs(String options) {
        mount = tmp.resolve("disk");
        try {
            Files.createDirectories(mount);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Exec.run("mount", "-t", "tmpfs", "-o", options, "bbtest", mount.toString()).orThrow();
        return mount;
    }

    /**
     * The workspace's disk fills up while serve runs: no lease is acknowledged that cannot be saved (it
     * says so once), the ones acknowledged before and after survive a kill -9, and once there is room
     * again it acknowledges again (and says so).
     */
    @Test
    void aFullDiskStopsAcknowledgingInsteadOfLosingLeases() throws Exception {
        Path disk = tmpfs("size=512k");
        Path ws = disk.resolve("ws");
        ServeProcess s = serve(ws);
        Map<String, String> acked = new LinkedHashMap<>(runWave(tmp.resolve("before"), "--mac-prefix", "52:54:20:00", "--count", "200",
                "--concurrency", "8"));
        assertEquals(200, acked.size(), "all acknowledged while there is room");
        Exec.run("dd", "if=/dev/zero", "of=" + disk.resolve("filler"), "bs=4k"); // ends with "No space left on device"
        Map<String, String> whileFull = runWave(tmp.resolve("full"), "--mac-prefix", "52:54:21:00", "--count", "100",
                "--concurrency", "8", "--timeout-ms", "500", "--idle-ms", "5000");
        acked.putAll(whileFull);
        Files.delete(disk.resolve("filler"));
        Map<String, String> after = runWave(tmp.resolve("after"), "--mac-prefix", "52:54:22:00", "--count", "100", "--concurrency", "8");
        acked.putAll(after);
        s.kill9();
        serve(ws);
        assertNeverGivenToOthers(acked, "52:54:23:00", 500);
        assertHeldByTheirMacs(acked, "after a full disk and kill -9");
        assertTrue(whileFull.size() < 100, "no lease acknowledged that could not be saved: " + whileFull.size() + " of 100 while the disk was full");
        assertEquals(100, after.size(), "acknowledging again once there is room");
        String log = s.log();
        assertEquals(1, log.lines().filter(l -> l.contains("no new lease is acknowledged until they can be saved")).count(), "said once:\n" + log);
        assertTrue(log.contains("No space left on device"), log);
        assertTrue(log.contains("leases are saved to " + ws.resolve(LeaseStore.JOURNAL) + " again"), log);
    }

    /** A workspace that cannot be written is refused at start with the reason, instead of promising leases it cannot keep. */
    @Test
    void aReadOnlyWorkspaceIsRefusedAtStart() throws Exception {
        Path disk = tmpfs("ro,size=64k");
        Exec.Result r = server.exec(Duration.ofSeconds(40), ServeProcess.javaBin(), "-jar", Lab.jar().toString(), "serve", "--iface", "bench0",
                "--workspace", disk.resolve("ws").toString(), "--root", tmp.toString(), "--range", RANGE, "--no-detect",
                "--router-advertisements", "off");
        String out = r.stdout() + r.stderr();
        assertEquals(1, r.exitCode(), out);
        assertTrue(out.contains("cannot save leases in " + disk.resolve("ws")), out);
        assertTrue(out.contains("Read-only file system"), out);
        assertTrue(out.contains("give --workspace a folder that is"), out);
        assertFalse(out.contains("serve: ready"), out);
    }
}
