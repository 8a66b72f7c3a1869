package dev.bootbench.engine;

import dev.bootbench.engine.net.SocketBindException;

/**
 * Why a service failed or waits, as a kind the user interface can act on ({@link ServiceEvent#detail()} says it
 * in words). {@link #NONE} while nothing is wrong.
 */
public enum ServiceProblem {
    NONE,
    /** A port below 1024, or tying a socket to an interface, needs privilege the process does not have. */
    NO_PRIVILEGE,
    /** Another program (or another Bootbench) holds the port. */
    ADDRESS_IN_USE,
    /** The bench interface is not there (unplugged, renamed, or gone while binding). */
    NO_SUCH_INTERFACE,
    /** The bench interface is there but down (no link). */
    INTERFACE_DOWN,
    /** The bench interface has no (or not the chosen) IPv4 address yet. */
    NO_ADDRESS,
    /** A setting cannot work (a field, a missing root folder, no interface chosen); the detail says which. */
    SETTINGS,
    /** Anything else; the detail says what. */
    OTHER;

    /** The kind of a socket that could not be opened. */
    public static ServiceProblem of(SocketBindException.Reason reason) {
        return switch (reason) {
            case IN_USE -> ADDRESS_IN_USE;
            case NO_PRIVILEGE -> NO_PRIVILEGE;
            case NO_DEVICE -> NO_SUCH_INTERFACE;
            case OTHER -> OTHER;
        };
    }

    /**
     * The kind of a failure to start: a {@link SocketBindException} anywhere in the causes gives its reason, a refused
     * setting ({@link IllegalArgumentException}) is {@link #SETTINGS}, anything else {@link #OTHER}.
     */
    public static ServiceProblem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketBindException e) return of(e.reason());
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) return SETTINGS;
        }
        return OTHER;
    }

    /** Whether the detail says what to do about it (then the interface adds no advice of its own). */
    public static boolean saysWhatToDo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketBindException e) return e.saysWhatToDo();
        }
        return false;
    }
}
