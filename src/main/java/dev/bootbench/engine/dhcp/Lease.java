package dev.bootbench.engine.dhcp;

/**
 * One address held for a client. {@code state}: OFFERED (held while the client decides), BOUND,
 * RELEASED (kept so the client gets the same address back), DECLINED (address in quarantine; mac is
 * who declined it).
 */
public record Lease(String mac, String address, State state, long expiresAtMillis, String hostname) {
    public enum State { OFFERED, BOUND, RELEASED, DECLINED }
}
