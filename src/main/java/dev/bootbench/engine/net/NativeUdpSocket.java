package dev.bootbench.engine.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
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

        int getsockopt(int fd, int level, int name, byte[] value, IntByReference length) throws LastErrorException;

        int close(int fd);

        int if_nametoindex(String name);
    }

    /**
     * The calls the DHCP and TFTP servers make per packet, bound with JNA direct mapping
     * ({@link Native#register}): no proxy, no reflection, no argument conversion per call. Only
     * primitives and {@link Pointer}s cross, so no array is copied on the way.
     */
    static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Direct() {}

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

        static native int bind(int fd, Pointer address, int length) throws LastErrorException;

        static native long recvfrom(int fd, Pointer buffer, long length, int flags, Pointer address, Pointer addressLength) throws LastErrorException;

        static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength) throws LastErrorException;

        static native int getsockname(int fd, Pointer address, Pointer length) throws LastErrorException;

        static native int close(int fd);

        /** Without LastErrorException: -1 on error, and no exception is made for a socket with nothing to read. */
        static native int poll(Pointer fds, long count, int timeoutMillis);
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
    private static final int MSG_DONTWAIT = MAC ? 0x80 : 0x40;
    private static final short POLLIN = 1;
    private static final int EAGAIN = MAC ? 35 : 11, EINTR = 4, EADDRINUSE = MAC ? 48 : 98, EACCES = 13, EPERM = 1, ENODEV = 19;

    private final int fd;
    private final int port;
    private volatile boolean closed;
    /**
     * Native buffers reused by each thread: received or sent datagram, peer sockaddr, its length,
     * and the byte[] copy of the peer sockaddr. Only the bytes received or sent are copied.
     */
    private static final class IoBuffers {
        Memory data = new Memory(2048);
        final Memory rxFrom = new Memory(16), rxFromLength = new Memory(4), txTo = new Memory(16);
        final Memory pollFd = new Memory(8); // struct pollfd: int fd, short events, short revents
        final byte[] from = new byte[16];
        final byte[] fromAddress = new byte[4];
        Inet4Address lastSource; // the previous sender, reused while datagrams keep coming from it

        Memory data(int length) {
            if (data.size() < length) data = new Memory(Math.max(length, 2 * data.size()));
            return data;
        }
    }

    private static final ThreadLocal<IoBuffers> IO = ThreadLocal.withInitial(IoBuffers::new);

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
            s = Direct.socket(AF_INET, SOCK_DGRAM, 0);
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
            setBytes(s, SOL_SOCKET, SO_RCVTIMEO, tv);
            if (iface != null) {
                try {
                    if (MAC) {
                        setInt(s, IPPROTO_IP, IP_BOUND_IF, iface.index());
                    } else {
                        byte[] name = (iface.name() + "\0").getBytes(StandardCharsets.US_ASCII);
                        setBytes(s, SOL_SOCKET, SO_BINDTODEVICE, name);
                    }
                } catch (LastErrorException e) {
                    throw bindError(e.getErrorCode(), "tie the socket to " + iface.name(), port, iface);
                }
            }
            try {
                byte[] sa = sockaddr(bindAddress, port);
                Memory m = new Memory(sa.length);
                m.write(0, sa, 0, sa.length);
                Direct.bind(s, m, sa.length);
            } catch (LastErrorException e) {
                throw bindError(e.getErrorCode(), "bind UDP " + bindAddress.getHostAddress() + ":" + port, port, iface);
            }
            Memory localAddress = new Memory(16), len = new Memory(4);
            len.setInt(0, 16);
            Direct.getsockname(s, localAddress, len);
            byte[] local = localAddress.getByteArray(0, 16);
            this.port = ((local[2] & 0xff) << 8) | (local[3] & 0xff);
            this.fd = s;
        } catch (IOException | RuntimeException e) {
            Direct.close(s);
            throw e;
        }
    }

    private static void setInt(int fd, int level, int name, int value) {
        setBytes(fd, level, name, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    private static void setBytes(int fd, int level, int name, byte[] value) {
        Memory m = new Memory(value.length);
        m.write(0, value, 0, value.length);
        Direct.setsockopt(fd, level, name, m, value.length);
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
                    + " or switch Bootbench's DHCP to proxy mode or off.", true, null);
        }
        if (errno == EACCES || errno == EPERM) {
            return new SocketBindException(SocketBindException.Reason.NO_PRIVILEGE, "no privilege to " + what
                    + ": " + SocketBindException.PRIVILEGE_ADVICE, true, null);
        }
        if (errno == ENODEV) {
            return new SocketBindException(SocketBindException.Reason.NO_DEVICE, "cannot " + what + ": the interface is gone");
        }
        return new SocketBindException(SocketBindException.Reason.OTHER, "cannot " + what + where + ": errno " + errno);
    }

    @Override
    public Datagram receive(byte[] buffer) throws IOException {
        return receive(buffer, 0);
    }

    /**
     * Looks first (poll with no wait): with nothing to read, a failed non-blocking recvfrom would cost an exception
     * (JNA's for EAGAIN), and this is asked after every packet a DHCP server answers.
     */
    @Override
    public Datagram receiveNow(byte[] buffer) throws IOException {
        if (closed) throw new IOException("socket closed");
        Memory pfd = IO.get().pollFd;
        pfd.setInt(0, fd);
        pfd.setShort(4, POLLIN);
        pfd.setShort(6, (short) 0);
        if (Direct.poll(pfd, 1, 0) <= 0) return null; // nothing yet (or an error, which the next receive meets)
        return receive(buffer, MSG_DONTWAIT);
    }

    private Datagram receive(byte[] buffer, int flags) throws IOException {
        IoBuffers io = IO.get();
        Memory data = io.data(buffer.length);
        while (true) {
            if (closed) throw new IOException("socket closed");
            long n;
            try {
                io.rxFromLength.setInt(0, 16);
                n = Direct.recvfrom(fd, data, buffer.length, flags, io.rxFrom, io.rxFromLength);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) return null;
                if (e.getErrorCode() == EINTR) continue;
                throw new IOException("receive failed: errno " + e.getErrorCode());
            }
            data.read(0, buffer, 0, (int) n);
            byte[] from = io.from;
            io.rxFrom.read(0, from, 0, 8);
            int port = ((from[2] & 0xff) << 8) | (from[3] & 0xff);
            byte[] a = io.fromAddress;
            Inet4Address source = io.lastSource;
            if (source == null || a[0] != from[4] || a[1] != from[5] || a[2] != from[6] || a[3] != from[7]) {
                System.arraycopy(from, 4, a, 0, 4);
                try {
                    source = (Inet4Address) InetAddress.getByAddress(a.clone());
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
                io.lastSource = source;
            }
            return new Datagram((int) n, source, port);
        }
    }

    @Override
    public void send(byte[] data, int length, Inet4Address destination, int port) throws IOException {
        IoBuffers io = IO.get();
        Memory buf = io.data(length);
        buf.write(0, data, 0, length);
        byte[] sa = sockaddr(destination, port);
        io.txTo.write(0, sa, 0, sa.length);
        try {
            Direct.sendto(fd, buf, length, 0, io.txTo, sa.length);
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
            Direct.close(fd);
        }
    }
}
