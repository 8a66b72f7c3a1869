package dev.bootbench.engine.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One host cannot take every transfer slot: its requests beyond its share are refused, others are still served. */
class TftpServerLimitsTest {
    @TempDir
    Path root;
    TftpServer server;
    final List<DatagramSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(DatagramSocket::close);
        if (server != null) server.close();
    }

    DatagramSocket socket(String address) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        s.setSoTimeout(3000);
        sockets.add(s);
        return s;
    }

    static void rrq(DatagramSocket s, InetSocketAddress to, String file) throws Exception {
        byte[] r = ("\0\1" + file + "\0octet\0").getBytes(StandardCharsets.US_ASCII);
        s.send(new DatagramPacket(r, r.length, to));
    }

    /** The first answer to a request: its opcode (3 DATA, 5 ERROR) and, for an error, its message. */
    static String answer(DatagramSocket s) throws Exception {
        byte[] b = new byte[1024];
        DatagramPacket p = new DatagramPacket(b, b.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return "nothing";
        }
        if (b[1] == 3) return "DATA";
        return "ERROR " + new String(b, 4, Math.max(0, p.getLength() - 5), StandardCharsets.US_ASCII);
    }

    /**
     * 200 read requests from one host (each from a port of its own, none acknowledged: every transfer
     * stays until its stall timeout) on a server of 32 slots: at most the per-client limit run, and a
     * second host still gets its file.
     */
    @Test
    void oneHostsRequestFloodLeavesRoomForOthers() throws Exception {
        Files.write(root.resolve("big.bin"), new byte[1 << 20]);
        Files.writeString(root.resolve("small.txt"), "hello\n");
        var cfg = TftpServer.Config.of(InetAddress.getLoopbackAddress(), 0, new PathResolver(root, false))
                .withMaxTransfers(32).withStallTimeout(Duration.ofSeconds(20));
        server = new TftpServer(cfg, new EventBus(), null, new OpenFiles());
        server.start();
        List<DatagramSocket> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            DatagramSocket s = socket("127.0.0.1");
            rrq(s, server.address(), "big.bin");
            flood.add(s);
        }
        int data = 0, tooMany = 0;
        for (DatagramSocket s : flood) {
            String a = answer(s);
            if (a.equals("DATA")) data++;
            else if (a.startsWith("ERROR too many transfers from 127.0.0.1")) tooMany++;
        }
        assertEquals(TftpServer.DEFAULT_MAX_PER_CLIENT, data, "transfers the flooding host got");
        assertEquals(200 - data, tooMany, "the others were told why");
        DatagramSocket other = socket("127.0.0.2");
        rrq(other, server.address(), "small.txt");
        assertEquals("DATA", answer(other), "another host is served meanwhile");
    }
}
