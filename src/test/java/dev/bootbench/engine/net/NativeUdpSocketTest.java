package dev.bootbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NativeUdpSocketTest {

    @Test
    void receiveNowTakesWhatHasArrivedAndNeverWaitsWhenNothingHas() throws Exception {
        assumeTrue(NativeUdpSocket.supported(), "the native socket is for Linux and macOS");
        // a receive timeout of 0 blocks for ever: were receiveNow to wait, the test would hang (and fail below)
        NativeUdpSocket s = new NativeUdpSocket(null, Ipv4.parse("127.0.0.1"), 0, 0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] buf = new byte[64];
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertNull(s.receiveNow(buf), "nothing has arrived"));
            for (String text : new String[] {"first", "second"}) {
                byte[] b = text.getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", s.localPort())));
            }
            UdpSocket.Datagram d = s.receive(buf); // the first, waiting for it if it is not there yet
            assertEquals("first", new String(buf, 0, d.length(), StandardCharsets.US_ASCII));
            assertEquals(client.getLocalPort(), d.port());
            UdpSocket.Datagram next = null;
            for (int i = 0; i < 1_000 && next == null; i++) { // on loopback the second is queued with the first, or moments after
                next = s.receiveNow(buf);
                if (next == null) Thread.sleep(1);
            }
            assertNotNull(next, "the second datagram, already there");
            assertEquals("second", new String(buf, 0, next.length(), StandardCharsets.US_ASCII));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertNull(s.receiveNow(buf), "both were taken"));
        } finally {
            s.close();
        }
        assertThrows(IOException.class, () -> s.receiveNow(new byte[64]), "a closed socket says so");
    }
}
