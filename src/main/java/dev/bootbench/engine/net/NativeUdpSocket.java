package dev.bootbench.engine.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A UDP socket made with the C library, so that it can be tied to one interface before it is bound:
 * Linux {@code SO_BINDTODEVICE}, macOS {@code IP_BOUND_IF}. A DHCP server on a multi-homed host must
 * do this; a wildcard socket would answer clients on the wrong interface.
 */
public final class NativeUdpSocket implements UdpSocket {
    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        long recvfrom(int fd, byte[] buffer, long length, int flags, byte[] address, IntByReference addressLength) throws LastErrorException;

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength) throws LastErrorException;

        /** recvfrom into native memory the socket keeps: JNA copies a byte[] argument whole, both ways, on every call. */
        long recvfrom(int fd, Pointer buffer, long length, int flags, Pointer address, Pointer addressLength) throws LastErrorException;

        int getsockname(int fd, byte[] address, IntByReference length) throws LastErrorException;

        int close(int fd);

        int if_nametoindex(String name);
    }

    private static final boolean MAC = Platform.isMac();
    private static final int AF_INET = 2, SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = MAC ? 0xffff : 1;
    private static final int SO_REUSEADDR = MAC ? 0x4 : 2;
    private static final int SO_BROADCAST = MAC ? 0x20 : 6;
    private static final int SO_RCVTIMEO = MAC ? 0x1006 : 20;
    private static final int SO_RCVBUF = MAC ? 0x1002 : 8;
    private static final int SO_BINDTODEVICE = 25;
    private static final int IPPROTO_IP = 0, IP_BOUND_IF = 25;
    private static final int EAGAIN = MAC ? 35 : 11, EINTR = 4, EADDRINUSE = MAC ? 48 : 98, EACCES = 13, EPERM = 1, ENODEV = 19;

    private final int fd;
    private final int port;
    private volatile boolean closed;
    /** receive()'s native buffers, reused by each receiving thread: the datagram, its sender, the sender's length. */
    private static final class RxBuffers {
        Memory data = new Memory(2048);
        final Memory from = new Memory(16), fromLength = new Memory(4);
    }

    private static final ThreadLocal<RxBuffers> RX = ThreadLocal.withInitial(RxBuffers::new);

    public static boolean supported() {
        return Platform.isLinux() || MAC;
    }

    /**
     * Opens a socket tied to {@code iface}, bound to {@code bindAddress}:{@code port} (0.0.0.0 for a
     * DHCP server, so it sees broadcasts), with broadcast allowed and the given receive timeout.
     */
    public NativeUdpSocket(NetIface iface, Inet4Address bindAddress, int port, int receiveTimeoutMillis) throws IOException {
        int s;
        try {
            s = LibC.C.socket(AF_INET, SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot create a UDP socket: errno " + e.getErrorCode());
        }
        try {
            setInt(s, SOL_SOCKET, SO_REUSEADDR, 1);
            setInt(s, SOL_SOCKET, SO_BROADCAST, 1);
            setInt(s, SOL_SOCKET, SO_RCVBUF, 4 << 20);
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putLong(receiveTimeoutMillis / 1000).putLong((receiveTimeoutMillis % 1000) * 1000L).array();
            if (MAC) { // struct timeval is {long, int} = 16 bytes with padding on macOS too; usec at offset 8 as int
                tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                        .putLong(receiveTimeoutMillis / 1000).putInt((receiveTimeoutMillis % 1000) * 1000).putInt(0).array();
            }
            LibC.C.setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, tv, tv.length);
            if (iface != null) {
                try {
                    if (MAC) {
                        setInt(s, IPPROTO_IP, IP_BOUND_IF, iface.index());
                    } else {
                        byte[] name = (iface.name() + "\0").getBytes(StandardCharsets.US_ASCII);
                        LibC.C.setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, name, name.length);
                    }
                } catch (LastErrorException e) {
                    throw bindError(e.getErrorCode(), "tie the socket to " + iface.name(), port, iface);
                }
            }
            try {
                LibC.C.bind(s, sockaddr(bindAddress, port), 16);
            } catch (LastErrorException e) {
                throw bindError(e.getErrorCode(), "bind UDP " + bindAddress.getHostAddress() + ":" + port, port, iface);
            }
            byte[] local = new byte[16];
            IntByReference len = new IntByReference(16);
            LibC.C.getsockname(s, local, len);
            this.port = ((local[2] & 0xff) << 8) | (local[3] & 0xff);
            this.fd = s;
        } catch (IOException | RuntimeException e) {
            LibC.C.close(s);
            throw e;
        }
    }

    private static void setInt(int fd, int level, int name, int value) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        LibC.C.setsockopt(fd, level, name, v, 4);
    }

    static byte[] sockaddr(Inet4Address address, int port) {
        byte[] sa = new byte[16];
        if (MAC) {
            sa[0] = 16;
            sa[1] = AF_INET;
        } else {
            ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort((short) AF_INET);
        }
        sa[2] = (byte) (port >> 8);
        sa[3] = (byte) port;
        System.arraycopy(address.getAddress(), 0, sa, 4, 4);
        return sa;
    }

    private static SocketBindException bindError(int errno, String what, int port, NetIface iface) {
        String where = iface != null ? " on " + iface.name() : "";
        if (errno == EADDRINUSE) {
            String holder = PortHolder.describeUdp(port);
            return new SocketBindException(SocketBindException.Reason.IN_USE, "UDP port " + port + " is already in use" + where
                    + (holder != null ? " by " + holder : "") + ". Stop the other server (another DHCP/TFTP server such as dnsmasq),"
                    + " or switch Bootbench's DHCP to proxy mode or off.");
        }
        if (errno == EACCES || errno == EPERM) {
            return new SocketBindException(SocketBindException.Reason.NO_PRIVILEGE, "no privilege to " + what
                    + ": ports below 1024 need root or CAP_NET_BIND_SERVICE. Run Bootbench as root, or grant the capability"
                    + " to the process (e.g. the packaged launcher, or: sudo systemd-run --uid=$USER -p AmbientCapabilities=CAP_NET_BIND_SERVICE"
                    + " -p CapabilityBoundingSet=CAP_NET_BIND_SERVICE java -jar bootbench.jar serve ...)."
                    + " Do not setcap the java binary: java then refuses to load its own libjli.so.");
        }
        if (errno == ENODEV) {
            return new SocketBindException(SocketBindException.Reason.NO_DEVICE, "cannot " + what + ": the interface is gone");
        }
        return new SocketBindException(SocketBindException.Reason.OTHER, "cannot " + what + where + ": errno " + errno);
    }

    @Override
    public Datagram receive(byte[] buffer) throws IOException {
        RxBuffers rx = RX.get();
        if (rx.data.size() < buffer.length) rx.data = new Memory(buffer.length);
        byte[] from = new byte[16];
        while (true) {
            if (closed) throw new IOException("socket closed");
            long n;
            try {
                rx.fromLength.setInt(0, 16);
                n = LibC.C.recvfrom(fd, rx.data, buffer.length, 0, rx.from, rx.fromLength);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) return null;
                if (e.getErrorCode() == EINTR) continue;
                throw new IOException("receive failed: errno " + e.getErrorCode());
            }
            rx.data.read(0, buffer, 0, (int) n);
            rx.from.read(0, from, 0, 16);
            int port = ((from[2] & 0xff) << 8) | (from[3] & 0xff);
            byte[] a = {from[4], from[5], from[6], from[7]};
            try {
                return new Datagram((int) n, (Inet4Address) InetAddress.getByAddress(a), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void send(byte[] data, int length, Inet4Address destination, int port) throws IOException {
        try {
            LibC.C.sendto(fd, data, length, 0, sockaddr(destination, port), 16);
        } catch (LastErrorException e) {
            throw new IOException("send to " + destination.getHostAddress() + ":" + port + " failed: errno " + e.getErrorCode());
        }
    }

    @Override
    public int localPort() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.C.close(fd);
        }
    }
}
