package dev.bootbench.engine.http;

import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.util.Map;

/**
 * Who asks for a boot script and how to reach us back.
 *
 * @param mac      the client's MAC: the {@code mac} query parameter, else from the DHCP leases, else null
 * @param client   the client's address
 * @param server   our address as the client reached it (the connection's local address)
 * @param httpPort our HTTP port
 * @param query    all query parameters (first value of each)
 */
public record BootScriptRequest(MacAddress mac, InetAddress client, InetAddress server, int httpPort, Map<String, String> query) {
    public BootScriptRequest {
        query = Map.copyOf(query);
    }

    /** {@code http://SERVER[:PORT]}, no trailing slash; IPv6 addresses in brackets. */
    public String baseUrl() {
        String host = server.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + (httpPort == 80 ? "" : ":" + httpPort);
    }
}
