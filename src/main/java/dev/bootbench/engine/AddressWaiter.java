package dev.bootbench.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that waits for its bench interface: while the interface is missing or has no address it
 * says so (log line and a RETRYING event) and looks again every two seconds; when the address is
 * there it starts the server. Closing it stops the wait, or the server it started.
 */
final class AddressWaiter implements AutoCloseable {
    private static final long RETRY_MILLIS = 2000;

    /** Starts the real server on an address and returns what stops it. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start(Inet4Address address) throws IOException;
    }

    private final Logger log;
    private final Thread thread;
    private volatile boolean closed;
    private AutoCloseable started;

    /** @param problem what {@code why} says, as a kind ({@link ServiceProblem#NO_SUCH_INTERFACE} or {@link ServiceProblem#NO_ADDRESS}) */
    AddressWaiter(ServiceName service, String why, ServiceProblem problem, Supplier<Optional<Inet4Address>> address, Starter starter, EventBus bus) {
        this.log = LoggerFactory.getLogger(service.id());
        log.warn("{}; retrying every {} s until it is back", why, RETRY_MILLIS / 1000);
        bus.publish(new ServiceEvent(Instant.now(), service, ServiceEvent.State.RETRYING, why, problem));
        this.thread = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Optional<Inet4Address> a = address.get();
                if (a.isEmpty()) continue;
                synchronized (this) {
                    if (closed) return;
                    try {
                        started = starter.start(a.get());
                    } catch (IOException | RuntimeException e) {
                        log.error("cannot start on {}: {}", a.get().getHostAddress(), e.getMessage());
                        bus.publish(new ServiceEvent(Instant.now(), service, ServiceEvent.State.FAILED, e.getMessage(),
                                ServiceProblem.of(e), ServiceProblem.saysWhatToDo(e)));
                    }
                }
                return;
            }
        }, service.id() + "-wait");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws Exception {
        closed = true;
        thread.interrupt();
        AutoCloseable s;
        synchronized (this) {
            s = started;
            started = null;
        }
        if (s != null) s.close();
    }
}
