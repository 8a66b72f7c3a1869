package dev.bootbench.engine;

import java.time.Instant;

/** A service (dhcp, proxydhcp, tftp, http) changed state; {@code detail} says where it listens or why it failed. */
public record ServiceEvent(Instant time, ServiceName service, State state, String detail) implements EngineEvent {
    public enum State { STOPPED, STARTING, LISTENING, RETRYING, FAILED }
}
