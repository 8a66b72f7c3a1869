package dev.bootbench.engine;

import java.util.Locale;

/** The services that publish {@link ServiceEvent}s; {@link #id()} is also the name of their log. */
public enum ServiceName {
    DHCP(BootEngine.Service.DHCP),
    /** The DHCP service in proxy mode (boot information only, beside another DHCP server). */
    PROXY_DHCP(BootEngine.Service.DHCP),
    TFTP(BootEngine.Service.TFTP),
    HTTP(BootEngine.Service.HTTP),
    /** IPv6 router advertisements on the bench network: part of the engine, no service of its own. */
    RA(null);

    private final BootEngine.Service service;

    ServiceName(BootEngine.Service service) {
        this.service = service;
    }

    /** The engine's service this is (proxyDHCP is the DHCP service in proxy mode); null for RA. */
    public BootEngine.Service service() {
        return service;
    }

    /** dhcp, proxydhcp, tftp, http or ra: the log's name, as the log view and the log lines show it. */
    public String id() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The name a service's own events carry (DHCP, whatever its mode, when it is stopped as a whole). */
    public static ServiceName of(BootEngine.Service s) {
        return switch (s) {
            case DHCP -> DHCP;
            case TFTP -> TFTP;
            case HTTP -> HTTP;
        };
    }
}
