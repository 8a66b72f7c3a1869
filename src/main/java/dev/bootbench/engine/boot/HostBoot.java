package dev.bootbench.engine.boot;

/**
 * What one client (by MAC) gets other than the defaults, as far as booting goes.
 *
 * @param hostname   sent as its host name (DHCP option 12), or null
 * @param bootFile   its boot program at the firmware stage, overriding its firmware's, or null
 * @param ipxeScript its iPXE script (URL, or a path served over HTTP); "" turns the iPXE rule off for it; null: the default
 * @param nextBoot   what its next boot does instead of the menu, or null
 */
public record HostBoot(String hostname, String bootFile, String ipxeScript, NextBoot nextBoot) {
    public static final HostBoot NONE = new HostBoot(null, null, null, null);

    public HostBoot withNextBoot(NextBoot n) {
        return new HostBoot(hostname, bootFile, ipxeScript, n);
    }

    boolean isEmpty() {
        return hostname == null && bootFile == null && ipxeScript == null && nextBoot == null;
    }
}
