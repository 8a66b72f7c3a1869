package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One DHCP exchange: a client's message and our answer (null when we stayed silent).
 *
 * @param request   DISCOVER, REQUEST, DECLINE, RELEASE, INFORM (or BOOTP: no option 53)
 * @param reply     OFFER, ACK, NAK, or null
 * @param address   the address offered or acknowledged (proxy answers: the client's own, if any)
 * @param bootFile  the boot file we gave (file field / option 67), or null
 * @param ipxe      present when the client is iPXE (user class or option 175)
 * @param proxy     answered as proxyDHCP (port 67 or 4011), not as the address server
 * @param note      why we answered as we did, or why not (e.g. "not a PXE client", "pool exhausted")
 */
public record DhcpEvent(Instant time, String iface, MacAddress mac, long xid, DhcpMessageType request, DhcpMessageType reply,
                        Firmware firmware, String vendorClass, String userClass, IpxeInfo ipxe,
                        InetAddress address, String bootFile, boolean proxy, String note) implements EngineEvent {
    public boolean isIpxe() {
        return ipxe != null || "iPXE".equals(userClass);
    }
}
