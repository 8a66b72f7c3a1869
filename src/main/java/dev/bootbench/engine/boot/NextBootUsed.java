package dev.bootbench.engine.boot;

import dev.bootbench.engine.EngineEvent;
import dev.bootbench.engine.net.MacAddress;
import java.time.Instant;

/**
 * A client was given its next boot instead of the menu. When that next boot was for once, whoever keeps the
 * configuration (the app, {@code serve}) now takes it away, so the boot after goes to the menu again.
 */
public record NextBootUsed(Instant time, MacAddress mac, NextBoot nextBoot) implements EngineEvent {}
