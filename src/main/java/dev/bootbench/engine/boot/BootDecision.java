package dev.bootbench.engine.boot;

/**
 * What a DHCP answer tells a client to boot.
 *
 * @param bootFile           the boot file (file field, option 67): a program over TFTP, or the iPXE script's URL; null: none
 * @param ipxeScript         the boot file is the iPXE script (the client is iPXE already)
 * @param pxelinuxConfigFile pxelinux option 209, or null
 * @param pxelinuxPathPrefix pxelinux option 210, or null
 * @param reason             why, in words for the log and the client's timeline
 */
public record BootDecision(String bootFile, boolean ipxeScript, String pxelinuxConfigFile, String pxelinuxPathPrefix, String reason) {
    public boolean pxelinux() {
        return pxelinuxConfigFile != null || pxelinuxPathPrefix != null;
    }

    static BootDecision none(String reason) {
        return new BootDecision(null, false, null, null, reason);
    }
}
