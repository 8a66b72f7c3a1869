package dev.bootbench.bench;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.dhcp.DhcpEvent;
import dev.bootbench.engine.dhcp.DhcpMessageType;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/** Simulated boots for the benchmark and the screenshots: realistic engine events for many MACs. */
public final class BootReplay {
    private final EventBus bus;

    public BootReplay(EventBus bus) {
        this.bus = bus;
    }

    public static MacAddress mac(int i) {
        String[] ouis = {"52:54:00", "00:50:56", "08:00:27", "3c:fd:fe", "00:e0:4c", "b8:ac:6f"};
        String oui = ouis[i % ouis.length];
        return MacAddress.parse(String.format("%s:%02x:%02x:%02x", oui, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff));
    }

    public static InetAddress address(int i) {
        return Ipv4.fromInt(Ipv4.toInt(Ipv4.parse("10.77.0.0")) + 100 + i);
    }

    public static Firmware firmware(int i) {
        return i % 5 == 4 ? Firmware.UEFI_ARM64 : i % 2 == 0 ? Firmware.BIOS : Firmware.UEFI_X64;
    }

    public void services() {
        Instant now = Instant.now();
        bus.publish(new ServiceEvent(now, ServiceName.DHCP, ServiceEvent.State.LISTENING, "listening on enp0s31f6 10.77.0.1 ports 67 and 4011 (full: pool 10.77.0.100-10.77.0.199)"));
        bus.publish(new ServiceEvent(now, ServiceName.TFTP, ServiceEvent.State.LISTENING, "listening on 10.77.0.1 UDP port 69"));
        bus.publish(new ServiceEvent(now, ServiceName.HTTP, ServiceEvent.State.LISTENING, "listening on 10.77.0.1 TCP port 80"));
    }

    public void otherServer() {
        bus.publish(new dev.bootbench.engine.dhcp.OtherDhcpServerEvent(Instant.now(), "enp0s31f6", "10.77.0.254", "10.77.0.254", "10.77.0.57", null, null));
    }

    /** The firmware's PXE DHCP exchange: DISCOVER/OFFER and REQUEST/ACK. */
    public void pxeDhcp(int i) {
        Firmware fw = firmware(i);
        String vendor = String.format("PXEClient:Arch:%05d:UNDI:002001", fw == Firmware.BIOS ? 0 : fw == Firmware.UEFI_ARM64 ? 11 : 7);
        String file = fw == Firmware.BIOS ? "undionly.kpxe" : fw == Firmware.UEFI_ARM64 ? "grubaa64.efi" : "ipxe.efi";
        Instant t = Instant.now();
        bus.publish(new DhcpEvent(t, "enp0s31f6", mac(i), 0x1000 + i, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, fw, vendor, null, null, address(i), file, false, null));
        bus.publish(new DhcpEvent(t, "enp0s31f6", mac(i), 0x1000 + i, DhcpMessageType.REQUEST, DhcpMessageType.ACK, fw, vendor, null, null, address(i), file, false, null));
    }

    /** iPXE's own DHCP exchange, with its version and features. */
    public void ipxeDhcp(int i) {
        Firmware fw = firmware(i);
        IpxeInfo info = new IpxeInfo("1.21.1", "PCI 8086:100e", Map.of("http", 1, "https", 1, "efi", fw.isUefi() ? 1 : 0, "pxeext", 2, "bzimage", fw.isUefi() ? 0 : 1, "menu", 1));
        Instant t = Instant.now();
        String script = "http://10.77.0.1/boot.ipxe";
        bus.publish(new DhcpEvent(t, "enp0s31f6", mac(i), 0x2000 + i, DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, fw, "PXEClient:Arch:00007", "iPXE", info, address(i), script, false, null));
        bus.publish(new DhcpEvent(t, "enp0s31f6", mac(i), 0x2000 + i, DhcpMessageType.REQUEST, DhcpMessageType.ACK, fw, "PXEClient:Arch:00007", "iPXE", info, address(i), script, false, null));
    }

    public static String bootFile(int i) {
        Firmware fw = firmware(i);
        return fw == Firmware.BIOS ? "undionly.kpxe" : fw == Firmware.UEFI_ARM64 ? "grubaa64.efi" : "ipxe.efi";
    }
}
