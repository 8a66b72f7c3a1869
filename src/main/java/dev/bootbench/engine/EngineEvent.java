package dev.bootbench.engine;

import java.time.Instant;

/**
 * Something a server did or saw. Every server publishes these on the {@link EventBus};
 * the client sessions, the log and the UI are built from them.
 */
public interface EngineEvent {
    Instant time();
}
