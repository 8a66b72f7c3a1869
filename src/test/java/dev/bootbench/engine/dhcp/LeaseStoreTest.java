package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.workspace.Workspace;
import dev.bootbench.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases survive a restart of the server: pool + store, closed, then a new pool + store on the same workspace. */
class LeaseStoreTest {
    static final long HOUR = 3_600_000L;
    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    LeasePool pool() {
        return new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.199")),
                Ipv4.toInt(Ipv4.parse("10.77.0.1")), Map.of(), now::get);
    }

    static MacAddress mac(int n) {
        return MacAddress.of(new byte[] {0x52, 0x54, 0, 0x77, 0, (byte) n});
    }

    @Test
    void leasesSurviveARestart() throws Exception {
        Workspace ws = new Workspace(dir);
        LeasePool p1 = pool();
        LeaseStore s1 = new LeaseStore(ws, p1);
        s1.open();
        int a1 = p1.offer(mac(1), 0, "pc1");
        p1.bind(mac(1), a1, HOUR, "pc1");
        int a2 = p1.offer(mac(2), 0, null);
        p1.bind(mac(2), a2, HOUR, null);
        p1.release(mac(2), a2);
        int a3 = p1.offer(mac(3), 0, null);
        p1.bind(mac(3), a3, HOUR, null);
        p1.decline(mac(3), a3, 10 * HOUR);
        p1.offer(mac(4), 0, null); // only offered: not worth keeping
        s1.close();
        assertTrue(Files.exists(ws.file(LeaseStore.FILE)));

        LeasePool p2 = pool();
        LeaseStore s2 = new LeaseStore(ws, p2);
        s2.open();
        assertEquals(p1.snapshot(), p2.snapshot());
        assertEquals(Ipv4.format(a1), p2.boundLease(mac(1)).address());
        assertEquals("pc1", p2.boundLease(mac(1)).hostname());
        assertEquals(Lease.State.RELEASED, p2.lease(mac(2)).state());
        assertNull(p2.lease(mac(4)));
        assertEquals(a1, p2.offer(mac(1), 0, null), "the same address after the restart");
        assertEquals(a2, p2.offer(mac(2), 0, null), "a released client too");
        assertNotEquals(a1, p2.offer(mac(5), a1, null), "another client does not get a restored lease");
        assertNotEquals(a3, p2.offer(mac(6), a3, null), "the quarantine survives");
        s2.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(LeaseStore.FILE), files.map(f -> f.getFileName().toString()).toList(), "no temp files left");
        }
    }

    /**
     * A power loss takes the journal's last unsynced lines: the leases in them are unknown, and their
     * addresses may be in use. After the restart new clients get other addresses first: the pool resumes
     * from a point the journal held ahead of where it was, instead of from the start of the range.
     */
    @Test
    void afterAPowerLossAddressesWhoseLeasesWereLostAreOfferedLast() throws Exception {
        Workspace ws = new Workspace(dir);
        LeasePool p1 = pool();
        LeaseStore s1 = new LeaseStore(ws, p1);
        s1.open();
        List<Integer> given = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int a = p1.offer(mac(i), 0, null);
            p1.bind(mac(i), a, HOUR, null);
            given.add(a);
        }
        Path journal = ws.file(LeaseStore.JOURNAL);
        for (int i = 0; i < 100 && !(Files.exists(journal) && Files.readString(journal).contains(mac(10).toString())); i++) Thread.sleep(50);
        // the disk kept the journal up to the 5th client's lease; the rest was still in the page cache
        List<String> lines = Files.readAllLines(journal);
        int cut = 0;
        for (int i = 0, leases = 0; i < lines.size() && leases < 5; i++, cut = i) if (lines.get(i).contains("\"lease\":{")) leases++;
        Files.write(journal, lines.subList(0, cut));
        // the process died with the machine: no close()

        LeasePool p2 = pool();
        LeaseStore s2 = new LeaseStore(ws, p2);
        s2.open();
        for (int i = 0; i < 5; i++) assertEquals(Ipv4.format(given.get(i)), p2.boundLease(mac(i + 1)).address(), "a lease on disk is kept");
        List<Integer> unknown = given.subList(5, 10);
        // every free address comes before them, but for the few the pool had not reached yet (at most an eighth of the pool)
        for (int i = 0; i < p2.size() - 5 - unknown.size() - p2.size() / 8; i++) {
            int a = p2.offer(mac(100 + i), 0, null);
            assertTrue(a != 0 && !unknown.contains(a), "new client " + i + " got " + Ipv4.format(a) + ", whose lease was lost");
        }
        s2.close();
    }

    @Test
    void aNewerLeaseFileIsRefused() throws Exception {
        Files.writeString(dir.resolve(LeaseStore.FILE), "{\"schemaVersion\": 99, \"leases\": []}");
        LeaseStore s = new LeaseStore(new Workspace(dir), pool());
        WorkspaceException e = assertThrows(WorkspaceException.class, s::open);
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertTrue(Files.exists(dir.resolve(LeaseStore.FILE)), "left as it is");
    }

    @Test
    void aBrokenLeaseFileIsKeptAsideAndThePoolStartsEmpty() throws Exception {
        Files.writeString(dir.resolve(LeaseStore.FILE), "{\"schemaVersion\": 1, \"leases\": [ {\"mac\": ");
        LeasePool p = pool();
        LeaseStore s = new LeaseStore(new Workspace(dir), p);
        s.open();
        assertEquals(List.of(), p.snapshot());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(LeaseStore.FILE + ".broken-")).count());
        }
        s.close();
    }

    @Test
    void incompleteEntriesAreSkipped() throws Exception {
        Files.writeString(dir.resolve(LeaseStore.FILE), """
                {"schemaVersion": 1, "leases": [
                  {"mac": "52:54:00:77:00:01", "address": "10.77.0.150", "state": "BOUND", "expiresAtMillis": 1800000000000},
                  {"mac": "52:54:00:77:00:02", "state": "BOUND", "expiresAtMillis": 1800000000000},
                  {"address": "10.77.0.152", "state": "BOUND"},
                  null,
                  {"mac": "52:54:00:77:00:03", "address": "10.77.0.153"}
                ]}""");
        LeasePool p = pool();
        LeaseStore s = new LeaseStore(new Workspace(dir), p);
        s.open();
        assertEquals(List.of("10.77.0.150"), p.snapshot().stream().map(Lease::address).toList());
        s.close();
    }

    @Test
    void afterACrashTheJournalIsReplayedAndATornLastLineIgnored() throws Exception {
        Workspace ws = new Workspace(dir);
        LeasePool p1 = pool();
        LeaseStore s1 = new LeaseStore(ws, p1);
        s1.open();
        int a1 = p1.offer(mac(1), 0, "pc1");
        p1.bind(mac(1), a1, HOUR, "pc1");
        int a2 = p1.offer(mac(2), 0, null);
        p1.bind(mac(2), a2, HOUR, null);
        p1.release(mac(2), a2);
        int a3 = p1.offer(mac(3), 0, null);
        p1.bind(mac(3), a3, HOUR, null);
        p1.decline(mac(3), a3, 10 * HOUR);
        Path journal = ws.file(LeaseStore.JOURNAL);
        for (int i = 0; i < 100 && !(Files.exists(journal) && Files.readAllLines(journal).size() >= 5); i++) Thread.sleep(50);
        List<Lease> before = p1.snapshot();
        // the process dies: no close(); its last write was cut short
        Files.writeString(journal, "{\"mac\":\"52:54:00:77:00:09\",\"lease\":{\"mac\":", java.nio.file.StandardOpenOption.APPEND);

        LeasePool p2 = pool();
        LeaseStore s2 = new LeaseStore(ws, p2);
        s2.open();
        assertEquals(before, p2.snapshot());
        assertEquals(Ipv4.format(a1), p2.boundLease(mac(1)).address());
        assertEquals(Lease.State.RELEASED, p2.lease(mac(2)).state());
        assertNotEquals(a3, p2.offer(mac(6), a3, null), "the quarantine survives");
        s2.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(LeaseStore.JOURNAL + ".broken-", LeaseStore.FILE), files.map(f -> f.getFileName().toString().replaceAll("[0-9]+$", ""))
                    .sorted().toList(), "compacted on close; the journal with its torn line kept aside");
        }
        LeasePool p3 = pool();
        LeaseStore s3 = new LeaseStore(ws, p3);
        s3.open();
        assertEquals(before, p3.snapshot());
        s3.close();
    }

    static String leaseJson(int n, String address) {
        return "{\"mac\":\"" + mac(n) + "\",\"address\":\"" + address + "\",\"state\":\"BOUND\",\"expiresAtMillis\":1800000000000,\"hostname\":null}";
    }

    static List<Path> copies(Path dir, String name) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".broken-")).toList();
        }
    }

    /**
     * Garbage in the journal, a line torn by a full disk and glued to the next, an entry that is not a
     * whole lease: each is skipped alone, every good entry after them is restored, and the journal is
     * kept as it was before it is rewritten.
     */
    @Test
    void damagedJournalLinesAreSkippedAloneAndTheJournalIsKept() throws Exception {
        Workspace ws = new Workspace(dir);
        LeasePool p1 = pool();
        LeaseStore s1 = new LeaseStore(ws, p1);
        s1.open();
        s1.close();
        long generation = Workspace.JSON.readTree(ws.file(LeaseStore.FILE).toFile()).get("generation").asLong();
        String journal = "{\"generation\":" + generation + "}\n"
                + "{\"mac\":\"" + mac(1) + "\",\"lease\":" + leaseJson(1, "10.77.0.151") + "}\n"
                + "\u0000\u0000garbage from a bad disk\n"
                + "{\"mac\":\"" + mac(2) + "\",\"lease\":{\"mac\":\"" + mac(2) + "\",\"addr"
                + "{\"mac\":\"" + mac(9) + "\",\"lease\":" + leaseJson(9, "10.77.0.159") + "}\n"
                + "{\"mac\":\"" + mac(3) + "\",\"lease\":" + leaseJson(3, "10.77.0.153") + "}\n"
                + "{\"mac\":\"" + mac(4) + "\",\"lease\":{\"mac\":\"" + mac(4) + "\",\"state\":\"BOUND\"}}\n"
                + "{\"mac\":\"" + mac(5) + "\",\"lease\":" + leaseJson(5, "10.77.0.155") + "}\n";
        Files.writeString(ws.file(LeaseStore.JOURNAL), journal);
        LeasePool p2 = pool();
        LeaseStore s2 = new LeaseStore(ws, p2);
        s2.open();
        assertEquals(List.of("10.77.0.151", "10.77.0.153", "10.77.0.155"), p2.snapshot().stream().map(Lease::address).toList());
        List<Path> kept = copies(dir, LeaseStore.JOURNAL);
        assertEquals(1, kept.size(), "the journal is kept aside");
        assertEquals(journal, Files.readString(kept.get(0)));
        s2.close();
    }

    /** One entry that is not a lease among fifty drops only itself; the file is kept as it was. */
    @Test
    void anInvalidEntryInTheLeaseFileDropsOnlyItself() throws Exception {
        StringBuilder b = new StringBuilder("{\"schemaVersion\": 1, \"generation\": 3, \"leases\": [\n");
        for (int i = 0; i < 50; i++) {
            String lease = leaseJson(i, "10.77.0." + (100 + i));
            if (i == 17) lease = lease.replace("BOUND", "BOUNDISH");
            if (i == 33) lease = lease.replace("1800000000000", "\"soon\"");
            b.append(lease).append(i < 49 ? ",\n" : "\n");
        }
        String file = b.append("]}\n").toString();
        Files.writeString(dir.resolve(LeaseStore.FILE), file);
        LeasePool p = pool();
        LeaseStore s = new LeaseStore(new Workspace(dir), p);
        s.open();
        assertEquals(48, p.snapshot().size());
        assertNull(p.lease(mac(17)));
        assertNull(p.lease(mac(33)));
        assertEquals("10.77.0.118", p.boundLease(mac(18)).address());
        List<Path> kept = copies(dir, LeaseStore.FILE);
        assertEquals(1, kept.size(), "the lease file as it was is kept aside");
        assertEquals(file, Files.readString(kept.get(0)));
        s.close();
    }

    /** The journal's lines are JSON whatever the client calls itself: quotes, backslashes, control characters, any script. */
    @Test
    void anyHostnameSurvivesTheJournal() throws Exception {
        Workspace ws = new Workspace(dir);
        LeasePool p1 = pool();
        LeaseStore s1 = new LeaseStore(ws, p1);
        s1.open();
        String name = "pc \"1\" \\ é 漢\u0001\n";
        int a = p1.offer(mac(1), 0, name);
        p1.bind(mac(1), a, HOUR, name);
        assertTrue(p1.commit());
        // the process dies: no close()
        LeasePool p2 = pool();
        LeaseStore s2 = new LeaseStore(ws, p2);
        s2.open();
        assertEquals(name, p2.boundLease(mac(1)).hostname());
        assertEquals(p1.snapshot(), p2.snapshot());
        s2.close();
    }

    /** A workspace where leases cannot be written is refused at once, before any lease is promised. */
    @Test
    void aWorkspaceThatCannotBeWrittenIsRefusedAtStart() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "");
        LeaseStore s = new LeaseStore(new Workspace(notAFolder.resolve("ws")), pool());
        WorkspaceException e = assertThrows(WorkspaceException.class, s::open);
        assertTrue(e.getMessage().contains("cannot save leases in " + notAFolder.resolve("ws")), e.getMessage());
        assertTrue(e.getMessage().contains("give --workspace"), "says what to do: " + e.getMessage());
    }

    /** {@code serve --workspace NEWDIR}: the folder is made and the journal kept in it from the start. */
    @Test
    void aWorkspaceFolderThatDoesNotExistYetIsMade() throws Exception {
        Workspace ws = new Workspace(dir.resolve("new/ws"));
        LeasePool p = pool();
        LeaseStore s = new LeaseStore(ws, p);
        s.open();
        int a = p.offer(mac(1), 0, null);
        p.bind(mac(1), a, HOUR, null);
        Path journal = ws.file(LeaseStore.JOURNAL);
        for (int i = 0; i < 40 && !(Files.exists(journal) && Files.readString(journal).contains(mac(1).toString())); i++) Thread.sleep(50);
        assertTrue(Files.exists(journal) && Files.readString(journal).contains(mac(1).toString()), "the lease is in the journal");
        s.close();
        assertTrue(Files.readString(ws.file(LeaseStore.FILE)).contains(mac(1).toString()));
    }
}
