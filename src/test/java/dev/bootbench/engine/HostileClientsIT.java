package dev.bootbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootbench serve} against clients that do not play fair, with real tools (curl, tftp clients,
 * the JDK's jcmd) inside a network namespace of its own, on its loopback: what one client does must
 * neither grow the server without bound nor keep others out.
 */
class HostileClientsIT {
    static final String TFTP = "6969";
    static final String HTTP = "8080";
    @TempDir
    Path tmp;
    Path root;
    Netns ns;
    ServeProcess serve;

    @BeforeEach
    void start() throws Exception {
        Lab.requireRootAnd("curl", "jcmd");
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        ns = Netns.create("hostile");
        serve = ServeProcess.start(ns, tmp.resolve("serve.log"), "--workspace", tmp.resolve("ws").toString(), "--dhcp", "off",
                "--address", "127.0.0.1", "--root", root.toString(), "--tftp-port", TFTP, "--http-port", HTTP);
    }

    @AfterEach
    void stop() throws Exception {
        if (serve != null) serve.close();
        if (ns != null) ns.close();
    }

    /** Instances of a class in serve's heap after a full collection (jcmd's class histogram forces one). */
    long liveInstances(String className) {
        Exec.Result r = Exec.run(Duration.ofSeconds(60), java.util.List.of("jcmd", Long.toString(serve.javaPid()), "GC.class_histogram"));
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[3].equals(className)) return Long.parseLong(f[1]);
        }
        return 0;
    }

    /**
     * Every request with a new {@code ?mac=} made a session that was never removed: 24,300 of them must
     * leave at most the bounded number of sessions in serve's heap and in {@code /_/api/sessions}.
     */
    @Test
    void aFloodOfNewMacsLeavesBoundedSessions() throws Exception {
        Exec.Result r = ns.exec(Duration.ofSeconds(600), "sh", "-c",
                "curl -s 'http://127.0.0.1:" + HTTP + "/boot.ipxe?mac=52:54:00:0[0-2]:[10-99]:[10-99]' > /dev/null");
        assertEquals(0, r.exitCode(), r.stderr());
        long started = System.nanoTime();
        Exec.Result api = ns.exec(Duration.ofSeconds(60), "curl", "-sf", "http://127.0.0.1:" + HTTP + "/_/api/sessions");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, api.exitCode(), api.stderr());
        JsonNode all = new ObjectMapper().readTree(api.stdout());
        System.out.printf("SESSIONS-API sessions=%d bytes=%d millis=%d%n", all.size(), api.stdout().length(), millis);
        assertTrue(all.size() <= 1200, all.size() + " sessions listed");
        assertTrue(api.stdout().contains("52:54:00:02:99:99"), "the newest client is listed");
        long live = liveInstances("dev.bootbench.clients.BootSessions$Session");
        assertTrue(live <= 1200, live + " sessions in serve's heap after 24,300 requests");
    }

    /**
     * Slowloris: 200 connections that each send a header line every 3 s and never finish their request
     * are never idle. They must be closed once their headers are late (10 s by default), while a normal
     * request is answered.
     */
    @Test
    void slowRequestHeadersDoNotHoldConnections() throws Exception {
        Process loris = ns.start(java.util.List.of(ServeProcess.javaBin(), "-cp", System.getProperty("java.class.path"),
                dev.bootbench.testlab.SlowLoris.class.getName(), "--host", "127.0.0.1", "--port", HTTP, "--connections", "200",
                "--every-ms", "3000", "--seconds", "24"), tmp.resolve("loris.log"));
        Thread.sleep(5000);
        Exec.Result r = ns.exec(Duration.ofSeconds(20), "curl", "-sf", "http://127.0.0.1:" + HTTP + "/hello.txt");
        assertEquals("hello\n", r.stdout(), "a normal request is answered during the attack: " + r.stderr());
        assertTrue(loris.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the slow client ended");
        String out = Files.readString(tmp.resolve("loris.log"));
        assertTrue(out.contains("CLOSED 200 OPEN 0"), "every slow connection closed by the server: " + out);
        assertTrue(serve.log().contains("its request headers were not complete 10 s after they began"), serve.log());
    }
}
