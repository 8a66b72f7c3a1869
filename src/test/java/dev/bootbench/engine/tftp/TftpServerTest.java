package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferEvent;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.testlab.Events;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TFTP state machine against a scripted client over loopback, transfers sleeping until each answer comes. */
class TftpServerTest {
    static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    @TempDir Path root;
    EventBus bus = new EventBus();
    Events events = new Events(bus);
    OpenFiles files = new OpenFiles();
    TftpServer server;
    InetSocketAddress addr;
    List<TestTftpClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        start(c -> c);
    }

    void start(java.util.function.UnaryOperator<TftpServer.Config> tweak) throws IOException {
        if (server != null) server.close();
        var cfg = TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false))
                .withStallTimeout(Duration.ofSeconds(3));
        ClientDirectory dir = a -> a.isLoopbackAddress() ? Optional.of(MAC) : Optional.empty();
        server = new TftpServer(tweak.apply(polling(cfg)), bus, dir, files);
        tune(server);
        server.start();
        addr = server.address();
    }

    /** Changes to the server before it starts (none here). */
    void tune(TftpServer s) {
    }

    /** Here transfers never poll for answers; {@link TftpServerPollingTest} runs every test again with polling. */
    TftpServer.Config polling(TftpServer.Config c) {
        return c.withPolling(Duration.ZERO, 0);
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TestTftpClient::close);
        server.close();
        events.close();
    }

    TestTftpClient client() throws IOException {
        TestTftpClient c = new TestTftpClient(addr);
        clients.add(c);
        return c;
    }

    byte[] file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        return b;
    }

    @Test
    void plainReadWithoutOptions() throws Exception {
        byte[] content = file("pxelinux.0", 1500);
        var c = client();
        c.rrq("pxelinux.0", "octet");
        assertArrayEquals(content, c.receiveFile(512, 1));
        TransferFinished f = events.finished("pxelinux.0");
        assertEquals(Outcome.OK, f.outcome());
        assertEquals(1500, f.bytesDone());
        assertEquals(1500, f.transfer().size());
        assertEquals(MAC, f.transfer().mac());
        assertEquals(Transfer.Protocol.TFTP, f.transfer().protocol());
        List<TransferEvent> all = events.ofTransfer(f.transfer().id());
        assertInstanceOf(TransferStarted.class, all.get(0));
        assertEquals(f, all.get(all.size() - 1));
        assertEquals(3, c.dataPackets, "1500 bytes are 2 full blocks and one short one, each sent once");
    }

    @Test
    void exactMultipleOfBlockSizeEndsWithAnEmptyBlock() throws Exception {
        byte[] content = file("f", 1024);
        var c = client();
        c.rrq("f", "octet");
        assertArrayEquals(content, c.receiveFile(512, 1));
        assertEquals(3, c.dataPackets);
        assertEquals(1024, events.finished("f").bytesDone());
    }

    @Test
    void emptyFile() throws Exception {
        file("empty", 0);
        var c = client();
        c.rrq("empty", "octet", "tsize", "0");
        assertEquals(new TftpPacket.Oack(Map.of("tsize", "0")), c.next());
        c.toPeer(new TftpPacket.Ack(0));
        assertArrayEquals(new byte[0], c.receiveFile(512, 1));
        assertEquals(Outcome.OK, events.finished("empty").outcome());
    }

    @Test
    void optionsAreNegotiated() throws Exception {
        byte[] content = file("boot/vmlinuz", 100_000);
        var c = client();
        c.rrq("/boot/vmlinuz", "octet", "blksize", "1468", "tsize", "0", "windowsize", "8", "timeout", "3", "x-unknown", "1");
        var oack = (TftpPacket.Oack) c.next();
        assertEquals(Map.of("blksize", "1468", "tsize", "100000", "windowsize", "8", "timeout", "3"), oack.options());
        c.toPeer(new TftpPacket.Ack(0));
        assertArrayEquals(content, c.receiveFile(1468, 8));
        TransferFinished f = events.finished("boot/vmlinuz");
        assertEquals(Outcome.OK, f.outcome());
        assertEquals(1468, f.transfer().blockSize());
        assertEquals(8, f.transfer().windowSize());
        assertEquals(100_000, f.bytesDone());
        assertTrue(f.transfer().detail().contains("windowsize=8"), f.transfer().detail());
    }

    @Test
    void negotiationLimits() throws IOException {
        var cfg = TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false));
        var n = TftpServer.negotiate(Map.of("blksize", "99999"), 10, cfg);
        assertEquals(65464, n.blockSize());
        n = TftpServer.negotiate(Map.of("blksize", "7"), 10, cfg);
        assertEquals(512, n.blockSize());
        assertTrue(n.oack().isEmpty(), "an invalid blksize is left out of the OACK");
        n = TftpServer.negotiate(Map.of("blksize", "abc", "timeout", "0", "windowsize", "0", "tsize", "x"), 10, cfg);
        assertTrue(n.oack().isEmpty(), n.toString());
        n = TftpServer.negotiate(Map.of("blksize", "99999999999999999999999"), 10, cfg);
        assertEquals(512, n.blockSize());
        // the window is cut so that at most 64 KiB are in flight
        var m = new HashMap<String, String>();
        m.put("blksize", "65464");
        m.put("windowsize", "16");
        n = TftpServer.negotiate(m, 10, cfg);
        assertEquals(1, n.windowSize());
        assertEquals("1", n.oack().get("windowsize"));
        m.put("blksize", "1428");
        n = TftpServer.negotiate(m, 10, cfg);
        assertEquals(16, n.windowSize());
        m.put("blksize", "512");
        m.put("windowsize", "65535");
        n = TftpServer.negotiate(m, 10, cfg);
        assertEquals(64, n.windowSize());
        // tsize unknown (netascii): not answered
        n = TftpServer.negotiate(Map.of("tsize", "0"), -1, cfg);
        assertTrue(n.oack().isEmpty());
    }

    @Test
    void tsizeProbeAbortedWithError8IsItsOwnOutcome() throws Exception {
        file("ipxe.efi", 5000);
        var c = client();
        c.rrq("ipxe.efi", "octet", "tsize", "0", "blksize", "1468");
        assertEquals(new TftpPacket.Oack(Map.of("tsize", "5000", "blksize", "1468")), c.next());
        c.toPeer(new TftpPacket.Error(8, "tsize only"));
        TransferFinished f = events.finished("ipxe.efi");
        assertEquals(Outcome.ABORTED_AFTER_OACK, f.outcome());
        assertEquals(0, f.bytesDone());
        // and the real request after it works, from a new port as OVMF does
        var c2 = client();
        c2.rrq("ipxe.efi", "octet", "blksize", "1468");
        c2.next();
        c2.toPeer(new TftpPacket.Ack(0));
        assertEquals(5000, c2.receiveFile(1468, 1).length);
    }

    @Test
    void probeThenSameRequestFromTheSamePort() throws Exception {
        byte[] content = file("ipxe.efi", 3000);
        var c = client();
        c.rrq("ipxe.efi", "octet", "tsize", "0");
        c.next();
        c.toPeer(new TftpPacket.Error(8, "tsize only"));
        c.peer = null;
        c.rrq("ipxe.efi", "octet", "tsize", "0");
        var oack = c.next();
        assertInstanceOf(TftpPacket.Oack.class, oack);
        c.toPeer(new TftpPacket.Ack(0));
        assertArrayEquals(content, c.receiveFile(512, 1));
    }

    @Test
    void missingFileIsAnsweredAtOnceWithError1() throws Exception {
        var c = client();
        c.rrq("pxelinux.cfg/01-52-54-00-12-34-56", "octet");
        var e = (TftpPacket.Error) c.next();
        assertEquals(1, e.code());
        TransferFinished f = events.finished("pxelinux.cfg/01-52-54-00-12-34-56");
        assertEquals(Outcome.NOT_FOUND, f.outcome());
        assertTrue(events.of(TransferStarted.class).isEmpty(), "no started event for a missing file");
    }

    @Test
    void traversalIsAnAccessViolation() throws Exception {
        Path secret = Files.writeString(root.getParent().resolve("secret-" + root.getFileName()), "secret");
        try {
            for (String name : List.of("../secret-" + root.getFileName(), "..\\secret-" + root.getFileName(), "C:\\x", "%2e%2e/x")) {
                var c = client();
                c.rrq(name, "octet");
                var e = (TftpPacket.Error) c.next();
                assertEquals(2, e.code(), name);
            }
            assertEquals(4, events.finished(4).stream().filter(f -> f.outcome() == Outcome.DENIED).count());
        } finally {
            Files.deleteIfExists(secret); // beside the temporary folder, which JUnit removes: ours to remove
        }
    }

    @Test
    void writeRequestsAreRefused() throws Exception {
        var c = client();
        c.send(new TftpPacket.Request(true, "upload", "octet", Map.of(), null), addr);
        assertEquals(2, ((TftpPacket.Error) c.next()).code());
        assertEquals(Outcome.DENIED, events.finished("upload").outcome());
        assertTrue(Files.notExists(root.resolve("upload")));
    }

    @Test
    void unsupportedModeIsRefused() throws Exception {
        file("f", 10);
        var c = client();
        c.rrq("f", "mail");
        assertEquals(4, ((TftpPacket.Error) c.next()).code());
    }

    @Test
    void netasciiConvertsLineEnds() throws Exception {
        // 511 bytes then "\n": the CR LF pair straddles the first block boundary
        String text = "x".repeat(511) + "\nline\r\nbare cr\rend\n";
        Files.writeString(root.resolve("t.txt"), text);
        var c = client();
        c.rrq("t.txt", "netascii", "tsize", "0");
        byte[] wire = c.receiveFile(512, 1);
        String expected = "x".repeat(511) + "\r\nline\r\0\r\nbare cr\r\0end\r\n";
        assertEquals(expected, new String(wire, StandardCharsets.ISO_8859_1));
        assertEquals(expected.length(), events.finished("t.txt").bytesDone());
    }

    @Test
    void duplicateAcksNeverCauseDuplicateData() throws Exception {
        // timers far beyond the test so only ACKs can make the server send
        start(c -> new TftpServer.Config(c.bindAddress(), 0, c.paths(), 8, 65464, 65536, 64,
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(60), c.poll(), c.pollers()));
        byte[] content = file("f", 512 * 20 + 7);
        var c = client();
        c.rrq("f", "octet");
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        for (int block = 1; ; block++) {
            var d = (TftpPacket.Data) c.next();
            assertEquals(block, d.block());
            got.write(d.payload());
            // every ACK three times, and an old one for good measure
            c.toPeer(new TftpPacket.Ack(block));
            c.toPeer(new TftpPacket.Ack(block));
            c.toPeer(new TftpPacket.Ack(block - 1));
            c.toPeer(new TftpPacket.Ack(block));
            if (d.payload().length < 512) break;
        }
        assertArrayEquals(content, got.toByteArray());
        assertEquals(Outcome.OK, events.finished("f").outcome());
        assertNull(c.poll(200), "nothing more is sent");
        assertEquals(21, c.dataPackets);
    }

    @Test
    void ackForBlockNeverSentIsIgnored() throws Exception {
        byte[] content = file("f", 3000);
        var c = client();
        c.rrq("f", "octet");
        var d = (TftpPacket.Data) c.next();
        c.toPeer(new TftpPacket.Ack(40000));
        c.toPeer(new TftpPacket.Ack(d.block()));
        byte[] rest = c.receiveFile(512, 1, 2);
        assertArrayEquals(content, concat(d.payload(), rest));
        assertEquals(Outcome.OK, events.finished("f").outcome());
        assertEquals(3000, events.finished("f").bytesDone());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void lostBlockInAWindowIsSentAgainFromTheGap() throws Exception {
        byte[] content = file("f", 512 * 16 + 100);
        var c = client();
        c.rrq("f", "octet", "windowsize", "4");
        assertEquals(Map.of("windowsize", "4"), ((TftpPacket.Oack) c.next()).options());
        c.toPeer(new TftpPacket.Ack(0));
        // first window: 1..4; pretend block 3 was lost
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 4; i++) {
            var d = (TftpPacket.Data) c.next();
            assertEquals(i, d.block());
            if (i <= 2) got.write(d.payload());
        }
        c.toPeer(new TftpPacket.Ack(2)); // the client has 1..2
        var d = (TftpPacket.Data) c.next();
        assertEquals(3, d.block(), "the server goes back to the first missing block");
        got.write(d.payload());
        long expected = 4;
        int since = 1;
        while (true) {
            var p = (TftpPacket.Data) c.next();
            if (p.block() != expected) continue;
            got.write(p.payload());
            expected++;
            boolean last = p.payload().length < 512;
            if (last || ++since == 4) {
                c.toPeer(new TftpPacket.Ack(p.block()));
                since = 0;
            }
            if (last) break;
        }
        assertArrayEquals(content, got.toByteArray());
        assertEquals(Outcome.OK, events.finished("f").outcome());
    }

    @Test
    void unansweredBlockIsRetransmitted() throws Exception {
        byte[] content = file("f", 700);
        var c = client();
        c.rrq("f", "octet");
        var first = (TftpPacket.Data) c.next(); // not acknowledged
        var again = (TftpPacket.Data) c.next(); // comes after the retransmission timeout
        assertEquals(first, again);
        c.toPeer(new TftpPacket.Ack(1));
        assertArrayEquals(content, concat(first.payload(), c.receiveFile(512, 1, 2)));
        assertEquals(Outcome.OK, events.finished("f").outcome());
    }

    @Test
    void blockNumbersRollOverPast65535() throws Exception {
        // blksize 8 and a window of 64: 70 000 blocks quickly
        byte[] content = file("big", 8 * 70_000 + 3);
        var c = client();
        c.rrq("big", "octet", "blksize", "8", "windowsize", "64");
        assertEquals(Map.of("blksize", "8", "windowsize", "64"), ((TftpPacket.Oack) c.next()).options());
        c.toPeer(new TftpPacket.Ack(0));
        assertArrayEquals(content, c.receiveFile(8, 64));
        TransferFinished f = events.finished("big");
        assertEquals(Outcome.OK, f.outcome());
        assertEquals(content.length, f.bytesDone());
    }

    @Test
    void clientErrorMidTransferEndsIt() throws Exception {
        file("f", 5000);
        var c = client();
        c.rrq("f", "octet");
        c.next();
        c.toPeer(new TftpPacket.Ack(1));
        c.next();
        c.toPeer(new TftpPacket.Error(0, "user cancelled"));
        TransferFinished f = events.finished("f");
        assertEquals(Outcome.FAILED, f.outcome());
        assertTrue(f.message().contains("user cancelled"), f.message());
        assertEquals(512, f.bytesDone());
        awaitNoActiveTransfers();
    }

    @Test
    void silentClientIsGivenUpAfterTheStallTime() throws Exception {
        file("f", 5000);
        var c = client();
        c.rrq("f", "octet");
        c.next();
        TransferFinished f = events.finished("f");
        assertEquals(Outcome.FAILED, f.outcome());
        assertTrue(f.message().contains("no ACK"), f.message());
        awaitNoActiveTransfers();
        assertEquals(0, files.openCount(), "the file was released");
    }

    @Test
    void strangersGetUnknownTransferId() throws Exception {
        byte[] content = file("f", 2000);
        var c = client();
        c.rrq("f", "octet");
        var d = (TftpPacket.Data) c.next();
        var stranger = client();
        stranger.send(new TftpPacket.Ack(1), c.peer);
        assertEquals(5, ((TftpPacket.Error) stranger.next()).code());
        c.toPeer(new TftpPacket.Ack(1));
        assertArrayEquals(content, concat(d.payload(), c.receiveFile(512, 1, 2)));
        assertEquals(Outcome.OK, events.finished("f").outcome());
    }

    @Test
    void malformedPacketsGetAnErrorAndTheServerCarriesOn() throws Exception {
        file("f", 100);
        var c = client();
        for (byte[] junk : List.of(new byte[] {0}, new byte[] {0, 9, 1, 2}, new byte[] {0, 1, 'a'},
                new byte[] {0, 1, 'a', 0, 'o', 'c', 't', 'e', 't'}, new byte[] {0, 4, 0, 1})) {
            c.sendRaw(junk);
            TftpPacket p = c.next();
            assertInstanceOf(TftpPacket.Error.class, p);
        }
        c.sendRaw(new byte[] {0, 5, 0, 0, 0}); // an ERROR to the listening port: no answer
        c.rrq("f", "octet");
        assertEquals(100, c.receiveFile(512, 1).length);
    }

    @Test
    void optionWithoutValueIsIgnored() throws Exception {
        file("f", 100);
        var c = client();
        c.sendRaw(TftpCodecTest.bytes(1, "f", "octet", "blksize", "1024", "tsize"));
        assertEquals(new TftpPacket.Oack(Map.of("blksize", "1024")), c.next());
        c.toPeer(new TftpPacket.Ack(0));
        assertEquals(100, c.receiveFile(1024, 1).length);
    }

    @Test
    void manyConcurrentTransfersShareTheFile() throws Exception {
        start(c -> c.withMaxPerClient(64)); // twenty machines, all on loopback here
        byte[] content = file("initrd.img", 300_000);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    try (var c = new TestTftpClient(addr)) {
                        c.rrq("initrd.img", "octet", "blksize", "1468", "windowsize", "4");
                        c.next();
                        c.toPeer(new TftpPacket.Ack(0));
                        return c.receiveFile(1468, 4);
                    }
                }));
            }
            for (Future<byte[]> f : results) assertArrayEquals(content, f.get());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(events.finished(20).stream().allMatch(TransferFinished::ok));
        awaitNoActiveTransfers();
        assertEquals(0, files.openCount());
    }

    @Test
    void closeEndsRunningTransfers() throws Exception {
        file("f", 5000);
        var c = client();
        c.rrq("f", "octet");
        c.next();
        server.close();
        TransferFinished f = events.finished("f");
        assertEquals(Outcome.FAILED, f.outcome());
        assertEquals(0, server.activeTransfers());
    }

    @Test
    void transfersLeaveNoFileDescriptorsBehindHoweverTheyEnd() throws Exception {
        Path fdDir = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fdDir), "needs /proc/self/fd (Linux)");
        start(c -> c.withMaxPerClient(64)); // many machines, all on loopback here
        byte[] content = file("f", 20_000);
        int before = openFds(fdDir);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        // every client's socket stays open until its transfer has ended: a port given again to a new client while
        // the server still runs a transfer for the old one is that client asking again (a duplicate request)
        java.util.Queue<TestTftpClient> clients = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int kind = i % 4;
                done.add(pool.submit(() -> {
                    var c = new TestTftpClient(addr);
                    clients.add(c);
                    switch (kind) {
                        case 0 -> { // to the end, windowed
                            c.rrq("f", "octet", "blksize", "1468", "windowsize", "4");
                            c.next();
                            c.toPeer(new TftpPacket.Ack(0));
                            assertArrayEquals(content, c.receiveFile(1468, 4));
                        }
                        case 1 -> { // the client ends it after the first block
                            c.rrq("f", "octet");
                            c.next();
                            c.toPeer(new TftpPacket.Error(0, "changed my mind"));
                        }
                        case 2 -> { // the client falls silent: given up after the stall time (3 s here)
                            c.rrq("f", "octet");
                            c.next();
                        }
                        default -> { // no such file
                            c.rrq("missing", "octet");
                            assertInstanceOf(TftpPacket.Error.class, c.next());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            events.finished(100);
            awaitNoActiveTransfers();
        } finally {
            pool.shutdownNow();
            clients.forEach(TestTftpClient::close);
        }
        // and transfers still running when the server stops
        List<TestTftpClient> silent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var c = client();
            c.rrq("f", "octet");
            c.next();
            silent.add(c);
        }
        server.close();
        events.finished(110);
        silent.forEach(TestTftpClient::close);
        int after = openFds(fdDir);
        for (int i = 0; i < 200 && after > before; i++) {
            Thread.sleep(10);
            after = openFds(fdDir);
        }
        assertTrue(after <= before, "open file descriptors: " + before + " before 110 transfers, " + after + " after");
    }

    private static int openFds(Path fdDir) throws IOException {
        try (var list = Files.list(fdDir)) {
            return (int) list.count();
        }
    }

    private void awaitNoActiveTransfers() throws InterruptedException {
        for (int i = 0; i < 300 && server.activeTransfers() > 0; i++) Thread.sleep(10);
        assertEquals(0, server.activeTransfers());
    }
}
