package dev.bootbench.engine;

import dev.bootbench.engine.dhcp.DhcpConfig;
import dev.bootbench.engine.dhcp.DhcpServer;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.dhcp.LeaseStore;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.RouterAdvertiser;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one bench, started from the settings: DHCP (full or proxy), TFTP and HTTP. The
 * headless {@code serve} command and the desktop app both drive the engine through this class.
 */
public final class BootEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("serve");

    private final Settings settings;
    private final Workspace workspace;
    private final EventBus bus;
    private LeasePool pool;
    private LeaseStore leaseStore;
    private DhcpServer dhcp;
    private final List<AutoCloseable> services = new ArrayList<>();

    public BootEngine(Settings settings, Workspace workspace, EventBus bus) {
        this.settings = settings;
        this.workspace = workspace;
        this.bus = bus;
    }

    public EventBus bus() {
        return bus;
    }

    public Settings settings() {
        return settings;
    }

    /** IP to MAC through the leases (full mode); empty otherwise. */
    public ClientDirectory directory() {
        return pool != null ? pool : ClientDirectory.NONE;
    }

    public LeasePool pool() {
        return pool;
    }

    public DhcpServer dhcp() {
        return dhcp;
    }

    /** True when DHCP could not start for a reason retrying will not fix (port in use, no privilege). */
    public boolean dhcpFailed() {
        return dhcp != null && dhcp.failed();
    }

    /** The bench interface as it is now, if it is there. */
    public Optional<NetIface> iface() {
        if (settings.iface == null) return Optional.empty();
        return NetIface.find(settings.iface, settings.address == null || settings.address.isEmpty() ? null : Ipv4.parse(settings.address));
    }

    /** The address the servers serve from: the chosen address, else the interface's. */
    public Optional<Inet4Address> serverAddress() {
        if (settings.address != null && !settings.address.isEmpty()) return Optional.of(Ipv4.parse(settings.address));
        return iface().map(NetIface::address);
    }

    public String scriptUrl(Inet4Address server) {
        return "http://" + server.getHostAddress() + (settings.httpPort == 80 ? "" : ":" + settings.httpPort) + "/boot.ipxe";
    }

    /** Starts every enabled service. Throws with an actionable message when a setting cannot work. */
    public void start() throws Exception {
        startDhcp();
        startFileServices();
        startRouterAdvertisements();
    }

    /** See {@link RouterAdvertiser}: on by default, never on the interface that carries the default route. */
    private void startRouterAdvertisements() {
        if (!settings.routerAdvertisements) return;
        Optional<NetIface> nif = iface();
        if (nif.isEmpty()) return;
        if (nif.get().carriesDefaultRoute()) {
            log.info("no IPv6 router advertisements on {}: it carries the default route, so it is not a bench network", nif.get().name());
            return;
        }
        RouterAdvertiser ra = new RouterAdvertiser(nif.get());
        if (ra.start()) services.add(ra);
    }

    private void startDhcp() throws InterruptedException {
        if (settings.dhcpMode == Settings.DhcpMode.OFF) {
            log.info("dhcp: off");
            return;
        }
        if (settings.iface == null || settings.iface.isEmpty()) {
            throw new IllegalArgumentException("DHCP needs the bench interface: give --iface NAME (interfaces: " + interfaceList() + ")");
        }
        Inet4Address wanted = settings.address == null || settings.address.isEmpty() ? null : Ipv4.parse(settings.address);
        if (settings.dhcpMode == Settings.DhcpMode.FULL) {
            int[] range = range(wanted);
            Map<String, Integer> reservations = new HashMap<>();
            settings.hosts.forEach((mac, h) -> {
                if (h.address != null && !h.address.isEmpty()) reservations.put(dev.bootbench.engine.net.MacAddress.parse(mac).toString(), Ipv4.toInt(Ipv4.parse(h.address)));
            });
            int server = wanted != null ? Ipv4.toInt(wanted) : iface().map(NetIface::addressInt).orElse(0);
            pool = new LeasePool(range[0], range[1], server, reservations, System::currentTimeMillis);
            leaseStore = new LeaseStore(workspace, pool);
            leaseStore.open();
            services.add(leaseStore);
        }
        List<Inet4Address> dns = new ArrayList<>();
        for (String d : settings.dns) dns.add(Ipv4.parse(d));
        DhcpConfig cfg = new DhcpConfig(settings.dhcpMode, settings.iface, wanted, settings.leaseSeconds,
                blankToNull(settings.subnetMask) == null ? null : Ipv4.parse(settings.subnetMask),
                blankToNull(settings.router) == null ? null : Ipv4.parse(settings.router), dns, settings.domain,
                settings.detectOtherServers, 67, 4011);
        dhcp = new DhcpServer(cfg, settings, bus, pool, this::scriptUrl);
        services.add(0, dhcp);
        dhcp.start();
    }

    /** TFTP and HTTP: see engine.tftp and engine.http. */
    private void startFileServices() {
        // wired in by the TFTP/HTTP servers
    }

    /** The pool: --range FIRST-LAST, else the upper part of the interface's subnet (leaving room for static hosts). */
    int[] range(Inet4Address wanted) {
        if (settings.range != null && !settings.range.isBlank()) {
            String[] p = settings.range.split("-", 2);
            if (p.length != 2) throw new IllegalArgumentException("--range must be FIRST-LAST, e.g. 10.77.0.100-10.77.0.199, not '" + settings.range + "'");
            int a = Ipv4.toInt(Ipv4.parse(p[0])), b = Ipv4.toInt(Ipv4.parse(p[1]));
            if (Integer.compareUnsigned(a, b) > 0) throw new IllegalArgumentException("--range " + settings.range + " ends before it starts");
            return new int[] {a, b};
        }
        NetIface nif = iface().filter(n -> n.address() != null).orElseThrow(() -> new IllegalArgumentException(
                "cannot derive a pool: interface " + settings.iface + " is missing or has no IPv4 address; give --range FIRST-LAST"));
        int mask = nif.netmaskInt();
        int net = nif.addressInt() & mask;
        int hosts = ~mask;
        if (hosts < 6) throw new IllegalArgumentException("the subnet of " + nif.name() + " is too small for a pool; give --range");
        int first = net + Math.max(1, hosts / 2), last = net + hosts - 1;
        if (hosts >= 255) {
            first = net + 100;
            last = net + 199;
        }
        return new int[] {first, last};
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String interfaceList() {
        List<String> names = new ArrayList<>();
        for (NetIface n : NetIface.list()) {
            if (!n.loopback()) names.add(n.name() + (n.address() != null ? " " + n.address().getHostAddress() + "/" + n.prefixLength() : "") + (n.up() ? "" : " (down)"));
        }
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }

    @Override
    public void close() {
        for (AutoCloseable s : services) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", s.getClass().getSimpleName(), e.toString());
            }
        }
        services.clear();
    }
}
