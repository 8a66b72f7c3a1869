package dev.bootbench.engine.dhcp;

/**
 * A DHCP message's type (option 53, RFC 2132 section 9.6), as the engine's events and log lines name it.
 * A request without option 53 is {@link #BOOTP}; a code we do not know is {@link #UNKNOWN}.
 */
public enum DhcpMessageType {
    BOOTP(0), DISCOVER(DhcpOption.DISCOVER), OFFER(DhcpOption.OFFER), REQUEST(DhcpOption.REQUEST), DECLINE(DhcpOption.DECLINE),
    ACK(DhcpOption.ACK), NAK(DhcpOption.NAK), RELEASE(DhcpOption.RELEASE), INFORM(DhcpOption.INFORM), UNKNOWN(-1);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    /** The option-53 value; 0 for BOOTP (no option 53), -1 for UNKNOWN. */
    public int code() {
        return code;
    }

    /** The type of an option-53 value (0: none, a BOOTP request). */
    public static DhcpMessageType of(int code) {
        return switch (code) {
            case 0 -> BOOTP;
            case DhcpOption.DISCOVER -> DISCOVER;
            case DhcpOption.OFFER -> OFFER;
            case DhcpOption.REQUEST -> REQUEST;
            case DhcpOption.DECLINE -> DECLINE;
            case DhcpOption.ACK -> ACK;
            case DhcpOption.NAK -> NAK;
            case DhcpOption.RELEASE -> RELEASE;
            case DhcpOption.INFORM -> INFORM;
            default -> UNKNOWN;
        };
    }
}
