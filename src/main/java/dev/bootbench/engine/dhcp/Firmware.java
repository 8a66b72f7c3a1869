package dev.bootbench.engine.dhcp;

/** What booted: the client system architecture of option 93 (RFC 4578, IANA registry), or option 60's {@code Arch:000NN}. */
public enum Firmware {
    BIOS("BIOS", "pcbios", "i386"),
    UEFI_IA32("UEFI ia32", "efi", "i386"),
    UEFI_X64("UEFI x64", "efi", "x86_64"),
    UEFI_ARM32("UEFI arm32", "efi", "arm32"),
    UEFI_ARM64("UEFI arm64", "efi", "arm64"),
    /** UEFI HTTP Boot (RFC 4578 type 16): the boot file is a URL, fetched over HTTP, no TFTP. */
    UEFI_X64_HTTP("UEFI HTTP Boot x64", "efi", "x86_64"),
    /** UEFI HTTP Boot of arm64 firmware (type 19). */
    UEFI_ARM64_HTTP("UEFI HTTP Boot arm64", "efi", "arm64"),
    /** U-Boot on 32-bit ARM (type 21, or option 60 {@code U-Boot.armv7} and the like): it runs a boot script, {@code boot.scr.uimg}. */
    UBOOT_ARM32("U-Boot arm32", "uboot", "arm32"),
    /** U-Boot on arm64 (type 22, or option 60 {@code U-Boot.armv8}). */
    UBOOT_ARM64("U-Boot arm64", "uboot", "arm64"),
    /** U-Boot on another architecture (option 60 {@code U-Boot...}, no type we know). */
    UBOOT("U-Boot", "uboot", "unknown"),
    UNKNOWN("unknown", "unknown", "unknown");

    private final String label;
    private final String platform;
    private final String arch;

    Firmware(String label, String platform, String arch) {
        this.label = label;
        this.platform = platform;
        this.arch = arch;
    }

    /** Maps an architecture type code; unknown codes give {@link #UNKNOWN}. */
    public static Firmware fromArchCode(int code) {
        return switch (code) {
            case 0 -> BIOS;
            case 6 -> UEFI_IA32;
            case 7, 9 -> UEFI_X64;
            case 10 -> UEFI_ARM32;
            case 11 -> UEFI_ARM64;
            case 16 -> UEFI_X64_HTTP;
            case 19 -> UEFI_ARM64_HTTP;
            case 21 -> UBOOT_ARM32;
            case 22 -> UBOOT_ARM64;
            default -> UNKNOWN;
        };
    }

    public String label() {
        return label;
    }

    /** iPXE's ${platform}: pcbios or efi; uboot for U-Boot, unknown. */
    public String platform() {
        return platform;
    }

    public String arch() {
        return arch;
    }

    /** UEFI HTTP Boot: it fetches its boot file over HTTP from the URL DHCP gives. */
    public boolean isHttpBoot() {
        return this == UEFI_X64_HTTP || this == UEFI_ARM64_HTTP;
    }

    /** U-Boot: it fetches a boot script ({@code boot.scr.uimg}) over TFTP from the server DHCP names (siaddr). */
    public boolean isUBoot() {
        return platform.equals("uboot");
    }

    public boolean isUefi() {
        return platform.equals("efi");
    }
}
