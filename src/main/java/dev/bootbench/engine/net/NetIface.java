package dev.bootbench.engine.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A network interface as the servers use it: the address they serve from and its subnet.
 *
 * @param addresses every IPv4 address on the interface, with {@code address} the one chosen
 */
public record NetIface(String name, int index, MacAddress mac, Inet4Address address, int prefixLength, boolean up,
                       List<Inet4Address> addresses, boolean loopback) {

    /** Every interface with its first IPv4 address (interfaces without IPv4 are listed with a null address). */
    public static List<NetIface> list() {
        List<NetIface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                from(ni, null).ifPresent(out::add);
            }
        } catch (SocketException e) {
            // no interfaces readable: an empty list says it
        }
        return out;
    }

    /** Finds an interface by name, choosing {@code wanted} among its addresses (or the first IPv4 one). */
    public static Optional<NetIface> find(String name, Inet4Address wanted) {
        try {
            NetworkInterface ni = NetworkInterface.getByName(name);
            return ni == null ? Optional.empty() : from(ni, wanted);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static Optional<NetIface> from(NetworkInterface ni, Inet4Address wanted) throws SocketException {
        Inet4Address chosen = null;
        int prefix = 0;
        List<Inet4Address> all = new ArrayList<>();
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                all.add(a);
                if (chosen == null && (wanted == null || wanted.equals(a))) {
                    chosen = a;
                    prefix = ia.getNetworkPrefixLength();
                }
            }
        }
        byte[] hw = ni.getHardwareAddress();
        MacAddress mac = hw != null && hw.length == 6 ? MacAddress.of(hw) : null;
        return Optional.of(new NetIface(ni.getName(), ni.getIndex(), mac, chosen, prefix, ni.isUp(), List.copyOf(all), ni.isLoopback()));
    }

    public int addressInt() {
        return Ipv4.toInt(address);
    }

    public int netmaskInt() {
        return prefixLength == 0 ? 0 : (int) (0xffffffffL << (32 - prefixLength));
    }

    public Inet4Address netmask() {
        return Ipv4.fromInt(netmaskInt());
    }

    public boolean contains(Inet4Address a) {
        return contains(Ipv4.toInt(a));
    }

    /** {@code a} (an address as an int, network order) is on this interface's subnet. */
    public boolean contains(int a) {
        return (a & netmaskInt()) == (addressInt() & netmaskInt());
    }

    /** True when the default route leaves through this interface: it looks like the office network, not a bench. */
    public boolean carriesDefaultRoute() {
        Path route = Paths.get("/proc/net/route");
        if (!Files.isReadable(route)) return false;
        try {
            for (String line : Files.readAllLines(route)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[0].equals(name) && f[1].equals("00000000")) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Opens a UDP socket for this interface only: natively tied to it where we can, else bound to its address. */
    public UdpSocket openUdp(boolean wildcard, int port, int timeoutMillis) throws IOException {
        if (NativeUdpSocket.supported()) {
            return new NativeUdpSocket(this, wildcard ? Ipv4.ANY : address, port, timeoutMillis);
        }
        return new JdkUdpSocket(address, port, timeoutMillis);
    }
}
