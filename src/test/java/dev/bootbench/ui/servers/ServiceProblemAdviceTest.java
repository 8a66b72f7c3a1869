package dev.bootbench.ui.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bootbench.engine.BootEngine;
import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceEvent.State;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.ServiceProblem;
import dev.bootbench.engine.dhcp.DhcpConfig;
import dev.bootbench.engine.dhcp.DhcpServer;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.http.HttpBootServer;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.SocketBindException;
import dev.bootbench.engine.net.UdpSocket;
import dev.bootbench.engine.tftp.TftpServer;
import dev.bootbench.publish.EngineSetup;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot listen tells the Servers view why as a {@link ServiceProblem}, and the view's advice follows that
 * kind: each case here makes the real failure (a port already taken, an interface that is not there or down, an
 * address the machine lacks) and feeds the server's own {@link ServiceEvent} to the view's {@link ServiceStatus}.
 */
class ServiceProblemAdviceTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    private final EventBus bus = new EventBus();
    private final List<ServiceEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    ServiceProblemAdviceTest() {
        bus.subscribe(e -> {
            if (e instanceof ServiceEvent s) events.add(s);
        });
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private ServiceEvent last(ServiceName service, State state) {
        for (int i = events.size() - 1; i >= 0; i--) {
            ServiceEvent e = events.get(i);
            if (e.service() == service && e.state() == state) return e;
        }
        throw new AssertionError("no " + state + " event of " + service + " in " + events);
    }

    /** What the Servers view shows for the event. */
    private static ServiceStatus shown(ServiceEvent e) {
        ServiceStatus st = new ServiceStatus(e.service().service());
        st.set(e);
        return st;
    }

    private PathResolver root() throws IOException {
        return new PathResolver(Files.createDirectories(tmp.resolve("root")), false);
    }

    private DhcpServer dhcp(String iface, int serverPort, int proxyPort) throws Exception {
        Settings settings = new Settings();
        var boot = new dev.bootbench.engine.boot.BootCore(EngineSetup.bootConfig(settings, Path.of("templates/boot.ipxe"), null, null), bus);
        DhcpConfig cfg = new DhcpConfig(DhcpMode.PROXY, iface, null, 3600, null, null, List.of(), null, false, serverPort, proxyPort);
        DhcpServer server = new DhcpServer(cfg, boot, bus, null);
        open.add(server);
        server.start();
        return server;
    }

    @Test
    void tftpOnAPortAlreadyTakenIsAddressInUseWithThePortAdvice() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            TftpServer tftp = new TftpServer(TftpServer.Config.of(LOOPBACK, holder.getLocalPort(), root()), bus, null, null);
            open.add(tftp);
            SocketBindException thrown = assertThrows(SocketBindException.class, tftp::start);
            assertEquals(SocketBindException.Reason.IN_USE, thrown.reason());
        }
        ServiceEvent failed = last(ServiceName.TFTP, State.FAILED);
        assertEquals(ServiceProblem.ADDRESS_IN_USE, failed.problem());
        ServiceStatus st = shown(failed);
        assertEquals(State.FAILED, st.getState());
        assertEquals(failed.detail(), st.detailProperty().get());
        assertTrue(st.adviceProperty().get().startsWith("Another program holds the port"), st.adviceProperty().get());
    }

    @Test
    void httpOnAPortAlreadyTakenIsAddressInUseWithThePortAdvice() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(LOOPBACK, 0));
            HttpBootServer http = new HttpBootServer(HttpBootServer.Config.of(LOOPBACK, holder.getLocalPort(), root()), bus, null, null, null, null);
            open.add(http);
            SocketBindException thrown = assertThrows(SocketBindException.class, http::start);
            assertEquals(SocketBindException.Reason.IN_USE, thrown.reason());
            // what the Servers view's start() makes of the exception that reaches it
            assertEquals(ServiceProblem.ADDRESS_IN_USE, ServiceProblem.of(new java.util.concurrent.CompletionException(thrown)));
        }
        ServiceEvent failed = last(ServiceName.HTTP, State.FAILED);
        assertEquals(ServiceProblem.ADDRESS_IN_USE, failed.problem());
        assertTrue(shown(failed).adviceProperty().get().startsWith("Another program holds the port"), shown(failed).adviceProperty().get());
    }

    @Test
    void tftpOnAnAddressTheMachineLacksIsNoPortProblem() throws Exception {
        // 198.51.100.1 (TEST-NET-2) is on no interface here: the bind fails, but not because another program holds the port
        InetAddress absent = InetAddress.getByName("198.51.100.1");
        assumeTrue(NetIface.list().stream().noneMatch(n -> n.addresses().contains(absent)));
        TftpServer tftp = new TftpServer(TftpServer.Config.of(absent, 0, root()), bus, null, null);
        open.add(tftp);
        SocketBindException thrown = assertThrows(SocketBindException.class, tftp::start);
        assertEquals(SocketBindException.Reason.OTHER, thrown.reason());
        ServiceEvent failed = last(ServiceName.TFTP, State.FAILED);
        assertEquals(ServiceProblem.OTHER, failed.problem());
        assertEquals("", shown(failed).adviceProperty().get());
    }

    @Test
    void dhcpOnAPortAlreadyTakenIsAddressInUse() throws Exception {
        NetIface lo = NetIface.list().stream().filter(n -> n.loopback() && n.address() != null).findFirst().orElse(null);
        dev.bootbench.testlab.Lab.require(lo != null, "no loopback interface with IPv4");
        int free;
        try (UdpSocket probe = lo.openUdp(true, 0, 100)) {
            free = probe.localPort();
        } catch (SocketBindException e) {
            dev.bootbench.testlab.Lab.require(false, "this process may not tie a socket to an interface (needs root or CAP_NET_RAW): " + e.getMessage());
            return;
        }
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(0))) {
            DhcpServer server = dhcp(lo.name(), holder.getLocalPort(), free);
            assertTrue(server.failed());
        }
        ServiceEvent failed = last(ServiceName.PROXY_DHCP, State.FAILED);
        assertEquals(ServiceProblem.ADDRESS_IN_USE, failed.problem());
        ServiceStatus st = shown(failed);
        assertEquals(State.FAILED, st.getState());
        // the native socket names the holder and the fix in the detail; the JDK one does when it finds the holder
        assertEquals(failed.detailSaysWhatToDo() ? "" : ServiceStatus.adviceFor(ServiceProblem.ADDRESS_IN_USE), st.adviceProperty().get());
    }

    @Test
    void dhcpOnAMissingInterfaceRetriesWithThePlugInAdvice() throws Exception {
        assumeTrue(NetIface.find("bbnosuch0", null).isEmpty());
        DhcpServer server = dhcp("bbnosuch0", 0, 0);
        assertFalse(server.failed());
        ServiceEvent retrying = last(ServiceName.PROXY_DHCP, State.RETRYING);
        assertEquals(ServiceProblem.NO_SUCH_INTERFACE, retrying.problem());
        assertEquals("interface bbnosuch0 not found", retrying.detail());
        ServiceStatus st = shown(retrying);
        assertEquals(State.RETRYING, st.getState());
        assertEquals("Plug in the bench adapter or choose another interface above.", st.adviceProperty().get());
    }

    @Test
    void tftpWaitingForAMissingInterfaceRetriesWithThePlugInAdvice() throws Exception {
        assumeTrue(NetIface.find("bbnosuch0", null).isEmpty());
        Settings s = new Settings();
        s.iface = "bbnosuch0";
        s.root = Files.createDirectories(tmp.resolve("served")).toString();
        s.tftpPort = 0;
        s.routerAdvertisements = false;
        s.dhcpMode = DhcpMode.OFF;
        EngineSetup setup = new EngineSetup(new Workspace(Files.createDirectories(tmp.resolve("ws"))), s, bus, Runnable::run, () -> {});
        open.add(() -> setup.engine().stop(BootEngine.Service.TFTP));
        setup.engine().start(BootEngine.Service.TFTP);
        ServiceEvent retrying = last(ServiceName.TFTP, State.RETRYING);
        assertEquals(ServiceProblem.NO_SUCH_INTERFACE, retrying.problem());
        assertEquals("Plug in the bench adapter or choose another interface above.", shown(retrying).adviceProperty().get());
    }

    // A bind refused for want of privilege and an interface that is down cannot be made to happen in CI (root, and no
    // interface of the machine may be touched): their kinds are checked from the JDK's texts below and their advice
    // in eachKindHasItsAdvice...

    @Test
    void theJdksBindTextsAreReadInOnePlace() {
        // the texts Linux, macOS and the JDK's Windows table give (the JDK has no error code for them)
        assertEquals(SocketBindException.Reason.NO_PRIVILEGE, SocketBindException.reasonOfJdk(new BindException("Permission denied")));
        assertEquals(SocketBindException.Reason.NO_PRIVILEGE, SocketBindException.reasonOfJdk(
                new IOException("Failed to bind to /0.0.0.0:80", new BindException("An attempt was made to access a socket in a way forbidden by its access permissions"))));
        assertEquals(SocketBindException.Reason.IN_USE, SocketBindException.reasonOfJdk(new BindException("Address already in use: bind")));
        assertEquals(SocketBindException.Reason.OTHER, SocketBindException.reasonOfJdk(new BindException("Cannot assign requested address")));
        assertEquals(SocketBindException.Reason.OTHER, SocketBindException.reasonOfJdk(new IOException("Address already in use")));
    }

    @Test
    void eachKindHasItsAdviceAndADetailThatSaysWhatToDoHasNone() {
        assertTrue(ServiceStatus.adviceFor(ServiceProblem.NO_PRIVILEGE).startsWith("Ports below 1024 need privilege"));
        assertTrue(ServiceStatus.adviceFor(ServiceProblem.ADDRESS_IN_USE).startsWith("Another program holds the port"));
        assertTrue(ServiceStatus.adviceFor(ServiceProblem.NO_SUCH_INTERFACE).startsWith("Plug in"));
        assertTrue(ServiceStatus.adviceFor(ServiceProblem.INTERFACE_DOWN).startsWith("Connect the cable"));
        for (ServiceProblem p : List.of(ServiceProblem.NONE, ServiceProblem.NO_ADDRESS, ServiceProblem.SETTINGS, ServiceProblem.OTHER)) {
            assertEquals("", ServiceStatus.adviceFor(p), p.name());
        }
        ServiceStatus st = new ServiceStatus(BootEngine.Service.DHCP);
        st.set(new ServiceEvent(java.time.Instant.now(), ServiceName.DHCP, State.FAILED,
                "UDP port 67 is already in use on eth1 by dnsmasq (pid 9). Stop the other server", ServiceProblem.ADDRESS_IN_USE, true));
        assertEquals("", st.adviceProperty().get());
        // the detail's words do not matter any more: "permission" in an address-in-use text gets the port advice
        st.set(new ServiceEvent(java.time.Instant.now(), ServiceName.DHCP, State.FAILED, "permission denied", ServiceProblem.ADDRESS_IN_USE));
        assertTrue(st.adviceProperty().get().startsWith("Another program holds the port"));
        st.set(State.LISTENING, "listening");
        assertEquals("", st.adviceProperty().get());
        assertThrows(IllegalArgumentException.class, () -> new ServiceEvent(java.time.Instant.now(), ServiceName.DHCP, State.FAILED, "x"));
        assertThrows(IllegalArgumentException.class, () -> st.set(State.RETRYING, "x"));
    }
}
