package dev.bootbench.engine.net;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/** A socket that could not be opened; the message says why and what to do about it. */
public final class SocketBindException extends IOException {
    public enum Reason { IN_USE, NO_PRIVILEGE, NO_DEVICE, OTHER }

    private final Reason reason;
    private final boolean saysWhatToDo;

    public SocketBindException(Reason reason, String message) {
        this(reason, message, false, null);
    }

    /**
     * @param saysWhatToDo the message names the fix itself (which process holds the port, how to grant the privilege)
     * @param cause        the exception the socket library threw, or null
     */
    public SocketBindException(Reason reason, String message, boolean saysWhatToDo, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.saysWhatToDo = saysWhatToDo;
    }

    public Reason reason() {
        return reason;
    }

    /** The message names the fix itself, so a view need not add advice. */
    public boolean saysWhatToDo() {
        return saysWhatToDo;
    }

    /**
     * Why a bind through the JDK's own sockets (or a library on them, such as Jetty) failed. The JDK gives no error
     * code, only a {@link BindException} whose message is the operating system's text ("Address already in use",
     * "Permission denied"; on Windows the JDK's own English table, where an excluded or reserved port reads "...
     * forbidden by its access permissions"). Reading that foreign text is the one way to tell the cases apart, and this
     * is the only place in Bootbench that does it: everything else decides on the {@link Reason}. A text it does not
     * know (another language, another error such as an address the machine does not have) is {@link Reason#OTHER}.
     * Our own native sockets ({@link NativeUdpSocket}) decide on the errno instead.
     */
    /** What to do when a port below 1024 is refused: the same words for DHCP, TFTP and HTTP, whichever is refused first. */
    public static final String PRIVILEGE_ADVICE = "ports below 1024 need root or CAP_NET_BIND_SERVICE. Run Bootbench as root, or grant the capability"
            + " to the process (e.g. the packaged launcher, or: sudo systemd-run --uid=$USER -p AmbientCapabilities=CAP_NET_BIND_SERVICE"
            + " -p CapabilityBoundingSet=CAP_NET_BIND_SERVICE java -jar bootbench.jar serve ...)."
            + " Do not setcap the java binary: java then refuses to load its own libjli.so.";

    public static Reason reasonOfJdk(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof BindException)) continue;
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("permission")) return Reason.NO_PRIVILEGE;
            if (m.contains("in use")) return Reason.IN_USE;
            return Reason.OTHER;
        }
        return Reason.OTHER;
    }
}
