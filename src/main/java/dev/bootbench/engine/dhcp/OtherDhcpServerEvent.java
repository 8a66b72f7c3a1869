package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.EngineEvent;
import java.time.Instant;

/** Another DHCP server answered our probe on the bench interface: what it is and what it offers. */
public record OtherDhcpServerEvent(Instant time, String iface, String serverId, String source, String offeredAddress,
                                   String bootFile, String nextServer) implements EngineEvent {}
