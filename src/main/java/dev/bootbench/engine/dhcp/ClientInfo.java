package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.net.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DHCP request says about the machine that sent it: firmware and architecture (option 93,
 * else option 60's {@code PXEClient:Arch:000NN} or {@code HTTPClient:Arch:000NN}), whether it is a PXE ROM or a
 * UEFI HTTP Boot client, whether it is iPXE (user
 * class 77 {@code iPXE}, or option 175), and iPXE's version and features; whether it is U-Boot (option 60
 * {@code U-Boot...}, or type 21/22 in option 93), and whether it asks for a boot file (67 in its option 55).
 *
 * @param asksBootFile option 67 is in its parameter request list (55)
 */
public record ClientInfo(MacAddress mac, int messageType, Firmware firmware, Integer archCode, String vendorClass,
                         String userClass, IpxeInfo ipxe, String guid, String hostname, boolean asksBootFile) {
    private static final Pattern PXE_ARCH = Pattern.compile("^(?:PXEClient|HTTPClient):Arch:(\\d{5})");

    /** A client that did not say whether it asks for option 67. */
    public ClientInfo(MacAddress mac, int messageType, Firmware firmware, Integer archCode, String vendorClass,
                      String userClass, IpxeInfo ipxe, String guid, String hostname) {
        this(mac, messageType, firmware, archCode, vendorClass, userClass, ipxe, guid, hostname, false);
    }

    /** iPXE feature option codes inside option 175, by the names iPXE gives them. */
    private static final Map<Integer, String> IPXE_FEATURES = Map.ofEntries(
            Map.entry(16, "pxeext"), Map.entry(17, "iscsi"), Map.entry(18, "aoe"), Map.entry(19, "http"),
            Map.entry(20, "https"), Map.entry(21, "tftp"), Map.entry(22, "ftp"), Map.entry(23, "dns"),
            Map.entry(24, "bzimage"), Map.entry(25, "multiboot"), Map.entry(26, "slam"), Map.entry(27, "srp"),
            Map.entry(32, "nbi"), Map.entry(33, "pxe"), Map.entry(34, "elf"), Map.entry(35, "comboot"),
            Map.entry(36, "efi"), Map.entry(37, "fcoe"), Map.entry(38, "vlan"), Map.entry(39, "menu"),
            Map.entry(40, "sdi"), Map.entry(41, "nfs"));

    public static ClientInfo of(DhcpPacket p) {
        String vendor = p.optionString(DhcpOption.VENDOR_CLASS);
        Integer arch = null;
        byte[] a93 = p.option(DhcpOption.CLIENT_ARCH);
        if (a93 != null && a93.length >= 2) {
            arch = ((a93[0] & 0xff) << 8) | (a93[1] & 0xff);
        } else if (vendor != null) {
            Matcher m = PXE_ARCH.matcher(vendor);
            if (m.find()) arch = Integer.parseInt(m.group(1));
        }
        Firmware fw = arch == null ? Firmware.UNKNOWN : Firmware.fromArchCode(arch);
        if (isUBootVendorClass(vendor) && !fw.isUBoot()) fw = uBootOf(vendor);
        IpxeInfo ipxe = parseIpxe(p.option(DhcpOption.IPXE_ENCAP));
        byte[] asked = p.option(DhcpOption.PARAMETER_LIST);
        boolean asksBootFile = false;
        if (asked != null) for (byte b : asked) asksBootFile |= (b & 0xff) == DhcpOption.BOOTFILE;
        return new ClientInfo(p.mac(), p.messageType(), fw, arch, vendor, parseUserClass(p.option(DhcpOption.USER_CLASS)),
                ipxe, parseGuid(p.option(DhcpOption.CLIENT_GUID)), p.optionString(DhcpOption.HOSTNAME), asksBootFile);
    }

    /** Option 60 of U-Boot: {@code U-Boot} and its architecture ({@code U-Boot.armv8}), CONFIG_BOOTP_VCI_STRING. */
    static boolean isUBootVendorClass(String vendor) {
        return vendor != null && vendor.regionMatches(true, 0, "U-Boot", 0, 6);
    }

    /** U-Boot's firmware from its option 60 alone: {@code U-Boot.armv8} is arm64, another ARM name 32-bit ARM. */
    private static Firmware uBootOf(String vendor) {
        String v = vendor.toLowerCase(java.util.Locale.ROOT);
        if (v.contains("armv8") || v.contains("aarch64") || v.contains("arm64")) return Firmware.UBOOT_ARM64;
        if (v.contains("arm")) return Firmware.UBOOT_ARM32;
        return Firmware.UBOOT;
    }

    /**
     * U-Boot: option 60 says so, or option 93 is U-Boot's type (21 arm32, 22 arm64). It is no PXE ROM: it takes an
     * address and a next-server, and fetches its boot script from there whatever boot file it is given.
     */
    public boolean isUBoot() {
        return firmware.isUBoot();
    }

    /**
     * A PXE ROM (or iPXE acting as one): option 60 starts with PXEClient, or an architecture in option 93 (an HTTP Boot
     * client is one too, see {@link #isHttpBoot}); not U-Boot, which sends option 93 too.
     */
    public boolean isPxe() {
        if (isUBoot()) return false;
        return (vendorClass != null && vendorClass.startsWith("PXEClient")) || archCode != null;
    }

    /**
     * A UEFI HTTP Boot client (option 60 starts with HTTPClient, or option 93 is 16 or 19): it needs option 60
     * {@code HTTPClient} and a URL as its boot file in the answer, and fetches that over HTTP.
     */
    public boolean isHttpBoot() {
        return (vendorClass != null && vendorClass.startsWith("HTTPClient")) || firmware.isHttpBoot();
    }

    public boolean isIpxe() {
        return "iPXE".equals(userClass) || ipxe != null;
    }

    /**
     * Option 77: RFC 3004 says a list of length-prefixed strings, but iPXE (and most PXE tooling)
     * sends the bare string. A value that parses exactly as an RFC 3004 list is read as one.
     */
    static String parseUserClass(byte[] v) {
        if (v == null || v.length == 0) return null;
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < v.length) {
            int n = v[i] & 0xff;
            if (n == 0 || i + 1 + n > v.length) {
                parts = null;
                break;
            }
            parts.add(new String(v, i + 1, n, StandardCharsets.ISO_8859_1));
            i += 1 + n;
        }
        if (parts != null && !parts.isEmpty() && parts.stream().allMatch(ClientInfo::printable)) return String.join(",", parts);
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) n--;
        return new String(v, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static boolean printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    static IpxeInfo parseIpxe(byte[] v) {
        if (v == null) return null;
        String version = null;
        String busId = null;
        Map<String, Integer> features = new LinkedHashMap<>();
        int i = 0;
        while (i + 1 < v.length) {
            int code = v[i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) break;
            int n = v[i + 1] & 0xff;
            if (i + 2 + n > v.length) break;
            if (code == DhcpOption.IPXE_VERSION && n == 3) {
                version = (v[i + 2] & 0xff) + "." + (v[i + 3] & 0xff) + "." + (v[i + 4] & 0xff);
            } else if (code == DhcpOption.IPXE_BUS_ID && n == 5) {
                String bus = (v[i + 2] & 0xff) == 1 ? "PCI" : (v[i + 2] & 0xff) == 2 ? "ISAPnP" : (v[i + 2] & 0xff) == 3 ? "EISA"
                        : (v[i + 2] & 0xff) == 4 ? "MCA" : (v[i + 2] & 0xff) == 5 ? "ISA" : "bus" + (v[i + 2] & 0xff);
                busId = bus + " " + HexFormat.of().formatHex(v, i + 3, i + 5) + ":" + HexFormat.of().formatHex(v, i + 5, i + 7);
            } else if (n == 1) {
                features.put(IPXE_FEATURES.getOrDefault(code, "opt" + code), v[i + 2] & 0xff);
            }
            i += 2 + n;
        }
        return new IpxeInfo(version, busId, Map.copyOf(features));
    }

    static String parseGuid(byte[] v) {
        if (v == null || v.length != 17) return null;
        HexFormat h = HexFormat.of();
        // SMBIOS byte order: the first three fields are little-endian
        return h.formatHex(new byte[] {v[4], v[3], v[2], v[1]}) + "-" + h.formatHex(new byte[] {v[6], v[5]}) + "-"
                + h.formatHex(new byte[] {v[8], v[7]}) + "-" + h.formatHex(v, 9, 11) + "-" + h.formatHex(v, 11, 17);
    }
}
