package dev.bootbench.engine.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a listening Java socket (the TFTP listener, the HTTP acceptor) to the bench interface with
 * Linux {@code SO_BINDTODEVICE}, as the DHCP sockets are. Bound to the bench address only, Linux
 * would still take packets for that address arriving on any interface (a host on the office network
 * that routes the bench address through this machine would be answered); tied to the interface, only
 * what arrives through it is.
 *
 * <p>The JDK does not give a channel's descriptor, so it is found among this process's sockets
 * ({@code /proc/self/fd}) by its local address and type. The tie is to the interface's index: when
 * the interface is deleted and made anew (a new index), it is tied again, checked every
 * {@value #CHECK_MILLIS} ms, and logged. Elsewhere than Linux, or when the option cannot be set, the
 * socket stays bound to the address only, and the log says so.
 */
public final class DeviceBinding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceBinding.class);
    static final long CHECK_MILLIS = 2000;
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_BINDTODEVICE = 25, SO_ACCEPTCONN = 30;
    private static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, AF_INET = 2, AF_INET6 = 10;
    private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "device-binding");
        t.setDaemon(true);
        return t;
    });

    private final Logger serviceLog;
    private final int fd;
    private final String iface;
    private int index;
    private final ScheduledFuture<?> check;

    private DeviceBinding(Logger serviceLog, int fd, String iface, int index) {
        this.serviceLog = serviceLog;
        this.fd = fd;
        this.iface = iface;
        this.index = index;
        this.check = CHECKER.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Ties {@code channel}, already bound, to {@code iface}; returns what keeps it tied (close it with
     * the channel), or null when it cannot be (logged on {@code serviceLog} with what that means).
     */
    public static DeviceBinding tie(NetworkChannel channel, String iface, Logger serviceLog) {
        String where;
        try {
            where = ((InetSocketAddress) channel.getLocalAddress()).getAddress().getHostAddress();
        } catch (IOException e) {
            where = "its address";
        }
        if (!Platform.isLinux()) {
            serviceLog.info("answers on {} (tied to the address only: this system has no SO_BINDTODEVICE)", where);
            return null;
        }
        try {
            int fd = descriptorOf(channel);
            int index = NetIface.find(iface, null).map(NetIface::index).orElse(0);
            setDevice(fd, iface);
            serviceLog.info("answers only what arrives through {}", iface);
            return new DeviceBinding(serviceLog, fd, iface, index);
        } catch (IOException | LastErrorException e) {
            String why = e instanceof LastErrorException le ? "errno " + le.getErrorCode() : e.getMessage();
            serviceLog.warn("cannot tie the socket on {} to {} ({}): a host that routes {} through another interface is answered too",
                    where, iface, why, where);
            return null;
        }
    }

    private static void setDevice(int fd, String iface) {
        byte[] name = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
        NativeUdpSocket.LibC.C.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, name.length);
    }

    /** The interface was made anew (a new index: the socket is tied to one that is gone): tie it again. */
    private synchronized void check() {
        Optional<NetIface> now = NetIface.find(iface, null);
        if (now.isEmpty() || now.get().index() == index) return;
        try {
            setDevice(fd, iface);
            index = now.get().index();
            serviceLog.info("interface {} was made anew: answering through it again", iface);
        } catch (LastErrorException e) {
            serviceLog.warn("interface {} was made anew, and the socket cannot be tied to it (errno {})", iface, e.getErrorCode());
            index = now.get().index();
        }
    }

    /** This process's descriptor of {@code channel}: the socket of the same type with the same local address (a listening one, for TCP). */
    static int descriptorOf(NetworkChannel channel) throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        if (local == null) throw new IOException("the socket is not bound");
        int type = channel instanceof ServerSocketChannel ? SOCK_STREAM : SOCK_DGRAM;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                    if (!Files.readSymbolicLink(p).toString().startsWith("socket:")) continue;
                } catch (NumberFormatException | IOException e) {
                    continue; // not a descriptor, or closed meanwhile
                }
                if (matches(fd, local, type)) return fd;
            }
        }
        throw new IOException("its descriptor was not found among this process's sockets");
    }

    private static boolean matches(int fd, InetSocketAddress local, int type) {
        NativeUdpSocket.LibC c = NativeUdpSocket.LibC.C;
        try {
            if (intOption(fd, SO_TYPE) != type) return false;
            if (type == SOCK_STREAM && intOption(fd, SO_ACCEPTCONN) != 1) return false;
            byte[] sa = new byte[28];
            IntByReference len = new IntByReference(sa.length);
            c.getsockname(fd, sa, len);
            int family = java.nio.ByteBuffer.wrap(sa).order(java.nio.ByteOrder.nativeOrder()).getShort(0) & 0xffff;
            int port = (sa[2] & 0xff) << 8 | (sa[3] & 0xff); // network order
            if (port != local.getPort()) return false;
            InetAddress a;
            if (family == AF_INET) a = InetAddress.getByAddress(Arrays.copyOfRange(sa, 4, 8));
            else if (family == AF_INET6) a = InetAddress.getByAddress(Arrays.copyOfRange(sa, 8, 24)); // a v4-mapped one comes back as Inet4Address
            else return false;
            return same(a, local.getAddress());
        } catch (LastErrorException | IOException e) {
            return false;
        }
    }

    private static boolean same(InetAddress a, InetAddress b) {
        if (a.equals(b)) return true;
        // the wildcard of a dual-stack socket
        return a.isAnyLocalAddress() && b.isAnyLocalAddress() && (a instanceof Inet6Address || b instanceof Inet4Address);
    }

    private static int intOption(int fd, int name) {
        byte[] v = new byte[4];
        NativeUdpSocket.LibC.C.getsockopt(fd, SOL_SOCKET, name, v, new IntByReference(4));
        return java.nio.ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getInt(0);
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
