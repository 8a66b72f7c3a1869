package dev.bootbench.engine.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scriptable TFTP client for the server tests: sends exactly what a test says, records what comes back. */
final class TestTftpClient implements AutoCloseable {
    record Received(TftpPacket packet, InetSocketAddress from) {}

    final DatagramSocket socket;
    final InetSocketAddress server;
    InetSocketAddress peer;
    int dataPackets;

    TestTftpClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5_000);
        socket.setReceiveBufferSize(4 << 20);
    }

    void send(TftpPacket p, InetSocketAddress to) throws IOException {
        byte[] b = TftpCodec.encode(p);
        socket.send(new DatagramPacket(b, b.length, to));
    }

    void sendRaw(byte[] b) throws IOException {
        socket.send(new DatagramPacket(b, b.length, server));
    }

    void rrq(String file, String mode, String... options) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) o.put(options[i], options[i + 1]);
        send(new TftpPacket.Request(false, file, mode, o, null), server);
    }

    void toPeer(TftpPacket p) throws IOException {
        send(p, peer);
    }

    /** The next packet; the first one from anywhere but the listening port fixes the peer (server TID). */
    Received receive() throws IOException {
        byte[] buf = new byte[70000];
        DatagramPacket dp = new DatagramPacket(buf, buf.length);
        socket.receive(dp);
        InetSocketAddress from = (InetSocketAddress) dp.getSocketAddress();
        if (peer == null && !from.equals(server)) peer = from;
        try {
            TftpPacket p = TftpCodec.decode(buf, 0, dp.getLength());
            if (p instanceof TftpPacket.Data) dataPackets++;
            return new Received(p, from);
        } catch (TftpFormatException e) {
            throw new IOException("server sent a malformed packet: " + e.getMessage());
        }
    }

    TftpPacket next() throws IOException {
        return receive().packet();
    }

    /** Null when nothing comes within the time. */
    TftpPacket poll(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return next();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /**
     * Receives a whole file after the request was sent (and the OACK, if any, acknowledged), like an
     * RFC 7440 client: ACK after every {@code window} blocks and at the end, ACK the last in-order
     * block on a gap or a timeout.
     */
    byte[] receiveFile(int blksize, int window) throws IOException {
        return receiveFile(blksize, window, 1);
    }

    /** The same, from block {@code first} on (the blocks before it were taken by the test itself). */
    byte[] receiveFile(int blksize, int window, long first) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long expected = first;
        int sinceAck = 0;
        int timeouts = 0;
        while (true) {
            TftpPacket p;
            try {
                p = next();
                timeouts = 0;
            } catch (SocketTimeoutException e) {
                if (++timeouts >= 3) throw new IOException("the server stopped sending (block " + expected + " expected)");
                toPeer(new TftpPacket.Ack((int) ((expected - 1) & 0xffff)));
                sinceAck = 0;
                continue;
            }
            if (p instanceof TftpPacket.Error e) throw new IOException("server error " + e.code() + ": " + e.message());
            if (!(p instanceof TftpPacket.Data d)) continue;
            if (d.block() != (expected & 0xffff)) {
                toPeer(new TftpPacket.Ack((int) ((expected - 1) & 0xffff)));
                sinceAck = 0;
                continue;
            }
            out.write(d.payload(), 0, d.payload().length);
            boolean last = d.payload().length < blksize;
            expected++;
            if (last || ++sinceAck >= window) {
                toPeer(new TftpPacket.Ack(d.block()));
                sinceAck = 0;
            }
            if (last) return out.toByteArray();
        }
    }

    @Override public void close() {
        socket.close();
    }
}
