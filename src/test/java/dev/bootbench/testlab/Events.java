package dev.bootbench.testlab;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.TransferEvent;
import dev.bootbench.engine.TransferFinished;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every event published on a bus, for tests to wait for and inspect. */
public final class Events implements AutoCloseable {
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final AutoCloseable subscription;

    public Events(EventBus bus) {
        subscription = bus.subscribe(e -> {
            events.add(e);
            synchronized (this) {
                notifyAll();
            }
        });
    }

    public List<EngineEvent> all() {
        return List.copyOf(events);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** All events of the transfer with this id, in order. */
    public List<TransferEvent> ofTransfer(long id) {
        return of(TransferEvent.class).stream().filter(e -> e.transfer().id() == id).toList();
    }

    /** Waits (up to 30 s, a bound, not a timing expectation) for an event that matches. */
    public synchronized <T> T await(Class<T> type, Predicate<? super T> match) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (EngineEvent e : events) if (type.isInstance(e) && match.test(type.cast(e))) return type.cast(e);
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("no matching " + type.getSimpleName() + " within 30 s; events: " + events);
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    public TransferFinished finished(String file) {
        return await(TransferFinished.class, f -> f.transfer().file().equals(file));
    }

    /** Waits until {@code n} transfers have finished. */
    public List<TransferFinished> finished(int n) {
        await(TransferFinished.class, f -> of(TransferFinished.class).size() >= n);
        return of(TransferFinished.class);
    }

    public void clear() {
        events.clear();
    }

    @Override public void close() throws Exception {
        subscription.close();
    }
}
