package dev.bootbench.engine.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.http.HttpBootServer;
import dev.bootbench.engine.tftp.TftpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder inside the served root swapped for a link to outside it, again and again, while clients
 * ask for a file in it over TFTP and HTTP (the real servers, on loopback): the look-up may see the
 * folder or the link, but not one byte from outside may be served.
 */
class SymlinkSwapRaceTest {
    static final int REQUESTS = 4000;
    static final int CLIENTS = 4;
    static final byte[] INSIDE = "inside the served root\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
    static final byte[] OUTSIDE = "OUTSIDE: a secret file\n".repeat(20).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    final AtomicBoolean swapping = new AtomicBoolean(true);
    final AtomicInteger swaps = new AtomicInteger();
    Thread swapper;
    TftpServer tftp;
    HttpBootServer http;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside/dir"));
        Files.write(Files.createDirectories(root.resolve("dir")).resolve("file.bin"), INSIDE);
        Files.write(outside.resolve("file.bin"), OUTSIDE);
        PathResolver paths = new PathResolver(root, false);
        OpenFiles files = new OpenFiles();
        EventBus bus = new EventBus();
        tftp = new TftpServer(TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, paths), bus, null, files);
        tftp.start();
        http = new HttpBootServer(HttpBootServer.Config.of(InetAddress.getLoopbackAddress(), 0, paths), bus, null, files, null, null);
        http.start();
        // root/dir <-> a link to outside/dir, as fast as it goes
        swapper = new Thread(() -> {
            Path dir = root.resolve("dir"), aside = root.resolve("dir.real");
            try {
                while (swapping.get()) {
                    Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(dir, outside);
                    spin(50_000); // each state long enough for a look-up or an open to fall in it
                    Files.delete(dir);
                    Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
                    spin(50_000);
                    swaps.incrementAndGet();
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "swapper");
        swapper.start();
    }

    static void spin(long nanos) {
        for (long end = System.nanoTime() + nanos; System.nanoTime() < end; ) Thread.onSpinWait();
    }

    @AfterEach
    void tearDown() throws Exception {
        swapping.set(false);
        swapper.join();
        if (tftp != null) tftp.close();
        if (http != null) http.close();
    }

    static boolean fromOutside(byte[] got) {
        return got != null && got.length >= 7 && new String(got, StandardCharsets.US_ASCII).contains("OUTSIDE");
    }

    /** Runs {@code request} REQUESTS times from CLIENTS threads; returns {served, from outside}. */
    static int[] ask(java.util.concurrent.Callable<byte[]> request) throws Exception {
        AtomicInteger served = new AtomicInteger(), outsideBytes = new AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(CLIENTS);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < CLIENTS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                        byte[] got = request.call();
                        if (got != null) served.incrementAndGet();
                        if (fromOutside(got)) outsideBytes.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        return new int[] {served.get(), outsideBytes.get()};
    }

    @Test
    void tftpServesNothingFromOutsideTheRoot() throws Exception {
        int[] r = ask(() -> {
            // a port of its own for each request, as each boot's client has: the same request from the same port is a retransmission
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                s.setSoTimeout(2000);
                return tftpGet(s, "dir/file.bin");
            }
        });
        System.out.printf("TFTP: %d requests, %d served, %d from outside, %d swaps%n", REQUESTS, r[0], r[1], swaps.get());
        assertTrue(swaps.get() > 100, "the folder was swapped while we asked: " + swaps.get());
        assertEquals(0, r[1], "responses with bytes from outside the root");
        assertTrue(r[0] > 0, "the file itself was served when the folder was there");
    }

    /** One lock-step read of a file of one block (blksize 512: the file is 460 bytes); null for an error. */
    byte[] tftpGet(DatagramSocket s, String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] rrq = new byte[2 + n.length + 1 + 6];
        rrq[1] = 1;
        System.arraycopy(n, 0, rrq, 2, n.length);
        System.arraycopy("octet\0".getBytes(StandardCharsets.US_ASCII), 0, rrq, 3 + n.length, 6);
        s.send(new DatagramPacket(rrq, rrq.length, tftp.address()));
        byte[] buf = new byte[600];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (buf[1] != 3) return null; // an ERROR: not found, access violation
        byte[] ack = {0, 4, buf[2], buf[3]};
        s.send(new DatagramPacket(ack, 4, p.getSocketAddress()));
        return Arrays.copyOfRange(buf, 4, p.getLength());
    }

    @Test
    void httpServesNothingFromOutsideTheRoot() throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + http.port() + "/dir/file.bin");
        int[] r = ask(() -> {
            HttpResponse<byte[]> resp = c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            return resp.statusCode() == 200 ? resp.body() : null;
        });
        System.out.printf("HTTP: %d requests, %d served, %d from outside, %d swaps%n", REQUESTS, r[0], r[1], swaps.get());
        assertTrue(swaps.get() > 100, "the folder was swapped while we asked: " + swaps.get());
        assertEquals(0, r[1], "responses with bytes from outside the root");
        assertTrue(r[0] > 0, "the file itself was served when the folder was there");
    }
}
