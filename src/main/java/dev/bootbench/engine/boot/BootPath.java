package dev.bootbench.engine.boot;

import java.util.Locale;

/**
 * How a UEFI client boots, chosen per firmware (x64, arm64): the boot program set for it (iPXE, {@code ipxe.efi}, on
 * x64 by default), GRUB's network image, or Secure Boot's chain, Microsoft-signed shim loading the distribution's
 * signed GRUB from the same folder. GRUB then reads {@code /grub/grub.cfg} over TFTP, which Bootbench makes from the
 * published menu for each client (see {@link BootCore#grubConfig}).
 *
 * <p>The file names are fixed: shim loads {@code grubx64.efi} / {@code grubaa64.efi} from its own folder by that
 * name, and Debian's signed GRUB network images look for their configuration under the prefix {@code /grub}.
 */
public enum BootPath {
    /** The boot program set for the firmware ({@code --uefi-boot}, {@code --arm64-boot}): iPXE on x64 by default. */
    IPXE("ipxe", "iPXE"),
    /** GRUB's network image, unsigned or signed, without shim: firmware with Secure Boot off, or one that trusts the distribution's key. */
    GRUB("grub", "GRUB"),
    /** Secure Boot: the Microsoft-signed shim, which loads the distribution's signed GRUB beside it. */
    SHIM_GRUB("shim-grub", "Secure Boot: shim → GRUB");

    private final String id;
    private final String label;

    BootPath(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** {@code ipxe}, {@code grub}, {@code shim-grub}: as in settings.json and {@code serve}'s options. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The path a setting names ({@code ipxe}, {@code grub}, {@code shim-grub}); null or blank: null (the default). */
    public static BootPath parse(String s) {
        if (s == null || s.isBlank()) return null;
        String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BootPath p : values()) if (p.id.equals(v)) return p;
        if (v.equals("shim") || v.equals("secure-boot") || v.equals("secureboot")) return SHIM_GRUB;
        throw new IllegalArgumentException("a UEFI boot path is ipxe, grub or shim-grub, not '" + s + "'");
    }

    /** The boot program of x64 UEFI clients on this path; {@code program} is the one set for them (iPXE's). */
    public String x64Program(String program) {
        return switch (this) {
            case IPXE -> program;
            case GRUB -> GRUB_X64;
            case SHIM_GRUB -> SHIM_X64;
        };
    }

    /** The boot program of arm64 UEFI clients on this path; {@code program} is the one set for them. */
    public String arm64Program(String program) {
        return switch (this) {
            case IPXE -> program;
            case GRUB -> GRUB_AA64;
            case SHIM_GRUB -> SHIM_AA64;
        };
    }

    public static final String SHIM_X64 = "shimx64.efi";
    public static final String GRUB_X64 = "grubx64.efi";
    public static final String SHIM_AA64 = "shimaa64.efi";
    public static final String GRUB_AA64 = "grubaa64.efi";
}
