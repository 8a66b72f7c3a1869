package dev.bootbench.engine;

import dev.bootbench.engine.net.MacAddress;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the servers of one bench run, frozen (what decides each client's boot is {@link dev.bootbench.engine.boot.BootConfig}).
 * Built from the workspace's settings by whoever keeps them (the app, {@code serve}); a service reads it when it starts.
 *
 * @param iface                the bench interface, or null
 * @param address              the server address on it, when it has several; null: its first
 * @param range                the address pool, {@code FIRST-LAST}; null: derived from the interface's subnet
 * @param subnetMask           handed out; null: the interface's
 * @param root                 the served folder; null: the workspace's {@code root}
 * @param reservations         fixed addresses by MAC (full mode)
 */
public record EngineConfig(String iface, Inet4Address address, DhcpMode dhcpMode, String range, int leaseSeconds,
                           Inet4Address subnetMask, Inet4Address router, List<Inet4Address> dns, String domain, Path root,
                           boolean caseInsensitiveFiles, int httpPort, int tftpPort, boolean detectOtherServers,
                           boolean routerAdvertisements, Map<MacAddress, Inet4Address> reservations) {
    public EngineConfig {
        if (iface != null && iface.isBlank()) iface = null;
        if (range != null && range.isBlank()) range = null;
        if (dhcpMode == null) dhcpMode = DhcpMode.FULL;
        dns = List.copyOf(dns == null ? List.of() : dns);
        reservations = Map.copyOf(reservations == null ? Map.of() : reservations);
    }
}
