package dev.bootbench.ui.clients;

/** How far a client got, in boot order, with the symbol and colour class the client list shows. */
public enum BootStage {
    DHCP("⇅", "DHCP", "stage-active"),
    BOOT_PROGRAM("▶", "boot program", "stage-active"),
    IPXE_DHCP("⇅", "iPXE DHCP", "stage-active"),
    SCRIPT("☰", "script", "stage-active"),
    KERNEL("⚙", "kernel", "stage-active"),
    INITRD("▦", "initrd", "stage-active"),
    BOOTING("✔", "booting", "stage-done"),
    FAILED("✖", "failed", "stage-failed");

    private final String symbol;
    private final String label;
    private final String pseudoClass;

    BootStage(String symbol, String label, String pseudoClass) {
        this.symbol = symbol;
        this.label = label;
        this.pseudoClass = pseudoClass;
    }

    public String symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }

    /** The CSS pseudo-class of the stage's label (stage-active, stage-done, stage-failed). */
    public String pseudoClass() {
        return pseudoClass;
    }

    /** The stage of a boot session (a switch: {@code valueOf} looks the name up by reflection the first time, in a client's first pulse). */
    public static BootStage of(dev.bootbench.clients.Stage s) {
        return switch (s) {
            case DHCP -> DHCP;
            case BOOT_PROGRAM -> BOOT_PROGRAM;
            case IPXE_DHCP -> IPXE_DHCP;
            case SCRIPT -> SCRIPT;
            case KERNEL -> KERNEL;
            case INITRD -> INITRD;
            case BOOTING -> BOOTING;
            case FAILED -> FAILED;
        };
    }

    public boolean finished() {
        return this == BOOTING || this == FAILED;
    }
}
