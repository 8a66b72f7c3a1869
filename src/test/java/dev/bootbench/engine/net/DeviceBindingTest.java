package dev.bootbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The descriptor behind a JDK channel is found among the process's sockets, and tied to the interface. */
class DeviceBindingTest {
    static String boundDevice(int fd) {
        byte[] name = new byte[16];
        IntByReference len = new IntByReference(name.length);
        NativeUdpSocket.LibC.C.getsockopt(fd, 1, 25, name, len);
        return new String(name, 0, Math.max(0, len.getValue() - 1), StandardCharsets.US_ASCII).replace("\0", "");
    }

    @Test
    void aUdpListenerIsFoundAndTied() throws Exception {
        assumeTrue(Platform.isLinux(), "Linux only");
        try (DatagramChannel other = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DeviceBinding b = DeviceBinding.tie(ch, "lo", LoggerFactory.getLogger("test"));
            assertNotNull(b);
            b.close();
            assertEquals("lo", boundDevice(DeviceBinding.descriptorOf(ch)));
            assertEquals("", boundDevice(DeviceBinding.descriptorOf(other)), "the other socket is left alone");
        }
    }

    /** A dual-stack TCP listener with a connection accepted on the same local address: the listener is the one tied. */
    @Test
    void aTcpListenerIsFoundAmongItsConnections() throws Exception {
        assumeTrue(Platform.isLinux(), "Linux only");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress()); SocketChannel accepted = server.accept()) {
                DeviceBinding b = DeviceBinding.tie(server, "lo", LoggerFactory.getLogger("test"));
                assertNotNull(b);
                b.close();
                assertEquals("lo", boundDevice(DeviceBinding.descriptorOf(server)));
            }
        }
    }
}
