package dev.bootbench.workspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bootbench.engine.DhcpMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code serve} and the app need to run the servers, stored as {@code settings.json}
 * in the workspace. Unknown fields are kept out of the way (ignored) so an older build can read a
 * newer file; {@link #schemaVersion} tells which layout the file has.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Settings {
    public static final int SCHEMA_VERSION = 1;

    /** Per-client settings: a reserved address and/or what this client boots. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Host {
        public String address;
        public String hostname;
        /** Boot program for this client's firmware stage, overriding the firmware default. */
        public String bootFile;
        /** iPXE script URL or path for this client; "" turns the iPXE rule off for it. */
        public String ipxeScript;
        /** What the next boot does: "menu" (default), "local", or an entry id of the menu. */
        public String nextBoot;
        /** True: {@link #nextBoot} holds for every boot until changed; false or absent: for the next boot only, then the menu. */
        public Boolean nextBootAlways;
    }

    /**
     * The PXE firmware's own boot menu (PXE 2.1 option 43 and the port-4011 boot server), shown by the firmware before
     * any boot program runs. Absent (or without items): off, clients get their boot program as before. Added in
     * schema 1 as an optional field: an older build ignores it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PxeMenu {
        /** What the firmware shows before its countdown; null: "Press F8 for the boot menu". */
        public String prompt;
        /** Seconds before the default item is taken (0: at once, 255: wait for a key); null: 10. */
        public Integer timeout;
        /** The label of the item taken after the timeout; null: the first item of each system type. */
        public String defaultItem;
        public List<PxeItem> items = new ArrayList<>();
    }

    /** One item of the firmware menu: exactly one of {@link #bootFile}, {@link #server} or {@link #local}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PxeItem {
        /** The client system type it is shown to: bios, x64, arm64, ia32, arm32, or the number of option 93. */
        public String system;
        public String label;
        /** A boot program of ours: a file of the served root. */
        public String bootFile;
        /** Or a boot server elsewhere (e.g. WDS), by IPv4 address: the firmware asks it itself. */
        public String server;
        /** That server's boot server type (1-65535); null: one is given. */
        public Integer type;
        /** Or the local disk (boot server type 0). */
        public Boolean local;

        public PxeItem() {}

        public PxeItem(String system, String label, String bootFile, String server, Integer type, Boolean local) {
            this.system = system;
            this.label = label;
            this.bootFile = bootFile;
            this.server = server;
            this.type = type;
            this.local = local;
        }
    }

    public int schemaVersion = SCHEMA_VERSION;
    /** Bench interface name, e.g. enp0s31f6. */
    public String iface;
    /** The server address on that interface, when it has several. */
    public String address;
    public DhcpMode dhcpMode = DhcpMode.FULL;
    /** Address pool for full mode, FIRST-LAST. Empty: derived from the interface's subnet. */
    public String range;
    public int leaseSeconds = 3600;
    /** Subnet mask handed out; empty: the interface's. */
    public String subnetMask;
    public String router;
    public List<String> dns = new ArrayList<>();
    public String domain;
    /** Folder served over TFTP and HTTP. */
    public String root;
    /** Match served file names ignoring case (Windows clients, files copied from FAT media). */
    public boolean caseInsensitiveFiles = false;
    public int httpPort = 80;
    public int tftpPort = 69;
    public String biosBoot = "undionly.kpxe";
    public String uefiBoot = "ipxe.efi";
    public String uefiIa32Boot;
    public String arm64Boot;
    /**
     * What x64 UEFI HTTP Boot clients fetch over HTTP: a file of the root (given as a URL of ours) or a URL.
     * Null: the x64 UEFI boot program ({@link #uefiBoot}).
     */
    public String httpBoot;
    /** The same for arm64 UEFI HTTP Boot clients. Null: the arm64 boot program ({@link #arm64Boot}). */
    public String arm64HttpBoot;
    /**
     * The boot file of U-Boot clients, given with the next-server address. U-Boot's
     * default boot command fetches {@code boot.scr.uimg} whatever it is given; Bootbench makes that script (it runs the
     * pxelinux menu) when the root has none. Null or empty: none (U-Boot still gets an address and the next-server).
     */
    public String ubootBoot = "boot.scr.uimg";
    /**
     * How x64 UEFI clients boot: "ipxe" ({@link #uefiBoot}, the default), "grub" (grubx64.efi) or "shim-grub" (Secure Boot:
     * shimx64.efi, which loads grubx64.efi beside it); GRUB then reads grub/grub.cfg, made from the published menu.
     */
    public String uefiPath;
    /** The same for arm64 UEFI clients: "grub" (grubaa64.efi) by default, "shim-grub" (shimaa64.efi), or "ipxe" ({@link #arm64Boot}, the default when that is set). */
    public String arm64Path;
    /**
     * What iPXE clients get: a URL, or a path under the root served over HTTP. Null: Bootbench's own
     * {@code /boot.ipxe}. Empty: the iPXE rule is off, iPXE clients are treated like any PXE client.
     */
    public String ipxeScript;
    /** pxelinux option 209 (config file) and 210 (path prefix), sent when the boot program is pxelinux. */
    public String pxelinuxConfigFile;
    public String pxelinuxPathPrefix;
    /** Look for other DHCP servers on the bench segment at start and every minute. */
    public boolean detectOtherServers = true;
    /** Send IPv6 router advertisements on the bench so iPXE does not wait for a router. */
    public boolean routerAdvertisements = true;
    public Map<String, Host> hosts = new TreeMap<>();
    /** The PXE firmware's own boot menu, or null: off. */
    public PxeMenu pxeMenu;
}
