package dev.bootbench.engine.dhcp;

/** Option codes we read or write (RFC 2132, 3004, 4578, PXE 2.1, iPXE, pxelinux). */
public final class DhcpOption {
    private DhcpOption() {}

    public static final int SUBNET_MASK = 1, ROUTER = 3, DNS = 6, HOSTNAME = 12, DOMAIN = 15, BROADCAST = 28;
    public static final int VENDOR_SPECIFIC = 43, REQUESTED_IP = 50, LEASE_TIME = 51, OVERLOAD = 52, MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54, PARAMETER_LIST = 55, MESSAGE = 56, MAX_SIZE = 57, RENEWAL_T1 = 58, REBINDING_T2 = 59;
    public static final int VENDOR_CLASS = 60, CLIENT_ID = 61, TFTP_SERVER = 66, BOOTFILE = 67;
    public static final int USER_CLASS = 77, RELAY_AGENT = 82, CLIENT_ARCH = 93, CLIENT_NDI = 94, CLIENT_GUID = 97;
    public static final int IPXE_ENCAP = 175;
    public static final int PXELINUX_MAGIC = 208, PXELINUX_CONFIGFILE = 209, PXELINUX_PATHPREFIX = 210, PXELINUX_REBOOTTIME = 211;

    /** iPXE's encapsulated options (inside 175). */
    public static final int IPXE_NO_PXEDHCP = 176, IPXE_BUS_ID = 177, IPXE_VERSION = 235;

    /** PXE vendor options (inside 43). */
    public static final int PXE_DISCOVERY_CONTROL = 6, PXE_BOOT_SERVERS = 8, PXE_BOOT_MENU = 9, PXE_MENU_PROMPT = 10, PXE_BOOT_ITEM = 71;

    /** Message types (option 53); see {@link DhcpMessageType}. */
    public static final int DISCOVER = 1, OFFER = 2, REQUEST = 3, DECLINE = 4, ACK = 5, NAK = 6, RELEASE = 7, INFORM = 8;
}
