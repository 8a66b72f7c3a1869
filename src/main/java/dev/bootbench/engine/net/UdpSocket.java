package dev.bootbench.engine.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;

/** A UDP socket as the DHCP and TFTP servers need it: receive with a timeout, send to any address. */
public interface UdpSocket extends Closeable {
    /** A received datagram: {@code length} bytes of the caller's buffer, from {@code source}:{@code port}. */
    record Datagram(int length, Inet4Address source, int port) {}

    /** Blocks up to the socket's receive timeout; null when it passes with nothing received. */
    Datagram receive(byte[] buffer) throws IOException;

    /**
     * A datagram that has already arrived, without waiting: null at once when none has. A socket that cannot look
     * without waiting returns null, and its caller takes one datagram at a time through {@link #receive}.
     */
    default Datagram receiveNow(byte[] buffer) throws IOException {
        return null;
    }

    void send(byte[] data, int length, Inet4Address destination, int port) throws IOException;

    int localPort();

    @Override
    void close();
}
