package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import java.net.Inet4Address;
import java.util.List;

/**
 * What the DHCP server needs, resolved from the settings and the interface.
 *
 * @param scriptUrl Bootbench's own iPXE script URL, e.g. http://10.77.0.1/boot.ipxe
 */
public record DhcpConfig(DhcpMode mode, String iface, Inet4Address wantedAddress, int leaseSeconds,
                         Inet4Address subnetMask, Inet4Address router, List<Inet4Address> dns, String domain,
                         boolean detectOtherServers, int serverPort, int proxyPort) {}
