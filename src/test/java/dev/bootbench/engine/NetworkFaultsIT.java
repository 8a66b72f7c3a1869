package dev.bootbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootbench serve} when the network misbehaves: the bench link flaps during a transfer, and a
 * second interface of the server is reachable by a host that routes the bench address through it.
 * The server (bench0 10.77.0.1/24) and a bench client (eth0 10.77.0.2/24) are namespaces joined by a veth.
 */
class NetworkFaultsIT {
    @TempDir
    Path tmp;
    Path root;
    Netns server, client;
    ServeProcess serve;

    @BeforeEach
    void bench() throws Exception {
        Lab.requireRootAnd("ip", "tftp", "curl");
        Lab.jar();
        root = Files.createDirectories(tmp.resolve("root"));
        server = Netns.create("srv");
        client = Netns.create("cli");
        Netns.link(server, "bench0", "10.77.0.1/24", client, "eth0", "10.77.0.2/24");
    }

    @AfterEach
    void teardown() throws Exception {
        if (serve != null) serve.close();
        if (client != null) client.close();
        if (server != null) server.close();
    }

    private ServeProcess serve(String... extra) throws Exception {
        List<String> opts = new java.util.ArrayList<>(List.of("--iface", "bench0", "--dhcp", "off", "--root", root.toString(),
                "--workspace", tmp.resolve("ws").toString(), "--router-advertisements", "off"));
        opts.addAll(List.of(extra));
        serve = ServeProcess.start(server, tmp.resolve("serve.log"), opts.toArray(String[]::new));
        return serve;
    }

    /**
     * The bench link goes down for a second in the middle of a download: sending fails with "Network
     * is unreachable" meanwhile. The transfer must carry on when the link is back (the client, tftp-hpa,
     * retransmits its ACK), and the file arrive whole.
     */
    @Test
    void aTftpTransferSurvivesALinkFlap() throws Exception {
        Path big = root.resolve("big.bin");
        FileServersIT.write(big, 64L << 20, 7);
        serve();
        Path got = tmp.resolve("got.bin");
        Process download = client.start(List.of("tftp", "-m", "binary", "10.77.0.1", "-c", "get", "big.bin", got.toString()), tmp.resolve("tftp.log"));
        for (int i = 0; i < 600 && (!Files.exists(got) || Files.size(got) < (2 << 20)); i++) Thread.sleep(10);
        assertTrue(download.isAlive() && Files.size(got) < Files.size(big), "the download is still going when the link flaps");
        server.ip("link", "set", "bench0", "down");
        Thread.sleep(1000);
        server.ip("link", "set", "bench0", "up");
        assertTrue(download.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "tftp ended");
        assertEquals(0, download.exitValue(), Files.readString(tmp.resolve("tftp.log")) + "\n" + serve.log());
        assertEquals(FileServersIT.sha256(big), FileServersIT.sha256(got), "the file arrived whole");
        String log = serve.log();
        assertTrue(log.contains("sending big.bin to 10.77.0.2:") && log.contains("Network is unreachable"), log);
        assertTrue(log.contains("works again after"), log);
        assertTrue(log.lines().anyMatch(l -> l.contains("big.bin") && l.contains(": ok")), log);
    }

    private String fetch(Netns from, String url) {
        Exec.Result r = from.exec(Duration.ofSeconds(30), "curl", "-sS", "--max-time", "5", url);
        return r.exitCode() == 0 ? r.stdout() : "failed (" + r.exitCode() + "): " + r.stderr().trim();
    }

    /**
     * The server also has an office interface (other0, 10.88.0.1/24), whose host routes the bench network
     * through the server: TFTP and HTTP must answer only what arrives through the bench interface, also
     * after the bench interface is deleted and made anew.
     */
    @Test
    void tftpAndHttpAnswerOnlyThroughTheBenchInterface() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Netns office = Netns.create("off");
        try {
            Netns.link(server, "other0", "10.88.0.1/24", office, "eth0", "10.88.0.2/24");
            office.ip("route", "add", "10.77.0.0/24", "via", "10.88.0.1");
            serve();
            assertEquals("hello\n", fetch(client, "http://10.77.0.1/hello.txt"));
            assertEquals("hello\n", fetch(client, "tftp://10.77.0.1/hello.txt"));
            assertNotEquals("hello\n", fetch(office, "http://10.77.0.1/hello.txt"), "HTTP through the office interface");
            assertNotEquals("hello\n", fetch(office, "tftp://10.77.0.1/hello.txt"), "TFTP through the office interface");

            server.ip("link", "del", "bench0");
            Netns.link(server, "bench0", "10.77.0.1/24", client, "eth0", "10.77.0.2/24");
            serve.awaitLog(l -> l.contains("tftp: interface bench0 was made anew: answering through it again"), Duration.ofSeconds(10));
            serve.awaitLog(l -> l.contains("http: interface bench0 was made anew: answering through it again"), Duration.ofSeconds(10));
            assertEquals("hello\n", fetch(client, "http://10.77.0.1/hello.txt"), "HTTP on the new bench interface");
            assertEquals("hello\n", fetch(client, "tftp://10.77.0.1/hello.txt"), "TFTP on the new bench interface");
            assertNotEquals("hello\n", fetch(office, "http://10.77.0.1/hello.txt"));
            assertNotEquals("hello\n", fetch(office, "tftp://10.77.0.1/hello.txt"));
            assertTrue(serve.log().contains("tftp: answers only what arrives through bench0"), serve.log());
        } finally {
            office.close();
        }
    }
}
