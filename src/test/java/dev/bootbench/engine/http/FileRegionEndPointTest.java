package dev.bootbench.engine.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.files.OpenFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's flush on a real socket pair. A registered body buffer is given bytes that differ
 * from the file's, so what arrives shows which way it went: the file's bytes mean sendfile.
 */
class FileRegionEndPointTest {
    @TempDir Path tmp;
    final OpenFiles files = new OpenFiles();
    SocketChannel server;
    SocketChannel client;
    FileRegionEndPoint ep;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
        }
        server.configureBlocking(false);
        ep = new FileRegionEndPoint(server, null, null, null, new FileRegionEndPoint.Spin(0, 0));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        client.close();
    }

    private byte[] file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Files.write(tmp.resolve(name), b);
        return b;
    }

    private byte[] receive(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (client.read(b) < 0) break;
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aRegisteredBodyGoesOutFromTheFileBetweenTheOtherBuffers() throws IOException {
        byte[] content = file("f", 5000);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            ByteBuffer body = ByteBuffer.allocate(3000); // zeros: not the file's bytes
            ep.sendFromFile(body, h, 1000, null);
            ByteBuffer head = ascii("HEAD");
            ByteBuffer tail = ascii("TAIL");
            assertTrue(ep.flush(head, body, tail));
            assertFalse(head.hasRemaining() || body.hasRemaining() || tail.hasRemaining(), "every buffer consumed");
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.writeBytes("HEAD".getBytes(StandardCharsets.US_ASCII));
            want.write(content, 1000, 3000);
            want.writeBytes("TAIL".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(want.toByteArray(), receive(want.size()));
        }
    }

    @Test
    void otherBuffersAreWrittenFromMemory() throws IOException {
        file("f", 100);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            ep.sendFromFile(ByteBuffer.allocate(10), h, 0, null);
            ByteBuffer other = ascii("0123456789");
            assertTrue(ep.flush(other));
            assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), receive(10));
        }
    }

    @Test
    void aFullSocketTakesPartOfTheBodyAndTheRestFollowsOnTheNextFlushes() throws IOException {
        int size = 32 << 20; // far more than a loopback socket buffers
        byte[] content = file("big", size);
        try (OpenFiles.Handle h = files.open(tmp.resolve("big"), tmp)) {
            ByteBuffer body = h.slice(0, size);
            List<Long> told = new ArrayList<>();
            ep.sendFromFile(body, h, 0, told::add);
            ByteBuffer head = ascii("H");
            assertFalse(ep.flush(head, body), "the socket cannot take 32 MiB at once");
            assertFalse(head.hasRemaining());
            int sent = body.position();
            assertTrue(sent > 0 && sent < size, "part of the body went out: " + sent);
            assertEquals(sent, told.get(told.size() - 1), "the progress callback is told the file position reached");

            ByteBuffer got = ByteBuffer.allocate(size + 1);
            boolean done = false;
            while (!done) {
                client.read(got);
                done = ep.flush(head, body); // as Jetty does once the socket is writable again
            }
            while (got.hasRemaining()) {
                if (client.read(got) < 0) break;
            }
            assertEquals(size + 1, got.position());
            assertEquals('H', got.get(0));
            assertArrayEquals(content, Arrays.copyOfRange(got.array(), 1, size + 1));
            for (int i = 1; i < told.size(); i++) {
                assertTrue(told.get(i) > told.get(i - 1), "positions only grow: " + told);
            }
            assertEquals(size, told.get(told.size() - 1), "the last position told is the body's end");
        }
    }

    @Test
    void withSpinningAllowedOneFlushSendsABodyBiggerThanTheSocketWhileTheClientReads() throws Exception {
        int size = 32 << 20;
        byte[] content = file("big", size);
        // no rate floor: this is about retrying, and a loaded machine may read slower than the default floor
        ep = new FileRegionEndPoint(server, null, null, null, new FileRegionEndPoint.Spin(10_000_000_000L, 1, 0));
        ep.body(true); // one body: within the limit
        ByteBuffer got = ByteBuffer.allocate(size);
        Thread reader = new Thread(() -> {
            try {
                while (got.hasRemaining() && client.read(got) >= 0) { }
            } catch (IOException e) {
                // the assertions below tell
            }
        });
        reader.start();
        try (OpenFiles.Handle h = files.open(tmp.resolve("big"), tmp)) {
            ByteBuffer body = h.slice(0, size);
            ep.sendFromFile(body, h, 0, null);
            assertTrue(ep.flush(body), "the flush kept sending while the reader made room");
        }
        reader.join(20_000);
        assertEquals(size, got.position());
        assertArrayEquals(content, got.array());
    }

    @Test
    void aClientThatReadsSlowlyButSteadilyIsLeftToTheSelector() throws Exception {
        int size = 32 << 20;
        file("big", size);
        // 50 ms without progress would end the retrying; this reader never pauses that long, but it reads
        // about 32 MB/s, far below the floor of 256 MiB/s, so the flush gives up after about 50 ms.
        // Without the floor it would keep retrying until the whole body had gone (about a second).
        ep = new FileRegionEndPoint(server, null, null, null, new FileRegionEndPoint.Spin(50_000_000L, 1, 256L << 20));
        ep.body(true);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocate(16 << 10);
            try {
                while (!stop.get()) {
                    b.clear();
                    if (client.read(b) < 0) break;
                    LockSupport.parkNanos(500_000);
                }
            } catch (IOException e) {
                // the socket closes after the test
            }
        });
        reader.start();
        try (OpenFiles.Handle h = files.open(tmp.resolve("big"), tmp)) {
            ByteBuffer body = h.slice(0, size);
            ep.sendFromFile(body, h, 0, null);
            assertFalse(ep.flush(body), "a slow reader: back to the selector before the body has gone");
            assertTrue(body.hasRemaining());
        } finally {
            stop.set(true);
            reader.join(10_000);
        }
    }

    @Test
    void retryingGoesOnWhileTheClientDrainsFastAndStopsWhenItStallsOrIsSlow() {
        FileRegionEndPoint.Spin spin = new FileRegionEndPoint.Spin(500_000L, 1, 256L << 20);
        long t = 1_000_000_000L;
        assertTrue(spin.goOn(t + 400_000, t, t + 400_000, 0), "within the first 500 µs: whatever moved");
        assertTrue(spin.goOn(t + 2_000_000, t, t + 1_900_000, 2 << 20), "2 MiB in 2 ms: 1 GiB/s");
        assertFalse(spin.goOn(t + 2_000_000, t, t + 1_900_000, 256 << 10), "256 KiB in 2 ms: 125 MiB/s, below 256");
        assertFalse(spin.goOn(t + 2_000_000, t, t + 1_400_000, 64 << 20), "600 µs since the last progress");
        FileRegionEndPoint.Spin noFloor = new FileRegionEndPoint.Spin(500_000L, 1, 0);
        assertTrue(noFloor.goOn(t + 2_000_000, t, t + 1_900_000, 0), "no floor: only the time without progress counts");
    }

    @Test
    void spinningStopsAtItsTimeAndWhenTooManyBodiesAreBeingSent() throws IOException {
        int size = 32 << 20;
        file("big", size);
        FileRegionEndPoint.Spin spin = new FileRegionEndPoint.Spin(10_000_000_000L, 1);
        ep = new FileRegionEndPoint(server, null, null, null, spin);
        ep.body(true);
        ep.body(true); // two bodies, one allowed to spin: no spinning
        try (OpenFiles.Handle h = files.open(tmp.resolve("big"), tmp)) {
            ByteBuffer body = h.slice(0, size);
            ep.sendFromFile(body, h, 0, null);
            long t0 = System.nanoTime();
            assertFalse(ep.flush(body), "nobody reads: the socket fills");
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "returned to the selector instead of spinning for 10 s");
        }
        ep.body(false);
        ep.body(false);
        assertEquals(0, spin.bodies.get());
        FileRegionEndPoint.Spin brief = new FileRegionEndPoint.Spin(2_000_000L, 1);
        ep = new FileRegionEndPoint(server, null, null, null, brief);
        ep.body(true);
        try (OpenFiles.Handle h = files.open(tmp.resolve("big"), tmp)) {
            ByteBuffer body = h.slice(0, size);
            ep.sendFromFile(body, h, 0, null);
            long t0 = System.nanoTime();
            assertFalse(ep.flush(body), "nobody reads: after 2 ms without progress it gives up");
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        }
    }

    @Test
    void aBodyWhoseFileWasClosedUnderTheFlushIsWrittenFromMemory() throws IOException {
        file("f", 1000);
        OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp);
        ByteBuffer body = ascii("still sent");
        ep.sendFromFile(body, h, 0, null);
        h.close(); // the last user: the file channel is closed (a writer that gave up on a failed write)
        assertEquals(0, files.openCount());
        assertTrue(ep.flush(body));
        assertArrayEquals("still sent".getBytes(StandardCharsets.US_ASCII), receive(10));
    }

    @Test
    void aFileThatShrankUnderTheTransferFailsTheWrite() throws IOException {
        file("f", 10000);
        try (OpenFiles.Handle h = files.open(tmp.resolve("f"), tmp)) {
            try (FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.WRITE)) {
                ch.truncate(2000);
            }
            ByteBuffer body = ByteBuffer.allocate(5000);
            ep.sendFromFile(body, h, 5000, null);
            assertThrows(EofException.class, () -> ep.flush(body));
        }
    }
}
