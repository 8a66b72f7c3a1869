package dev.bootbench.engine;

/** How the DHCP server runs: full (addresses and boot information), proxyDHCP (boot information only), or off. */
public enum DhcpMode {
    FULL, PROXY, OFF;

    public static DhcpMode parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "full" -> FULL;
            case "proxy" -> PROXY;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("DHCP mode must be full, proxy or off, not '" + s + "'");
        };
    }
}
