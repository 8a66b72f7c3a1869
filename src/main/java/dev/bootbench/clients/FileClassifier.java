package dev.bootbench.clients;

import java.util.Locale;

/**
 * Says what a file fetched during a boot is:
 * <ul>
 *   <li>the boot program: the boot file DHCP gave to the firmware, over TFTP or, for UEFI HTTP Boot (a URL), over
 *       HTTP (or, without DHCP seen, a name like *.kpxe, *.efi, *.0, *.pxe, *.com before any script), GRUB loaded by
 *       shim too; not shim's optional files ({@code revocations_*.efi}, {@code shim_certificate*.efi},
 *       {@code mmx64.efi}, {@code fbx64.efi}); U-Boot's boot script ({@code boot.scr.uimg}, which it fetches whatever
 *       DHCP gave) before any script;</li>
 *   <li>a script: the file DHCP gave to iPXE, *.ipxe, /boot.ipxe, pxelinux.cfg/*, *.cfg;</li>
 *   <li>a kernel: vmlinuz*, vmlinux*, linux, bzImage, *.krn, wimboot, memdisk, or else the first big
 *       file (1 MiB or more) after the script;</li>
 *   <li>an initrd: initrd*, initramfs*, *.img, *.cpio*, *.wim, BCD, boot.sdi, or else the next big
 *       file after the kernel.</li>
 * </ul>
 */
public final class FileClassifier {
    private FileClassifier() {}

    public static final long BIG = 1 << 20;

    /** What the session knows that helps: the boot files DHCP gave, and the stages reached so far. */
    record Context(String bootProgram, String ipxeScript, boolean scriptSeen, boolean kernelSeen, boolean initrdSeen) {}

    static FileKind classify(String file, long size, Context c) {
        String name = normalize(file);
        String base = name.substring(name.lastIndexOf('/') + 1);
        // a URL for UEFI HTTP Boot clients: the file is its path
        if (c.bootProgram() != null && matches(name, normalize(urlPath(c.bootProgram())))) return FileKind.BOOT_PROGRAM;
        if (c.ipxeScript() != null && matches(name, normalize(urlPath(c.ipxeScript())))) return FileKind.SCRIPT;
        if (base.endsWith(".ipxe") || name.startsWith("pxelinux.cfg/") || name.contains("/pxelinux.cfg/")
                || base.endsWith(".cfg") || base.endsWith(".conf") && name.contains("loader/")) return FileKind.SCRIPT;
        if (base.startsWith("vmlinuz") || base.startsWith("vmlinux") || base.equals("linux") || base.equals("linux64")
                || base.equals("bzimage") || base.endsWith(".krn") || base.equals("wimboot") || base.equals("memdisk")
                || base.equals("kernel") || base.startsWith("kernel-") || base.endsWith(".lkrn")) return FileKind.KERNEL;
        if (base.startsWith("initrd") || base.startsWith("initramfs") || base.endsWith(".img") || base.contains(".cpio")
                || base.endsWith(".wim") || base.equals("bcd") || base.endsWith(".sdi")) return FileKind.INITRD;
        // shim's optional files (revocation lists, a certificate) and the programs it loads only when something went
        // wrong (MokManager, fallback): not the boot's program, and their absence is no failure
        if (base.endsWith(".efi") && (base.startsWith("revocations") || base.startsWith("shim_certificate")
                || base.matches("(mm|fb)(x64|aa64|ia32|arm)\\.efi"))) return FileKind.OTHER;
        if (!c.scriptSeen() && (base.equals("boot.scr.uimg") || base.equals("boot.scr"))) return FileKind.BOOT_PROGRAM;
        if (!c.scriptSeen() && (base.endsWith(".kpxe") || base.endsWith(".kkpxe") || base.endsWith(".pxe") || base.endsWith(".0")
                || base.endsWith(".efi") || base.endsWith(".com") || base.endsWith(".n12"))) return FileKind.BOOT_PROGRAM;
        if (c.scriptSeen() && size >= BIG) {
            if (!c.kernelSeen()) return FileKind.KERNEL;
            if (!c.initrdSeen()) return FileKind.INITRD;
        }
        return FileKind.OTHER;
    }

    /**
     * The kind of one transfer: {@link #classify} by name, except that a part of a file read by an HTTP range request
     * is a {@link FileKind#DISK_IMAGE} (sanboot reads an ISO in hundreds of ranges; they are neither a kernel nor an
     * initrd), unless its name makes it the boot program or a script.
     */
    static FileKind classify(dev.bootbench.engine.Transfer t, Context c) {
        FileKind byName = classify(t.file(), t.size(), c);
        if (isRangeRead(t) && byName != FileKind.BOOT_PROGRAM && byName != FileKind.SCRIPT) return FileKind.DISK_IMAGE;
        return byName;
    }

    /** An HTTP GET of part of a file (a {@code Range} request: it starts after the first byte or ends before the last). */
    static boolean isRangeRead(dev.bootbench.engine.Transfer t) {
        return t.protocol() == dev.bootbench.engine.Transfer.Protocol.HTTP && t.size() > 0 && t.length() > 0
                && (t.offset() > 0 || t.length() < t.size());
    }

    /** Lower case, {@code /} separators, no leading slash. */
    static String normalize(String s) {
        String n = s.replace('\\', '/').toLowerCase(Locale.ROOT);
        while (n.startsWith("/")) n = n.substring(1);
        return n;
    }

    /** The same file: equal paths, or equal base names when one of them has no folder. */
    private static boolean matches(String name, String given) {
        if (given.isEmpty()) return false;
        if (name.equals(given)) return true;
        boolean nameBare = name.indexOf('/') < 0;
        boolean givenBare = given.indexOf('/') < 0;
        if (!nameBare && !givenBare) return false;
        return name.substring(name.lastIndexOf('/') + 1).equals(given.substring(given.lastIndexOf('/') + 1));
    }

    /** {@code http://host:port/path?query} to {@code path}; anything else as it is. */
    static String urlPath(String s) {
        int scheme = s.indexOf("://");
        if (scheme < 0) return s;
        int slash = s.indexOf('/', scheme + 3);
        String p = slash < 0 ? "/" : s.substring(slash);
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }
}
