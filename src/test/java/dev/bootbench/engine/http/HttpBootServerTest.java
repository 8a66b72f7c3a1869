package dev.bootbench.engine.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.TransferProgress;
import dev.bootbench.engine.TransferStarted;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.testlab.Events;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpBootServerTest {
    static final MacAddress LEASED = MacAddress.parse("52:54:00:00:00:01");
    @TempDir Path tmp;
    Path root;
    EventBus bus = new EventBus();
    Events events = new Events(bus);
    OpenFiles files = new OpenFiles();
    HttpBootServer server;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] kernel;

    @BeforeEach
    void start() throws IOException {
        start(Duration.ofSeconds(30));
    }

    void start(Duration idle) throws IOException {
        start(idle, c -> c);
    }

    void start(Duration idle, java.util.function.UnaryOperator<HttpBootServer.Config> tweak) throws IOException {
        if (server != null) server.close();
        root = Files.createDirectories(tmp.resolve("root"));
        kernel = new byte[3_000_000];
        new Random(1).nextBytes(kernel);
        Files.write(root.resolve("vmlinuz"), kernel);
        Files.writeString(root.resolve("menu.ipxe"), "#!ipxe\necho hi\n");
        Files.writeString(tmp.resolve("secret"), "secret");
        ClientDirectory dir = a -> a.isLoopbackAddress() ? Optional.of(LEASED) : Optional.empty();
        var cfg = HttpBootServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false)).withIdleTimeout(idle);
        server = new HttpBootServer(tweak.apply(cfg), bus, dir, files, new TemplateBootScriptProvider(tmp.resolve("ws/templates/boot.ipxe")),
                () -> List.of(Map.of("mac", LEASED, "stage", "BOOTING", "took", Duration.ofMillis(1500))));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        events.close();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void getServesTheWholeFileWithItsLength() throws Exception {
        var r = get("/vmlinuz");
        assertEquals(200, r.statusCode());
        assertArrayEquals(kernel, r.body());
        assertEquals(String.valueOf(kernel.length), r.headers().firstValue("content-length").orElseThrow());
        assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("accept-ranges").orElseThrow());
        TransferFinished f = events.finished("vmlinuz");
        assertEquals(Outcome.OK, f.outcome());
        assertEquals(kernel.length, f.bytesDone());
        assertEquals(Transfer.Protocol.HTTP, f.transfer().protocol());
        assertEquals(LEASED, f.transfer().mac(), "MAC from the client directory");
        assertEquals(kernel.length, f.transfer().size());
        assertTrue(events.ofTransfer(f.transfer().id()).get(0) instanceof TransferStarted);
    }

    /** A file whose every 8-byte word is its own offset (big-endian): any misplaced byte shows. */
    static void patterned(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < size; ) {
                b.clear();
                for (long w = at; b.hasRemaining(); w += 8) b.putLong(w);
                b.flip();
                b.limit((int) Math.min(b.limit(), size - at));
                while (b.hasRemaining()) at += ch.write(b);
            }
        }
    }

    /** Reads the whole body; true if it is the patterned file's bytes from {@code from}, {@code length} of them. */
    static boolean isPattern(InputStream in, long from, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long at = from;
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++, at++) {
                if (buf[i] != (byte) ((at & ~7L) >>> (8 * (7 - (at & 7))))) return false;
            }
        }
        return at == from + length;
    }

    @Test
    void aBodyOfSeveralChunksArrivesWholeAndEndsAsOneTransferOnEveryKeptAliveRequest() throws Exception {
        long size = (130L << 20) + 12345; // three of the handler's 64 MiB chunks, the last a short one
        patterned(root.resolve("initrd.img"), size);
        // one connection: the next request is only answered once the long body before it has ended
        var whole = HttpRequest.newBuilder(uri("/initrd.img")).timeout(Duration.ofSeconds(60)).GET().build();
        for (int i = 0; i < 2; i++) {
            var r = http.send(whole, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            try (InputStream in = r.body()) {
                assertTrue(isPattern(in, 0, size), "the whole file, every byte in its place");
            }
        }
        // across the first chunk boundary (64 MiB = 67108864)
        var r = http.send(HttpRequest.newBuilder(uri("/initrd.img")).timeout(Duration.ofSeconds(60))
                .header("Range", "bytes=60000000-70000000").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(206, r.statusCode());
        try (InputStream in = r.body()) {
            assertTrue(isPattern(in, 60_000_000, 10_000_001), "the range, every byte in its place");
        }
        List<TransferFinished> done = events.finished(3);
        assertTrue(done.stream().allMatch(f -> f.outcome() == Outcome.OK), done.toString());
        assertEquals(List.of(size, size, 10_000_001L), done.stream().map(TransferFinished::bytesDone).toList());
        for (int i = 0; i < 100 && files.openCount() > 0; i++) Thread.sleep(20);
        assertEquals(0, files.openCount(), "the file was released");
    }

    @Test
    void aSlowReaderSeesProgressWithinOneChunk() throws Exception {
        int size = 24 << 20; // less than one of the handler's chunks: progress has to come as bytes leave
        patterned(root.resolve("slow.img"), size);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setReceiveBufferSize(64 << 10);
            s.getOutputStream().write("GET /slow.img HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(readHead(in).startsWith("HTTP/1.1 200"));
            byte[] buf = new byte[1 << 20];
            long got = 0;
            while (got < size) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - got));
                if (n <= 0) break;
                got += n;
                Thread.sleep(60); // about 16 MiB/s: the body takes about 1.5 s
            }
            assertEquals(size, got);
        }
        TransferFinished f = events.finished("slow.img");
        assertEquals(Outcome.OK, f.outcome());
        List<Long> progress = events.ofTransfer(f.transfer().id()).stream()
                .filter(e -> e instanceof TransferProgress).map(e -> ((TransferProgress) e).bytesDone()).toList();
        assertTrue(progress.size() >= 5, "progress about every 100 ms while the body is sent: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1) && progress.get(i) <= size, "progress only grows: " + progress);
        }
    }

    @Test
    void scriptsAreTextAndTheMacParameterWins() throws Exception {
        var r = get("/menu.ipxe?mac=52-54-00-aa-bb-cc");
        assertEquals("#!ipxe\necho hi\n", new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
        assertEquals(MacAddress.parse("52:54:00:aa:bb:cc"), events.finished("menu.ipxe").transfer().mac());
    }

    @Test
    void headHasTheLengthAndNoBody() throws Exception {
        var r = http.send(HttpRequest.newBuilder(uri("/vmlinuz")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(String.valueOf(kernel.length), r.headers().firstValue("content-length").orElseThrow());
        assertEquals(0, r.body().length);
        assertTrue(events.of(TransferStarted.class).isEmpty(), "HEAD is no transfer");
    }

    @Test
    void ranges() throws Exception {
        var r = get("/vmlinuz", "Range", "bytes=100-199");
        assertEquals(206, r.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(kernel, 100, 200), r.body());
        assertEquals("bytes 100-199/" + kernel.length, r.headers().firstValue("content-range").orElseThrow());
        TransferFinished f = events.finished("vmlinuz");
        assertEquals(100, f.transfer().offset());
        assertEquals(100, f.transfer().length());
        assertEquals(100, f.bytesDone());
        assertTrue(f.transfer().detail().contains("bytes 100-199/"), f.transfer().detail());

        r = get("/vmlinuz", "Range", "bytes=2999000-");
        assertEquals(206, r.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(kernel, 2_999_000, kernel.length), r.body());
        r = get("/vmlinuz", "Range", "bytes=-10");
        assertArrayEquals(java.util.Arrays.copyOfRange(kernel, kernel.length - 10, kernel.length), r.body());
        r = get("/vmlinuz", "Range", "bytes=0-99999999");
        assertEquals(206, r.statusCode());
        assertArrayEquals(kernel, r.body());

        r = get("/vmlinuz", "Range", "bytes=3000000-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */3000000", r.headers().firstValue("content-range").orElseThrow());
        assertEquals(416, get("/vmlinuz", "Range", "bytes=-0").statusCode());

        // several ranges, or nonsense: the whole file
        assertEquals(200, get("/vmlinuz", "Range", "bytes=0-1,5-6").statusCode());
        assertEquals(200, get("/vmlinuz", "Range", "bytes=abc").statusCode());
        assertEquals(200, get("/vmlinuz", "Range", "bytes=5-1").statusCode());
        // If-Range that does not match: whole file
        assertEquals(200, get("/vmlinuz", "Range", "bytes=0-1", "If-Range", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
    }

    @Test
    void rangeParsing() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-1", 0));
        assertNull(ByteRange.parse("bytes=1-2,4-5", 100));
        assertNull(ByteRange.parse("items=1-2", 100));
        assertNull(ByteRange.parse("bytes=99999999999999999999-", 100));
        assertNull(ByteRange.parse("bytes=-", 100));
    }

    @Test
    void missingAndRefused() throws Exception {
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(Outcome.NOT_FOUND, events.finished("nothing").outcome());
        assertEquals(404, get("/").statusCode());
        for (String p : List.of("/%2e%2e/secret", "/..%2fsecret", "/%252e%252e/secret", "/a/../../secret", "/C:/secret", "/%00")) {
            String status = raw("GET " + p + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertFalse(status.contains("secret") && !status.startsWith("HTTP/1.1 4"), p + " -> " + status);
            assertTrue(status.startsWith("HTTP/1.1 400") || status.startsWith("HTTP/1.1 403") || status.startsWith("HTTP/1.1 404"), p + " -> " + status);
        }
        Files.createSymbolicLink(root.resolve("link"), tmp.resolve("secret"));
        assertEquals(403, get("/link").statusCode());
        assertEquals(Outcome.DENIED, events.finished("link").outcome());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        var r = http.send(HttpRequest.newBuilder(uri("/vmlinuz")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("allow").orElseThrow());
        String put = raw("PUT /vmlinuz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertTrue(put.startsWith("HTTP/1.1 405"), put);
        assertArrayEquals(kernel, Files.readAllBytes(root.resolve("vmlinuz")));
    }

    @Test
    void bootScriptFromTheTemplate() throws Exception {
        var r = get("/boot.ipxe?mac=52:54:00:12:34:56");
        assertEquals(200, r.statusCode());
        String script = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(script.startsWith("#!ipxe\n"), script);
        assertTrue(script.contains("set bb-base http://127.0.0.1:" + server.port() + "\n"), script);
        assertTrue(script.contains("set bb-mac 52:54:00:12:34:56\n"), script);
        assertTrue(script.contains("${bb-base}/vmlinuz"), "iPXE's own settings are left alone");
        assertTrue(script.contains("choose --default linux --timeout"), script);
        assertFalse(script.contains("{{"), script);
        assertTrue(Files.exists(tmp.resolve("ws/templates/boot.ipxe")), "the default template was written");
        TransferFinished f = events.finished("boot.ipxe");
        assertEquals(MacAddress.parse("52:54:00:12:34:56"), f.transfer().mac());
        assertEquals(Outcome.OK, f.outcome());

        // edits apply at once; unknown MAC becomes iPXE's own
        Files.writeString(tmp.resolve("ws/templates/boot.ipxe"), "#!ipxe\nchain {{base-url}}/x?mac={{mac}}&ip={{client}}&s={{server}}:{{http-port}} ${unknown}\n");
        script = new String(get("/boot.ipxe?mac=%24%7Bnet0/mac%7D").body(), StandardCharsets.UTF_8);
        assertEquals("#!ipxe\nchain http://127.0.0.1:" + server.port() + "/x?mac=52:54:00:00:00:01&ip=127.0.0.1&s=127.0.0.1:"
                + server.port() + " ${unknown}\n", script, "an unparsable mac parameter falls back to the leases");
    }

    @Test
    void beacon() throws Exception {
        var r = get("/_/event?mac=52:54:00:12:34:56&stage=booting");
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", new String(r.body(), StandardCharsets.US_ASCII));
        StageBeacon b = events.await(StageBeacon.class, x -> true);
        assertEquals(MacAddress.parse("52:54:00:12:34:56"), b.mac());
        assertEquals("booting", b.stage());
        assertEquals(null, b.detail());
        assertEquals(400, get("/_/event?mac=52:54:00:12:34:56&stage=BOOT%20NOW").statusCode());
        assertEquals(400, get("/_/event?mac=x").statusCode());
        assertEquals(1, events.of(StageBeacon.class).size());
        // a failure with iPXE's error number; control characters never reach the log or the view
        assertEquals(200, get("/_/event?mac=52:54:00:12:34:56&stage=failed&reason=0x2d12608a%0a%1b[2J").statusCode());
        StageBeacon f = events.await(StageBeacon.class, x -> x.stage().equals("failed"));
        assertTrue(f.detail().startsWith("0x2d12608a") && f.detail().chars().noneMatch(ch -> ch < 0x20), f.detail());
    }

    @Test
    void sessionsApi() throws Exception {
        var r = get("/_/api/sessions");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        var tree = ApiJson.MAPPER.readTree(r.body());
        assertEquals("52:54:00:00:00:01", tree.get(0).get("mac").asText());
        assertEquals(1500, tree.get(0).get("took").asLong());
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /menu.ipxe HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                int len = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                assertEquals("#!ipxe\necho hi\n", new String(in.readNBytes(len), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void smugglingAndOversizedRequestsAreRejected() throws Exception {
        String both = raw("GET /menu.ipxe HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /vmlinuz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(both.startsWith("HTTP/1.1 400"), both);
        String big = raw("GET /menu.ipxe HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertTrue(big.startsWith("HTTP/1.1 431") || big.startsWith("HTTP/1.1 400"), big);
        String twoLengths = raw("GET /menu.ipxe HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        assertTrue(twoLengths.startsWith("HTTP/1.1 400"), twoLengths);
        String garbage = raw("\u0001\u0002 nonsense\r\n\r\n");
        assertTrue(garbage.isEmpty() || garbage.startsWith("HTTP/1.1 400"), garbage);
        // still serving
        assertEquals(200, get("/menu.ipxe").statusCode());
    }

    @Test
    void aStalledReaderIsDroppedAndReported() throws Exception {
        start(Duration.ofSeconds(1));
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("big.iso").toFile(), "rw")) {
            f.setLength(256L << 20); // sparse: costs no disk
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write("GET /big.iso HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // never read
            TransferFinished f = events.finished("big.iso");
            assertEquals(Outcome.FAILED, f.outcome());
            assertTrue(f.bytesDone() < (256L << 20));
        }
        for (int i = 0; i < 100 && files.openCount() > 0; i++) Thread.sleep(20);
        assertEquals(0, files.openCount(), "the file was released");
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(b);
            } catch (IOException e) {
                // reset after the answer: what we have is the answer
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
        }
        return b.toString();
    }

    /** Whether the server closed this connection within {@code millis} (reads until EOF or the time is up). */
    static boolean closedWithin(java.net.Socket s, long millis) throws IOException {
        s.setSoTimeout(50);
        long end = System.nanoTime() + millis * 1_000_000L;
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end) {
            try {
                if (s.getInputStream().read(buf) < 0) return true;
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet
            } catch (IOException e) {
                return true; // reset
            }
        }
        return false;
    }

    /**
     * Slowloris: connections that send a header line now and then, never finishing, are never idle; they
     * are closed once their headers are not complete within the header timeout, while other clients are
     * served, a slow but complete request still is, and a kept-alive connection's next request too.
     */
    @Test
    void requestHeadersNotCompleteInTimeCloseTheConnection() throws Exception {
        start(Duration.ofSeconds(30), c -> c.withHeaderTimeout(Duration.ofSeconds(1)));
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET /menu.ipxe HTTP/1.1\r\nHost: bench\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            // a kept-alive connection: one request now, the next after the header timeout has passed
            java.net.Socket keep = new java.net.Socket("127.0.0.1", server.port());
            slow.add(keep);
            String request = "GET /menu.ipxe HTTP/1.1\r\nHost: bench\r\n\r\n";
            keep.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            // a slow but complete request: its header lines 300 ms apart, done within the second
            java.net.Socket slowButDone = new java.net.Socket("127.0.0.1", server.port());
            slow.add(slowButDone);
            for (int tick = 0; tick < 10; tick++) {
                Thread.sleep(300);
                for (java.net.Socket s : slow.subList(0, 20)) {
                    try {
                        s.getOutputStream().write(("X-Tick-" + tick + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // the server closed it: what we want
                    }
                }
                if (tick < 3) slowButDone.getOutputStream().write((tick == 0 ? "GET /menu.ipxe HTTP/1.1\r\n" : tick == 1 ? "Host: bench\r\n" : "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (tick == 5) assertEquals(200, get("/menu.ipxe").statusCode(), "others are served meanwhile");
            }
            for (int i = 0; i < 20; i++) assertTrue(closedWithin(slow.get(i), 2000), "slow connection " + i + " closed");
            keep.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            keep.setSoTimeout(5000);
            StringBuilder answers = new StringBuilder();
            byte[] buf = new byte[1024];
            for (int n; answers.indexOf("HTTP/1.1 200", 10) < 0 || !answers.toString().endsWith("echo hi\n"); ) {
                if ((n = keep.getInputStream().read(buf)) < 0) break;
                answers.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            String two = answers.toString();
            assertTrue(two.startsWith("HTTP/1.1 200") && two.indexOf("HTTP/1.1 200", 10) > 0, "both answers on the kept-alive connection: " + two);
            slowButDone.setSoTimeout(5000);
            String done = new String(slowButDone.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200", done, "a slow request whose headers came in time is answered");
        } finally {
            for (java.net.Socket s : slow) s.close();
        }
    }
}
