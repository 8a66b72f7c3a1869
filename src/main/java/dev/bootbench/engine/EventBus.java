package dev.bootbench.engine;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's event stream. Publishing calls every subscriber synchronously on the publishing
 * thread, so subscribers must be quick (queue, count, fold); a subscriber that throws is logged
 * and never breaks the server that published.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final CopyOnWriteArrayList<Consumer<? super EngineEvent>> subscribers = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<? super EngineEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(EngineEvent event) {
        for (Consumer<? super EngineEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.warn("event subscriber failed on {}: {}", event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }
}
