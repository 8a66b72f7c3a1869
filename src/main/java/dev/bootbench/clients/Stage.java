package dev.bootbench.clients;

/** How far a client's network boot got, in the order a boot normally goes. */
public enum Stage {
    /** The firmware's DHCP exchange was answered. */
    DHCP,
    /** The boot program given by DHCP (e.g. undionly.kpxe, ipxe.efi, pxelinux.0) is being fetched. */
    BOOT_PROGRAM,
    /** iPXE, loaded as the boot program, did its own DHCP exchange. */
    IPXE_DHCP,
    /** An iPXE script or a pxelinux/GRUB configuration was fetched. */
    SCRIPT,
    /** The kernel (vmlinuz, wimboot, memdisk...) is being fetched. */
    KERNEL,
    /** The initrd (or the Windows BCD, boot.sdi, boot.wim) is being fetched. */
    INITRD,
    /**
     * The client is starting its operating system: the boot script said so (beacon) just before
     * {@code boot} or a chain to another program, or, without such a script, its kernel and initrd
     * were loaded.
     */
    BOOTING,
    /** The boot script left network boot for the local disk (beacon before its {@code exit}). */
    LOCAL,
    /** A file the boot needs was missing or its transfer failed, or the script reported a failure. */
    FAILED;

    /** The boot is over, one way or the other: booting, gone to the local disk, or failed. */
    public boolean finished() {
        return this == BOOTING || this == LOCAL || this == FAILED;
    }
}
