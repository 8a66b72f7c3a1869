package dev.bootbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.ServeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TFTP and HTTP against the real clients of Debian (curl, tftp-hpa, atftp, busybox, wget), with
 * {@code bootbench serve} inside a network namespace of its own, on its loopback. Every download's
 * sha256 is checked, and so are the transfer events (through the sessions API that folds them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileServersIT {
    static final String TFTP = "6969";
    static final String HTTP = "8080";
    static final String MAC = "52:54:00:77:00:42";

    Path tmp;
    Path root;
    Path out;
    Netns ns;
    ServeProcess serve;

    @BeforeAll
    void start() throws Exception {
        Lab.requireRootAnd("curl", "wget", "tftp", "atftp", "busybox");
        tmp = Files.createTempDirectory("bb-files-it");
        root = Files.createDirectories(tmp.resolve("root"));
        out = Files.createDirectories(tmp.resolve("out"));
        write(root.resolve("small.bin"), 100_003, 1);
        write(root.resolve("boot/mid.bin"), 5_000_017, 2);
        write(root.resolve("exact.bin"), 512 * 64, 3);
        Files.writeString(root.resolve("menu.ipxe"), "#!ipxe\r\necho hello\nchain vmlinuz\n");
        ns = Netns.create("xfer");
        serve = ServeProcess.start(ns, tmp.resolve("serve.log"), "--workspace", tmp.resolve("ws").toString(), "--dhcp", "off",
                "--address", "127.0.0.1", "--root", root.toString(), "--tftp-port", TFTP, "--http-port", HTTP);
    }

    @AfterAll
    void stop() throws Exception {
        if (serve != null) assertEquals(0, serve.stop(), "serve exits cleanly on SIGTERM");
        if (ns != null) ns.close();
        if (tmp != null) {
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    static void write(Path p, long size, long seed) throws IOException {
        Files.createDirectories(p.getParent());
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream o = Files.newOutputStream(p)) {
            for (long left = size; left > 0; left -= buf.length) {
                r.nextBytes(buf);
                o.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    Exec.Result run(String... cmd) {
        return ns.exec(Duration.ofSeconds(120), cmd);
    }

    void assertSame(Path served, Path downloaded, Exec.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout() + "\n" + serve.log());
        assertEquals(sha256(served), sha256(downloaded), downloaded + " differs from " + served);
    }

    JsonNode sessions() throws Exception {
        Exec.Result r = run("curl", "-sf", "http://127.0.0.1:" + HTTP + "/_/api/sessions");
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }

    /** Every finished transfer of this file in the sessions, as the transfer events reported them. */
    List<JsonNode> transfers(String file) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode s : sessions()) for (JsonNode t : s.get("transfers")) {
            if (t.get("file").asText().equals(file) && !t.get("outcome").isNull()) found.add(t);
        }
        found.sort(java.util.Comparator.comparingLong(t -> t.get("id").asLong())); // ids grow with time
        return found;
    }

    /** The last finished transfer of the file: OK, and all of it. */
    void assertTransferEvents(String file, String protocol, long size) throws Exception {
        List<JsonNode> ts = transfers(file).stream().filter(t -> t.get("protocol").asText().equals(protocol)).toList();
        assertFalse(ts.isEmpty(), "no " + protocol + " transfer of " + file + " in " + sessions());
        JsonNode t = ts.get(ts.size() - 1);
        assertEquals("OK", t.get("outcome").asText(), t.toString());
        assertEquals(size, t.get("size").asLong(), t.toString());
        assertEquals(size, t.get("bytesDone").asLong(), t.toString());
    }

    @Test
    void curlTftpAtEveryBlockSize() throws Exception {
        Path src = root.resolve("boot/mid.bin");
        for (String blk : List.of("512", "1468", "8192", "65464")) {
            Path dst = out.resolve("curl-" + blk);
            assertSame(src, dst, run("curl", "-sS", "--tftp-blksize", blk, "-o", dst.toString(), "tftp://127.0.0.1:" + TFTP + "/boot/mid.bin"));
            List<JsonNode> ts = transfers("boot/mid.bin");
            JsonNode last = ts.get(ts.size() - 1);
            assertEquals("TFTP", last.get("protocol").asText());
            assertEquals("OK", last.get("outcome").asText());
            assertEquals(5_000_017, last.get("bytesDone").asLong());
            assertTrue(last.get("detail").asText().contains("blksize=" + blk), last.toString());
        }
        Path dst = out.resolve("curl-exact");
        assertSame(root.resolve("exact.bin"), dst, run("curl", "-sS", "-o", dst.toString(), "tftp://127.0.0.1:" + TFTP + "/exact.bin"));
    }

    @Test
    void tftpHpa() throws Exception {
        Path dst = out.resolve("hpa");
        assertSame(root.resolve("boot/mid.bin"), dst, run("tftp", "-m", "binary", "127.0.0.1", TFTP, "-c", "get", "boot/mid.bin", dst.toString()));
        assertTransferEvents("boot/mid.bin", "TFTP", 5_000_017);
        // netascii, the tftp-hpa default: line ends converted there and back
        Path txt = out.resolve("hpa.ipxe");
        Exec.Result r = run("tftp", "127.0.0.1", TFTP, "-c", "get", "menu.ipxe", txt.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(Files.readString(root.resolve("menu.ipxe")), Files.readString(txt));
        // Windows-style name
        Path win = out.resolve("hpa-win");
        assertSame(root.resolve("boot/mid.bin"), win, run("tftp", "-m", "binary", "127.0.0.1", TFTP, "-c", "get", "\\boot\\mid.bin", win.toString()));
    }

    @Test
    void atftpWithWindowsAndBlockSizes() throws Exception {
        Path src = root.resolve("boot/mid.bin");
        for (String[] opts : List.of(new String[] {"windowsize 8"}, new String[] {"windowsize 16", "blksize 1428"},
                new String[] {"blksize 1428"}, new String[] {"windowsize 16", "blksize 8192", "tsize 0"})) {
            Path dst = out.resolve("atftp-" + String.join("-", opts).replace(' ', '_'));
            List<String> cmd = new ArrayList<>(List.of("atftp"));
            for (String o : opts) cmd.addAll(List.of("--option", o));
            cmd.addAll(List.of("-g", "-r", "boot/mid.bin", "-l", dst.toString(), "127.0.0.1", TFTP));
            assertSame(src, dst, ns.exec(Duration.ofSeconds(120), cmd.toArray(String[]::new)));
            List<JsonNode> ts = transfers("boot/mid.bin");
            JsonNode last = ts.get(ts.size() - 1);
            assertEquals("TFTP", last.get("protocol").asText());
            assertEquals("OK", last.get("outcome").asText(), last.toString());
            assertEquals(5_000_017, last.get("bytesDone").asLong());
            int blk = 512;
            for (String o : opts) if (o.startsWith("blksize")) blk = Integer.parseInt(o.substring(8));
            for (String o : opts) {
                String want = o.replace(' ', '=');
                // at most 64 KiB in flight: windowsize 16 at blksize 8192 is cut to 8
                if (o.startsWith("windowsize")) want = "windowsize=" + Math.min(Integer.parseInt(o.substring(11)), 65536 / blk);
                if (!o.startsWith("tsize")) assertTrue(last.get("detail").asText().contains(want), last + " for " + o);
            }
        }
    }

    @Test
    void busyboxTftp() throws Exception {
        Path dst = out.resolve("busybox");
        assertSame(root.resolve("small.bin"), dst, run("busybox", "tftp", "-g", "-r", "small.bin", "-l", dst.toString(), "127.0.0.1", TFTP));
        Path dst2 = out.resolve("busybox-b");
        assertSame(root.resolve("boot/mid.bin"), dst2, run("busybox", "tftp", "-b", "1468", "-g", "-r", "boot/mid.bin", "-l", dst2.toString(), "127.0.0.1", TFTP));
        assertTransferEvents("small.bin", "TFTP", 100_003);
    }

    @Test
    void refusalsAndMissingFilesThroughRealClients() throws Exception {
        Files.writeString(tmp.resolve("secret"), "secret");
        Path dst = out.resolve("nope");
        Exec.Result r = run("tftp", "-m", "binary", "127.0.0.1", TFTP, "-c", "get", "../secret", dst.toString());
        assertTrue(r.stdout().contains("Error code 2") || r.stderr().contains("Error code 2"), r.stdout() + r.stderr());
        assertFalse(Files.exists(dst) && Files.readString(dst).contains("secret"));
        r = run("curl", "-sS", "-o", out.resolve("missing").toString(), "tftp://127.0.0.1:" + TFTP + "/pxelinux.cfg/01-52-54-00-00-00-01");
        assertNotEquals(0, r.exitCode());
        // the log is written asynchronously: the client can have its error before the line lands
        serve.awaitLog(l -> l.contains("pxelinux.cfg/01-52-54-00-00-00-01"), Duration.ofSeconds(10)); // a log line for the missing file
        assertEquals(404, Integer.parseInt(run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + HTTP + "/nothing").stdout().trim()));
        for (String path : List.of("/../secret", "/boot/..%2f..%2fsecret", "/boot/..%5c..%5csecret", "/%2e%2e/secret")) {
            r = run("curl", "-s", "--path-as-is", "-w", "\n%{http_code}", "http://127.0.0.1:" + HTTP + path);
            String code = r.stdout().substring(r.stdout().lastIndexOf('\n') + 1).trim();
            assertTrue(List.of("400", "403", "404").contains(code), path + " -> " + code);
            assertFalse(r.stdout().contains("secret\n" + code) || r.stdout().startsWith("secret"), path + " leaked the file");
        }
    }

    @Test
    void rolloverWith256MiBAt512ByteBlocks() throws Exception {
        Path big = root.resolve("big.bin");
        write(big, 256L << 20, 4);
        try {
            Path dst = out.resolve("big");
            Exec.Result r = ns.exec(Duration.ofMinutes(10), "curl", "-sS", "--tftp-blksize", "512", "-o", dst.toString(), "tftp://127.0.0.1:" + TFTP + "/big.bin");
            assertSame(big, dst, r);
            assertTransferEvents("big.bin", "TFTP", 256L << 20);
            Files.delete(dst);
        } finally {
            Files.deleteIfExists(big);
        }
    }

    @Test
    void hundredParallelTransfers() throws Exception {
        Path dir = Files.createDirectories(out.resolve("parallel"));
        // a hundred machines, an address each (one host may run at most 16 transfers at once)
        String script = "for i in $(seq 1 100); do curl -sS --interface 127.0.1.$i --tftp-blksize 1468 -o " + dir + "/f$i tftp://127.0.0.1:" + TFTP
                + "/small.bin & done; wait";
        Exec.Result r = ns.exec(Duration.ofMinutes(3), "sh", "-c", script);
        assertEquals(0, r.exitCode(), r.stderr());
        String want = sha256(root.resolve("small.bin"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(100, all.size());
            for (Path p : all) assertEquals(want, sha256(p), p.toString());
        }
        long ok = transfers("small.bin").stream().filter(t -> t.get("outcome").asText().equals("OK") && t.get("bytesDone").asLong() == 100_003).count();
        assertTrue(ok >= 100, ok + " OK transfers of small.bin");
    }

    @Test
    void httpWithCurlAndWget() throws Exception {
        Path src = root.resolve("boot/mid.bin");
        String url = "http://127.0.0.1:" + HTTP + "/boot/mid.bin";
        Path a = out.resolve("http-curl");
        assertSame(src, a, run("curl", "-sSf", "-o", a.toString(), url + "?mac=" + MAC));
        Path b = out.resolve("http-wget");
        assertSame(src, b, run("wget", "-q", "-O", b.toString(), url));
        assertTransferEvents("boot/mid.bin", "HTTP", 5_000_017);

        // a range, and the rest of the file after it (resume)
        Path part = out.resolve("http-range");
        Exec.Result r = run("curl", "-sSf", "-r", "1000-1999", "-o", part.toString(), url);
        assertEquals(0, r.exitCode(), r.stderr());
        byte[] whole = Files.readAllBytes(src);
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(whole, 1000, 2000), Files.readAllBytes(part)));
        Path resumed = out.resolve("http-resume");
        Files.write(resumed, java.util.Arrays.copyOf(whole, 1_234_567));
        assertSame(src, resumed, run("curl", "-sSf", "-C", "-", "-o", resumed.toString(), url));
        Path wresumed = out.resolve("http-wget-resume");
        Files.write(wresumed, java.util.Arrays.copyOf(whole, 777));
        assertSame(src, wresumed, run("wget", "-q", "-c", "-O", wresumed.toString(), url));

        // the session of the MAC given as ?mac= holds its transfer
        boolean found = false;
        for (JsonNode s : sessions()) {
            if (MAC.equals(s.get("mac").asText(null))) {
                JsonNode t = s.get("transfers").get(0);
                assertEquals("boot/mid.bin", t.get("file").asText());
                assertEquals(5_000_017, t.get("bytesDone").asLong());
                found = true;
            }
        }
        assertTrue(found, "a session for " + MAC);

        // the boot script and a beacon
        r = run("curl", "-sSf", "http://127.0.0.1:" + HTTP + "/boot.ipxe?mac=" + MAC);
        assertTrue(r.stdout().startsWith("#!ipxe"), r.stdout());
        assertTrue(r.stdout().contains("set bb-mac " + MAC), r.stdout());
        assertEquals("ok\n", run("curl", "-sSf", "http://127.0.0.1:" + HTTP + "/_/event?mac=" + MAC + "&stage=booting").stdout());
        for (JsonNode s : sessions()) {
            if (MAC.equals(s.get("mac").asText(null))) assertEquals("BOOTING", s.get("stage").asText(), s.toString());
        }
        serve.awaitLog(l -> l.contains("BOOTING"), Duration.ofSeconds(10));
    }
}
