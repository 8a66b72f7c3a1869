package dev.bootbench.engine.net;

import java.io.IOException;

/** A socket that could not be opened; the message says why and what to do about it. */
public final class SocketBindException extends IOException {
    public enum Reason { IN_USE, NO_PRIVILEGE, NO_DEVICE, OTHER }

    private final Reason reason;

    public SocketBindException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
