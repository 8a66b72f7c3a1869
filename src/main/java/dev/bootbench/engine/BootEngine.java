package dev.bootbench.engine;

import dev.bootbench.engine.dhcp.DhcpConfig;
import dev.bootbench.engine.dhcp.DhcpServer;
import dev.bootbench.engine.dhcp.LeasePool;
import dev.bootbench.engine.dhcp.LeaseStore;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.RouterAdvertiser;
import dev.bootbench.engine.boot.BootCore;
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
 * The servers of one bench: DHCP (full or proxy), TFTP and HTTP, started from an {@link EngineConfig}, every boot
 * decision taken by one {@link BootCore}. The headless {@code serve} command and the desktop app both drive the
 * engine through this class, and both build its configuration the same way from the workspace.
 */
public final class BootEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("serve");

    private volatile EngineConfig config;
    private final BootCore boot;
    private final Workspace workspace;
    private final EventBus bus;
    private LeasePool pool;
    private LeaseStore leaseStore;
    private DhcpServer dhcp;
    private AutoCloseable routerAdvertisements;
    /** The parts of the service being started; each service's parts close in reverse order. */
    private List<AutoCloseable> starting;
    private final Map<Service, List<AutoCloseable>> running = new java.util.EnumMap<>(Service.class);

    /** What the app can switch on and off one by one. */
    public enum Service { DHCP, TFTP, HTTP }

    public BootEngine(EngineConfig config, BootCore boot, Workspace workspace, EventBus bus) {
        this.config = config;
        this.boot = boot;
        this.workspace = workspace;
        this.bus = bus;
    }

    public EventBus bus() {
        return bus;
    }

    public EngineConfig config() {
        return config;
    }

    /** The configuration services read when they start from now on (running services keep theirs until restarted). */
    public void configure(EngineConfig c) {
        this.config = c;
    }

    /** What decides each client's boot. */
    public BootCore boot() {
        return boot;
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
        EngineConfig c = config;
        if (c.iface() == null) return Optional.empty();
        return NetIface.find(c.iface(), c.address());
    }

    /** The address the servers serve from: the chosen address, else the interface's. */
    public Optional<Inet4Address> serverAddress() {
        if (config.address() != null) return Optional.of(config.address());
        return iface().map(NetIface::address);
    }

    /** The pool's first address as the settings make it, or empty when no pool can be made (no interface, a bad range). */
    public Optional<Inet4Address> poolStart() {
        try {
            return Optional.of(Ipv4.fromInt(range(config, null)[0]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Starts every enabled service. Throws with an actionable message when a setting cannot work. */
    public synchronized void start() throws Exception {
        // DHCP last: a client is told where TFTP and HTTP are only once they listen, and a rack powered on at once
        // meets a DHCP server that is not sharing the CPU with the start of the others (issue #19)
        for (Service s : List.of(Service.TFTP, Service.HTTP, Service.DHCP)) {
            if (s != Service.DHCP || config.dhcpMode() != DhcpMode.OFF) start(s);
        }
    }

    /** Starts one service (no-op if it runs). Its state and any failure are published as ServiceEvents. */
    public synchronized void start(Service service) throws Exception {
        if (running.containsKey(service)) return;
        starting = new ArrayList<>();
        try {
            switch (service) {
                case DHCP -> startDhcp();
                case TFTP -> startTftp();
                case HTTP -> startHttp();
            }
            running.put(service, starting);
            if (routerAdvertisements == null) routerAdvertisements = startRouterAdvertisements();
        } catch (Exception | Error e) {
            for (int i = starting.size() - 1; i >= 0; i--) closeQuietly(starting.get(i));
            throw e;
        } finally {
            starting = null;
        }
    }

    /** Stops one service and frees its ports. */
    public synchronized void stop(Service service) {
        List<AutoCloseable> parts = running.remove(service);
        if (parts == null) return;
        for (int i = parts.size() - 1; i >= 0; i--) closeQuietly(parts.get(i));
        if (running.isEmpty() && routerAdvertisements != null) {
            closeQuietly(routerAdvertisements);
            routerAdvertisements = null;
        }
        if (service == Service.DHCP) {
            dhcp = null;
            pool = null;
        }
        bus.publish(new ServiceEvent(java.time.Instant.now(), ServiceName.of(service), ServiceEvent.State.STOPPED, ""));
    }

    public synchronized boolean isRunning(Service service) {
        return running.containsKey(service);
    }

    /**
     * See {@link RouterAdvertiser}: on by default, runs while any service runs, never on the interface
     * that carries the default route. Waits for the interface like the servers do.
     */
    private AutoCloseable startRouterAdvertisements() {
        if (!config.routerAdvertisements() || config.iface() == null) return null;
        try {
            return whenInterfaceIsUp(ServiceName.RA, address -> {
                NetIface nif = iface().orElseThrow(() -> new java.io.IOException("interface " + config.iface() + " went away"));
                if (nif.carriesDefaultRoute()) {
                    log.info("no IPv6 router advertisements on {}: it carries the default route, so it is not a bench network", nif.name());
                    return () -> {};
                }
                RouterAdvertiser ra = new RouterAdvertiser(nif);
                ra.start();
                return ra;
            });
        } catch (java.io.IOException e) {
            log.warn("IPv6 router advertisements: {}", e.getMessage());
            return null;
        }
    }

    /** Starts a part on the bench address; when the interface is not there yet, waits for it (see {@link AddressWaiter}). */
    private AutoCloseable whenInterfaceIsUp(ServiceName service, AddressWaiter.Starter starter) throws java.io.IOException {
        Optional<Inet4Address> now = benchAddress();
        if (now.isPresent()) return starter.start(now.get());
        if (config.iface() == null) {
            throw new IllegalArgumentException(service.id().toUpperCase(java.util.Locale.ROOT)
                    + " needs the bench address to listen on: give --iface NAME or --address IP");
        }
        boolean there = iface().isPresent();
        String why = "interface " + config.iface() + (there ? " has no address yet" : " not found");
        return new AddressWaiter(service, why, there ? ServiceProblem.NO_ADDRESS : ServiceProblem.NO_SUCH_INTERFACE, this::benchAddress, starter, bus);
    }

    /** The address to serve from now: the interface's (or the chosen one, if the interface has it), else the given address. */
    private Optional<Inet4Address> benchAddress() {
        if (config.iface() != null) {
            Optional<NetIface> nif = iface();
            return nif.filter(NetIface::up).map(NetIface::address);
        }
        return serverAddress();
    }

    private void startDhcp() throws InterruptedException {
        EngineConfig c = config;
        if (c.dhcpMode() == DhcpMode.OFF) {
            log.info("dhcp: off");
            return;
        }
        if (c.iface() == null) {
            throw new IllegalArgumentException("DHCP needs the bench interface: give --iface NAME (interfaces: " + interfaceList() + ")");
        }
        Inet4Address wanted = c.address();
        if (c.dhcpMode() == DhcpMode.FULL) {
            int[] range = range(c, wanted);
            Map<String, Integer> reservations = new HashMap<>();
            c.reservations().forEach((mac, a) -> reservations.put(mac.toString(), Ipv4.toInt(a)));
            int server = wanted != null ? Ipv4.toInt(wanted) : iface().map(NetIface::addressInt).orElse(0);
            pool = new LeasePool(range[0], range[1], server, reservations, System::currentTimeMillis);
            leaseStore = new LeaseStore(workspace, pool);
            leaseStore.open();
            own(leaseStore);
        }
        DhcpConfig cfg = new DhcpConfig(c.dhcpMode(), c.iface(), wanted, c.leaseSeconds(), c.subnetMask(), c.router(), c.dns(), c.domain(),
                c.detectOtherServers(), 67, 4011);
        dhcp = new DhcpServer(cfg, boot, bus, pool);
        own(dhcp);
        dhcp.start();
    }

    // ---- TFTP and HTTP (engine.tftp, engine.http) ----

    /** Open files shared by TFTP and HTTP transfers. */
    private final dev.bootbench.engine.files.OpenFiles openFiles = new dev.bootbench.engine.files.OpenFiles();
    private volatile java.util.function.Supplier<?> sessionsView;
    private dev.bootbench.engine.tftp.TftpServer tftp;
    private dev.bootbench.engine.http.HttpBootServer http;

    /** What /_/api/sessions returns as JSON, e.g. {@code BootSessions::snapshot}; unset: 404. */
    public void setSessionsView(java.util.function.Supplier<?> view) {
        this.sessionsView = view;
    }

    public dev.bootbench.engine.tftp.TftpServer tftp() {
        return tftp;
    }

    public dev.bootbench.engine.http.HttpBootServer http() {
        return http;
    }

    /** The served folder: --root, else the workspace's 'root' folder (created). */
    private dev.bootbench.engine.files.PathResolver paths() throws java.io.IOException {
        EngineConfig c = config;
        java.nio.file.Path root;
        if (c.root() != null) {
            root = c.root();
            if (!java.nio.file.Files.isDirectory(root)) throw new IllegalArgumentException("--root " + root + " is not a folder");
        } else {
            root = java.nio.file.Files.createDirectories(workspace.file("root"));
        }
        return new dev.bootbench.engine.files.PathResolver(root, c.caseInsensitiveFiles());
    }

    private ClientDirectory liveDirectory() {
        return this::macFor;
    }

    /** IP to MAC through whatever leases run now (a ClientDirectory that follows DHCP restarts). */
    public Optional<dev.bootbench.engine.net.MacAddress> macFor(java.net.InetAddress address) {
        return directory().macFor(address);
    }

    private void startTftp() throws java.io.IOException {
        own(whenInterfaceIsUp(ServiceName.TFTP, address -> {
            var cfg = dev.bootbench.engine.tftp.TftpServer.Config.of(address, config.tftpPort(), paths()).withDevice(config.iface());
            var server = new dev.bootbench.engine.tftp.TftpServer(cfg, bus, liveDirectory(), openFiles, boot);
            server.start();
            tftp = server;
            return () -> {
                server.close();
                tftp = null;
            };
        }));
    }

    private void startHttp() throws java.io.IOException {
        own(whenInterfaceIsUp(ServiceName.HTTP, address -> {
            var cfg = dev.bootbench.engine.http.HttpBootServer.Config.of(address, config.httpPort(), paths()).withDevice(config.iface());
            java.util.function.Supplier<?> view = () -> {
                var v = sessionsView;
                return v != null ? v.get() : java.util.List.of();
            };
            var server = new dev.bootbench.engine.http.HttpBootServer(cfg, bus, liveDirectory(), openFiles, boot, view);
            server.start();
            http = server;
            return () -> {
                server.close();
                http = null;
            };
        }));
    }

    /** The pool: --range FIRST-LAST, else the upper part of the interface's subnet (leaving room for static hosts). */
    int[] range(EngineConfig c, Inet4Address wanted) {
        if (c.range() != null) {
            String[] p = c.range().split("-", 2);
            if (p.length != 2) throw new IllegalArgumentException("--range must be FIRST-LAST, e.g. 10.77.0.100-10.77.0.199, not '" + c.range() + "'");
            int a = Ipv4.toInt(Ipv4.parse(p[0])), b = Ipv4.toInt(Ipv4.parse(p[1]));
            if (Integer.compareUnsigned(a, b) > 0) throw new IllegalArgumentException("--range " + c.range() + " ends before it starts");
            return new int[] {a, b};
        }
        NetIface nif = iface().filter(n -> n.address() != null).orElseThrow(() -> new IllegalArgumentException(
                "cannot derive a pool: interface " + c.iface() + " is missing or has no IPv4 address; give --range FIRST-LAST"));
        int[] pool = defaultPool(nif.addressInt(), nif.netmaskInt());
        if (pool == null) throw new IllegalArgumentException("the subnet of " + nif.name() + " is too small for a pool; give --range");
        return pool;
    }

    /**
     * The pool made when no range is given, from the server's address and the subnet mask (addresses as ints, network
     * order): .100-.199 of a /24 or larger, else the upper half of the subnet. Null when the subnet is too small.
     */
    public static int[] defaultPool(int address, int mask) {
        int net = address & mask;
        int hosts = ~mask;
        if (hosts < 6) return null;
        int first = net + Math.max(1, hosts / 2), last = net + hosts - 1;
        if (hosts >= 255) {
            first = net + 100;
            last = net + 199;
        }
        return new int[] {first, last};
    }

    private static String interfaceList() {
        List<String> names = new ArrayList<>();
        for (NetIface n : NetIface.list()) {
            if (!n.loopback()) names.add(n.name() + (n.address() != null ? " " + n.address().getHostAddress() + "/" + n.prefixLength() : "") + (n.up() ? "" : " (down)"));
        }
        return names.isEmpty() ? "none found" : String.join(", ", names);
    }

    /** Registers a part of the service being started, to be closed when it stops. */
    private void own(AutoCloseable part) {
        starting.add(part);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        for (Service s : Service.values()) stop(s);
    }
}
