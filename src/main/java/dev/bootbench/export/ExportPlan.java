package dev.bootbench.export;

import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.boot.BootConfig;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an export writes, resolved once from the settings {@code serve} would run with: the bench interface and
 * address, the subnet and pool, the DHCP options, the ports, the boot policy ({@link BootConfig}, built as the engine
 * builds it) and the published menu. Every path is absolute.
 *
 * @param out        the export folder
 * @param sourceRoot the folder Bootbench serves (copied to {@code out/root})
 * @param template   the workspace's script template, used for {@code boot.ipxe} while no menu is published
 * @param published  the published menu, or null
 * @param addresses  per-MAC reserved addresses and host names, from the settings' hosts
 */
public record ExportPlan(Path out, Path sourceRoot, Path template, DhcpMode mode, String iface, Inet4Address address,
                         int prefixLength, int first, int last, int leaseSeconds, Inet4Address router, List<Inet4Address> dns,
                         String domain, int httpPort, int tftpPort, boolean caseInsensitive, BootConfig boot,
                         EngineSetup.Published published, Map<MacAddress, Reservation> addresses) {

    /** What a host keeps whoever serves it: its address and its name. */
    public record Reservation(Inet4Address address, String hostname) {}

    /**
     * Resolves the settings as {@code serve} would: the address is {@code --address}, else the interface's; the mask
     * {@code --netmask}, else the interface's; the pool {@code --range}, else the one the engine derives.
     *
     * @throws IllegalArgumentException naming the setting to give when something cannot be resolved
     */
    public static ExportPlan of(Settings s, Workspace ws, Path out) {
        Optional<NetIface> nif = s.iface == null || s.iface.isBlank() ? Optional.empty()
                : NetIface.find(s.iface, s.address == null ? null : Ipv4.parse(s.address));
        if (s.dhcpMode != DhcpMode.OFF && (s.iface == null || s.iface.isBlank()))
            throw new IllegalArgumentException("the DHCP configuration needs the bench interface: give --iface NAME");
        Inet4Address address = s.address != null && !s.address.isBlank() ? Ipv4.parse(s.address)
                : nif.map(NetIface::address).orElseThrow(() -> new IllegalArgumentException(
                        "the bench address is unknown (interface " + s.iface + " is not here or has no IPv4 address): give --address IP"));
        int prefix;
        if (s.subnetMask != null && !s.subnetMask.isBlank()) {
            prefix = prefixOf(Ipv4.toInt(Ipv4.parse(s.subnetMask)));
        } else {
            prefix = nif.filter(n -> n.address() != null && n.address().equals(address)).map(NetIface::prefixLength)
                    .orElseThrow(() -> new IllegalArgumentException("the subnet mask is unknown (the bench address " + address.getHostAddress()
                            + " is not on interface " + s.iface + " here): give --netmask IP"));
        }
        int mask = prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
        int first = 0, last = 0;
        if (s.dhcpMode == DhcpMode.FULL) {
            if (s.range != null && !s.range.isBlank()) {
                String[] p = s.range.split("-", 2);
                if (p.length != 2) throw new IllegalArgumentException("--range must be FIRST-LAST, e.g. 10.77.0.100-10.77.0.199, not '" + s.range + "'");
                first = Ipv4.toInt(Ipv4.parse(p[0].trim()));
                last = Ipv4.toInt(Ipv4.parse(p[1].trim()));
                if (Integer.compareUnsigned(first, last) > 0) throw new IllegalArgumentException("--range " + s.range + " ends before it starts");
            } else {
                int[] pool = BootEngine.defaultPool(Ipv4.toInt(address), mask);
                if (pool == null) throw new IllegalArgumentException("the subnet is too small for a pool; give --range");
                first = pool[0];
                last = pool[1];
            }
            int net = Ipv4.toInt(address) & mask;
            if ((first & mask) != net || (last & mask) != net)
                throw new IllegalArgumentException("--range " + Ipv4.format(first) + "-" + Ipv4.format(last) + " is not in the subnet "
                        + Ipv4.format(net) + "/" + prefix);
        }
        List<Inet4Address> dns = new ArrayList<>();
        for (String d : s.dns) dns.add(Ipv4.parse(d));
        EngineSetup.Published published = EngineSetup.published(ws);
        Path template = ws.file("templates/boot.ipxe").toAbsolutePath();
        Path served = (s.root == null || s.root.isBlank() ? ws.file("root") : Path.of(s.root)).toAbsolutePath().normalize();
        // the served root as the engine sees it: programs set by bare name are given from their folders (RootLayout)
        BootConfig boot = EngineSetup.bootConfig(s, template, published == null ? null : published.menu(), published == null ? null : published.name(), served);
        Map<MacAddress, Reservation> reservations = new LinkedHashMap<>();
        s.hosts.forEach((mac, h) -> {
            if (h == null) return;
            Inet4Address a = h.address == null || h.address.isBlank() ? null : Ipv4.parse(h.address);
            String name = h.hostname == null || h.hostname.isBlank() ? null : h.hostname.trim();
            if (a != null && s.dhcpMode == DhcpMode.FULL && (Ipv4.toInt(a) & maskOf(prefix)) != (Ipv4.toInt(address) & maskOf(prefix)))
                throw new IllegalArgumentException("the address " + h.address + " reserved for " + mac + " is not in the bench subnet "
                        + Ipv4.format(Ipv4.toInt(address) & maskOf(prefix)) + "/" + prefix);
            if (a != null || name != null) reservations.put(MacAddress.parse(mac), new Reservation(a, name));
        });
        Path root = (s.root == null || s.root.isBlank() ? ws.file("root") : Path.of(s.root)).toAbsolutePath().normalize();
        return new ExportPlan(out.toAbsolutePath().normalize(), root, template, s.dhcpMode, s.iface, address, prefix, first, last,
                s.leaseSeconds, s.router == null || s.router.isBlank() ? null : Ipv4.parse(s.router), List.copyOf(dns),
                s.domain == null || s.domain.isBlank() ? null : s.domain.trim(), s.httpPort, s.tftpPort, s.caseInsensitiveFiles, boot,
                published, reservations);
    }

    private static int maskOf(int prefix) {
        return prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
    }

    private static int prefixOf(int mask) {
        int prefix = Integer.bitCount(mask);
        if (mask != (prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix))))
            throw new IllegalArgumentException("--netmask " + Ipv4.format(mask) + " is not a contiguous mask");
        return prefix;
    }

    /** The exported served tree: {@code out/root}. */
    public Path root() {
        return out.resolve("root");
    }

    public int netmaskInt() {
        return prefixLength == 0 ? 0 : (int) (0xffffffffL << (32 - prefixLength));
    }

    public String netmask() {
        return Ipv4.format(netmaskInt());
    }

    public String network() {
        return Ipv4.format(Ipv4.toInt(address) & netmaskInt());
    }

    public String addressText() {
        return address.getHostAddress();
    }

    /** {@code http://ADDRESS[:PORT]}: where nginx serves the root. */
    public String baseUrl() {
        return "http://" + addressText() + (httpPort == 80 ? "" : ":" + httpPort);
    }

    /** The generic iPXE script: {@code BASE/boot.ipxe}, a static file of the root. */
    public String scriptUrl() {
        return baseUrl() + "/" + ServedTree.SCRIPT;
    }
}
