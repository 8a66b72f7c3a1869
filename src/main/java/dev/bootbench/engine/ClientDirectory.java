package dev.bootbench.engine;

import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.util.Optional;

/** Who is at an address: the DHCP leases answer it, so TFTP and HTTP transfers can be tied to a client's MAC. */
@FunctionalInterface
public interface ClientDirectory {
    Optional<MacAddress> macFor(InetAddress address);

    ClientDirectory NONE = a -> Optional.empty();
}
