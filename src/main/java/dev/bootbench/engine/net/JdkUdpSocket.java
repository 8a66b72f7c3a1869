package dev.bootbench.engine.net;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * The portable socket: Windows delivers broadcasts to a socket bound to the interface's own address,
 * which is how Bootbench keeps to one interface there.
 */
public final class JdkUdpSocket implements UdpSocket {
    private final DatagramSocket socket;

    public JdkUdpSocket(Inet4Address bindAddress, int port, int receiveTimeoutMillis) throws IOException {
        try {
            DatagramSocket s = new DatagramSocket(null);
            s.setReuseAddress(true);
            s.setBroadcast(true);
            s.setSoTimeout(receiveTimeoutMillis);
            s.setReceiveBufferSize(4 << 20);
            s.bind(new InetSocketAddress(bindAddress, port));
            this.socket = s;
        } catch (BindException e) {
            String holder = PortHolder.describeUdp(port);
            SocketBindException.Reason reason = SocketBindException.reasonOfJdk(e);
            throw new SocketBindException(reason,
                    "cannot bind UDP " + bindAddress.getHostAddress() + ":" + port + " (" + e.getMessage() + ")"
                            + (holder != null ? "; held by " + holder : "")
                            + ". Another DHCP or TFTP server may be running, or the port needs administrator rights.",
                    reason == SocketBindException.Reason.IN_USE && holder != null, e);
        }
    }

    @Override
    public Datagram receive(byte[] buffer) throws IOException {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Datagram(p.getLength(), (Inet4Address) p.getAddress(), p.getPort());
    }

    @Override
    public void send(byte[] data, int length, Inet4Address destination, int port) throws IOException {
        socket.send(new DatagramPacket(data, length, destination, port));
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
