package dev.bootbench.engine.dhcp;

/** A datagram that is not a DHCP/BOOTP packet we can read; the message says what is wrong with it. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
