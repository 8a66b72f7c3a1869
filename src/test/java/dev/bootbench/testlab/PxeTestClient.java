package dev.bootbench.testlab;

import dev.bootbench.engine.dhcp.DhcpOption;
import dev.bootbench.engine.dhcp.DhcpPacket;
import dev.bootbench.engine.dhcp.MalformedPacketException;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.UdpSocket;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The part of a PXE ROM that no Debian DHCP client does: DISCOVER, take the address from the offer
 * that has one and the boot information from the proxyDHCP offer, REQUEST the address, then ask the
 * proxy on port 4011. Run inside a client namespace: {@code java -cp bootbench.jar:test-classes
 * dev.bootbench.testlab.PxeTestClient IFACE ARCHCODE}. Prints one {@code key=value} line per step.
 */
public final class PxeTestClient {
    public static void main(String[] args) throws Exception {
        String ifname = args[0];
        int arch = Integer.parseInt(args[1]);
        NetIface nif = NetIface.find(ifname, null).orElseThrow();
        byte[] mac = nif.mac().bytes();
        byte[] guid = new byte[17];
        ThreadLocalRandom.current().nextBytes(guid);
        guid[0] = 0;
        String vendor = String.format("PXEClient:Arch:%05d:UNDI:003000", arch);
        try (UdpSocket s = nif.openUdp(true, 68, 500)) {
            long xid = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
            DhcpPacket discover = request(mac, xid, DhcpOption.DISCOVER, arch, vendor, guid);
            send(s, discover, Ipv4.BROADCAST, 67);
            List<DhcpPacket> offers = collect(s, xid, DhcpOption.OFFER, 4000, 67);
            DhcpPacket address = offers.stream().filter(o -> o.yiaddr != 0).findFirst().orElse(null);
            DhcpPacket proxy = offers.stream().filter(o -> o.yiaddr == 0 && "PXEClient".equals(o.optionString(DhcpOption.VENDOR_CLASS))).findFirst().orElse(null);
            System.out.println("offers=" + offers.size());
            if (address == null) {
                System.out.println("error=no address offer");
                return;
            }
            Inet4Address addressServer = address.optionAddress(DhcpOption.SERVER_ID);
            System.out.println("address-offer=" + Ipv4.format(address.yiaddr) + " server=" + addressServer.getHostAddress()
                    + " file=" + address.file + " opt67=" + address.optionString(DhcpOption.BOOTFILE));
            if (proxy != null) {
                System.out.println("proxy-offer server=" + proxy.optionAddress(DhcpOption.SERVER_ID).getHostAddress() + " file=" + proxy.file
                        + " siaddr=" + Ipv4.format(proxy.siaddr) + " opt43=" + (proxy.has(DhcpOption.VENDOR_SPECIFIC)));
            }
            DhcpPacket req = request(mac, xid, DhcpOption.REQUEST, arch, vendor, guid);
            req.put(DhcpOption.SERVER_ID, addressServer);
            req.put(DhcpOption.REQUESTED_IP, Ipv4.fromInt(address.yiaddr));
            send(s, req, Ipv4.BROADCAST, 67);
            List<DhcpPacket> acks = collect(s, xid, DhcpOption.ACK, 4000, 67);
            if (acks.isEmpty()) {
                System.out.println("error=no ACK for the address");
                return;
            }
            System.out.println("address-ack=" + Ipv4.format(acks.get(0).yiaddr) + " server=" + acks.get(0).optionAddress(DhcpOption.SERVER_ID).getHostAddress());
            if (proxy == null) return;
            Exec.run("ip", "addr", "add", Ipv4.format(address.yiaddr) + "/24", "dev", ifname).orThrow();
        }
        Thread.sleep(300);
        try (UdpSocket s = nif.openUdp(true, 68, 500)) {
            long xid = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
            DhcpPacket pr = request(mac, xid, DhcpOption.REQUEST, arch, vendor, guid);
            pr.flags = 0;
            NetIface now = NetIface.find(ifname, null).orElseThrow();
            pr.ciaddr = now.addressInt();
            send(s, pr, Ipv4.parse(System.getProperty("proxy", "10.77.0.1")), 4011);
            List<DhcpPacket> acks = collect(s, xid, DhcpOption.ACK, 4000, 4011);
            if (acks.isEmpty()) {
                System.out.println("error=no answer on 4011");
                return;
            }
            DhcpPacket a = acks.get(0);
            System.out.println("proxy-ack file=" + a.file + " siaddr=" + Ipv4.format(a.siaddr) + " yiaddr=" + Ipv4.format(a.yiaddr)
                    + " vendor=" + a.optionString(DhcpOption.VENDOR_CLASS));
        }
    }

    private static DhcpPacket request(byte[] mac, long xid, int type, int arch, String vendor, byte[] guid) {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREQUEST;
        p.xid = xid;
        p.flags = 0x8000;
        System.arraycopy(mac, 0, p.chaddr, 0, 6);
        p.putByte(DhcpOption.MESSAGE_TYPE, type);
        p.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 43, 60, 66, 67, 97});
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {(byte) (arch >> 8), (byte) arch});
        p.put(DhcpOption.CLIENT_NDI, new byte[] {1, 3, 0});
        p.put(DhcpOption.VENDOR_CLASS, vendor);
        p.put(DhcpOption.CLIENT_GUID, guid);
        return p;
    }

    private static void send(UdpSocket s, DhcpPacket p, Inet4Address to, int port) throws Exception {
        byte[] b = p.encode();
        s.send(b, b.length, to, port);
    }

    private static List<DhcpPacket> collect(UdpSocket s, long xid, int type, long millis, int fromPort) throws Exception {
        List<DhcpPacket> out = new ArrayList<>();
        byte[] buf = new byte[DhcpPacket.MAX_LENGTH];
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            UdpSocket.Datagram d = s.receive(buf);
            if (d == null) {
                if (!out.isEmpty() && type == DhcpOption.ACK) break;
                continue;
            }
            try {
                DhcpPacket p = DhcpPacket.decode(buf, 0, d.length());
                if (p.op == DhcpPacket.BOOTREPLY && p.xid == xid && p.messageType() == type) out.add(p);
            } catch (MalformedPacketException e) {
                // not for us
            }
        }
        return out;
    }
}
