package dev.bootbench.engine.http;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceProblem;
import dev.bootbench.engine.ServiceName;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.net.DeviceBinding;
import dev.bootbench.engine.net.SocketBindException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootbench's HTTP server (Jetty 12 core, no servlets), bound to the bench address only.
 * Serves the root's files (GET/HEAD, single byte ranges, keep-alive), {@code /boot.ipxe} from the
 * {@link BootScriptProvider}, the stage beacon {@code /_/event?mac=...&stage=...} and the sessions
 * API {@code /_/api/sessions}. Publishes transfer events and logs one line per transfer on logger
 * {@code http}.
 *
 * <p>Use: {@code new HttpBootServer(config, bus, clients, files, scripts, sessions)}, {@link #start()}
 * (binds, throws when the port cannot be had), {@link #close()}.
 */
public final class HttpBootServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("http");

    /**
     * @param bindAddress the bench address (0.0.0.0 only if that is what is asked for)
     * @param port        TCP port, 80 normally; 0 picks a free one (tests)
     * @param idleTimeout a connection with no progress for this long is closed (stalled readers too)
     * @param maxThreads  Jetty's thread pool size
     * @param headerTimeout a request whose headers are not all there this long after its first byte
     *                      has its connection closed (slowloris: a byte now and then keeps a connection
     *                      from ever being idle); zero: no limit
     * @param device      the bench interface the listening socket is tied to (Linux: only connections
     *                    arriving through it are accepted, see {@link DeviceBinding}); null: the address only
     */
    public record Config(InetAddress bindAddress, int port, PathResolver paths, Duration idleTimeout, int maxThreads, Duration headerTimeout,
                         String device) {
        public Config {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(paths, "paths");
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("HTTP port must be 0..65535, not " + port);
            if (maxThreads < 8) throw new IllegalArgumentException("maxThreads must be at least 8");
        }

        /** 30 s idle timeout, 64 threads, 10 s for a request's headers. */
        public static Config of(InetAddress bindAddress, int port, PathResolver paths) {
            return new Config(bindAddress, port, paths, Duration.ofSeconds(30), 64, Duration.ofSeconds(10), null);
        }

        public Config withIdleTimeout(Duration d) {
            return new Config(bindAddress, port, paths, d, maxThreads, headerTimeout, device);
        }

        public Config withHeaderTimeout(Duration d) {
            return new Config(bindAddress, port, paths, idleTimeout, maxThreads, d, device);
        }

        /** Ties the listening socket to this interface (null or blank: the address only). */
        public Config withDevice(String iface) {
            return new Config(bindAddress, port, paths, idleTimeout, maxThreads, headerTimeout, iface == null || iface.isBlank() ? null : iface);
        }
    }

    private final Config config;
    private final EventBus bus;
    private final ClientDirectory clients;
    private final OpenFiles files;
    private final BootScriptProvider scripts;
    private final Supplier<?> sessions;
    private Server server;
    private ServerConnector connector;
    private volatile DeviceBinding deviceBinding;

    /**
     * @param scripts  makes {@code /boot.ipxe}; null: a file {@code boot.ipxe} of the root is served instead
     * @param sessions what {@code /_/api/sessions} returns as JSON (e.g. {@code BootSessions::snapshot}); null: 404
     */
    public HttpBootServer(Config config, EventBus bus, ClientDirectory clients, OpenFiles files,
                          BootScriptProvider scripts, Supplier<?> sessions) {
        this.config = Objects.requireNonNull(config);
        this.bus = Objects.requireNonNull(bus);
        this.clients = clients != null ? clients : ClientDirectory.NONE;
        this.files = files != null ? files : new OpenFiles();
        this.scripts = scripts;
        this.sessions = sessions;
    }

    public synchronized void start() throws IOException {
        if (server != null) throw new IllegalStateException("already started");
        String where = "tcp " + host() + ":" + config.port();
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.HTTP, ServiceEvent.State.STARTING, where));
        QueuedThreadPool pool = new QueuedThreadPool(config.maxThreads(), 4);
        pool.setName("http");
        pool.setDaemon(true);
        Server s = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        hc.setRequestHeaderSize(8192);
        FileRegionEndPoint.Spin spin = FileRegionEndPoint.Spin.defaults();
        FileRegionEndPoint.HeaderDeadline deadline = new FileRegionEndPoint.HeaderDeadline(config.headerTimeout(), log);
        ServerConnector c = new ServerConnector(s, 1, 1, new HttpConnectionFactory(hc)) {
            @Override
            protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
                FileRegionEndPoint ep = new FileRegionEndPoint(channel, selector, key, getScheduler(), spin, deadline);
                ep.setIdleTimeout(getIdleTimeout());
                return ep;
            }

            @Override
            protected java.nio.channels.ServerSocketChannel openAcceptChannel() throws IOException {
                java.nio.channels.ServerSocketChannel ch = super.openAcceptChannel();
                if (config.device() != null) deviceBinding = DeviceBinding.tie(ch, config.device(), log);
                return ch;
            }
        };
        c.setHost(config.bindAddress().getHostAddress());
        c.setPort(config.port());
        c.setIdleTimeout(config.idleTimeout().toMillis());
        c.setReuseAddress(true);
        s.addConnector(c);
        s.setHandler(new BootHttpHandler(config.paths(), files, bus, clients, scripts, sessions));
        s.setStopTimeout(2000);
        try {
            s.start();
        } catch (Exception e) {
            try {
                s.stop();
            } catch (Exception ignored) {
                // it did not start: nothing to stop
            }
            SocketBindException.Reason reason = SocketBindException.reasonOfJdk(e);
            String why = "cannot listen on " + where + ": " + (e.getMessage() != null ? e.getMessage() : e.toString())
                    + (reason == SocketBindException.Reason.NO_PRIVILEGE ? ": " + SocketBindException.PRIVILEGE_ADVICE : "");
            bus.publish(new ServiceEvent(Instant.now(), ServiceName.HTTP, ServiceEvent.State.FAILED, why, ServiceProblem.of(reason)));
            throw new SocketBindException(reason, why, false, e);
        }
        server = s;
        connector = c;
        String detail = "tcp " + host() + ":" + c.getLocalPort() + ", root " + config.paths().root()
                + (config.paths().caseInsensitive() ? " (case-insensitive)" : "");
        log.info("listening on {}", detail);
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.HTTP, ServiceEvent.State.LISTENING, detail));
    }

    private String host() {
        String h = config.bindAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The port it listens on (the real one when 0 was asked for), -1 before start. */
    public synchronized int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    public Config config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (deviceBinding != null) {
            deviceBinding.close();
            deviceBinding = null;
        }
        if (server == null) return;
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping: {}", e.toString());
        }
        server = null;
        connector = null;
        log.info("stopped");
        bus.publish(new ServiceEvent(Instant.now(), ServiceName.HTTP, ServiceEvent.State.STOPPED, ""));
    }
}
