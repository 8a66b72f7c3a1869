package dev.bootbench.ui.clients;

import dev.bootbench.clients.Stage;

/** How the client list shows a boot stage: a symbol, a word, and the colour class of its label. */
final class StageLook {
    private StageLook() {}

    static String symbol(Stage s) {
        return switch (s) {
            case DHCP, IPXE_DHCP -> "⇅";
            case BOOT_PROGRAM -> "▶";
            case SCRIPT -> "☰";
            case KERNEL -> "⚙";
            case INITRD -> "▦";
            case BOOTING -> "✔";
            case LOCAL -> "⏏";
            case FAILED -> "✖";
        };
    }

    static String label(Stage s) {
        return switch (s) {
            case DHCP -> "DHCP";
            case BOOT_PROGRAM -> "boot program";
            case IPXE_DHCP -> "iPXE DHCP";
            case SCRIPT -> "script";
            case KERNEL -> "kernel";
            case INITRD -> "initrd";
            case BOOTING -> "booting";
            case LOCAL -> "local disk";
            case FAILED -> "failed";
        };
    }

    /** The CSS pseudo-class of the stage's label: stage-active, stage-done or stage-failed. */
    static String pseudoClass(Stage s) {
        return switch (s) {
            case BOOTING, LOCAL -> "stage-done";
            case FAILED -> "stage-failed";
            default -> "stage-active";
        };
    }
}
