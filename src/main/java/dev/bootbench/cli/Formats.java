package dev.bootbench.cli;

import dev.bootbench.menu.Linter;

/** The {@code --format} option of the menu commands. */
final class Formats {
    static final String NAMES = "ipxe|pxelinux|grub";

    private Formats() {}

    /** The language named, or null when none is given. */
    static Linter.Type type(String format) {
        if (format == null) return null;
        return switch (format) {
            case "ipxe" -> Linter.Type.IPXE;
            case "pxelinux" -> Linter.Type.PXELINUX;
            case "grub" -> Linter.Type.GRUB;
            default -> throw new UsageException("--format " + NAMES + ", not " + format);
        };
    }
}
