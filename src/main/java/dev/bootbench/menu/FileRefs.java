package dev.bootbench.menu;

/**
 * File references in the model. A local file is a path relative to the folder Bootbench serves; an iPXE script
 * refers to it as {@code ${base-url}/path}, where the script sets {@code base-url} once (by default to
 * {@code http://${next-server}}, Bootbench's own HTTP server) unless the loading script already set it.
 */
public final class FileRefs {
    /** Name of the iPXE setting holding the URL of the served root. */
    public static final String BASE_URL_VAR = "base-url";
    public static final String DEFAULT_BASE_URL = "http://${next-server}";

    private FileRefs() {}

    /** True for URLs and for text starting with a variable, which are written as they are. */
    public static boolean isRemote(String ref) {
        return ref.contains("://") || ref.startsWith("${");
    }

    /** The reference as an iPXE script writes it. */
    public static String ipxe(String ref) {
        if (isRemote(ref)) return ref;
        String p = ref;
        while (p.startsWith("/")) p = p.substring(1);
        return "${" + BASE_URL_VAR + "}/" + p;
    }

    /** Inverse of {@link #ipxe}. */
    public static String fromIpxe(String text) {
        String prefix = "${" + BASE_URL_VAR + "}/";
        if (text.startsWith(prefix)) return text.substring(prefix.length());
        return text;
    }

    /** The files an action boots: the kernel and initrds, wimboot's four files, the ISO and memdisk. */
    public static java.util.List<String> of(BootAction a) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (a instanceof BootAction.Linux l) {
            out.add(l.kernel());
            out.addAll(l.initrds());
        } else if (a instanceof BootAction.Wimboot w) {
            out.addAll(java.util.Arrays.asList(w.wimboot(), w.bcd(), w.bootSdi(), w.bootWim()));
        } else if (a instanceof BootAction.Iso i) {
            out.add(i.iso());
            if (!i.sanbootOnBios()) out.add(i.memdiskPath()); // iPXE's sanboot needs no memdisk
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /**
     * Whether a kernel argument is {@code initrd=NAME[,NAME]} naming only initrds the entry loads anyway (by path or
     * file name, as iPXE names images): iPXE needs it on EFI, pxelinux and GRUB would load the file twice.
     */
    public static boolean namesLoadedInitrd(String arg, java.util.List<String> initrds) {
        if (!arg.startsWith("initrd=") || initrds.isEmpty()) return false;
        java.util.Set<String> loaded = new java.util.HashSet<>();
        for (String i : initrds) {
            loaded.add(i);
            loaded.add(baseName(i));
        }
        for (String n : arg.substring(7).split(",")) if (!n.isEmpty() && !loaded.contains(n) && !loaded.contains(baseName(n))) return false;
        return true;
    }

    static String baseName(String p) {
        String s = p.replace('\\', '/');
        int q = s.indexOf('?');
        if (q >= 0) s = s.substring(0, q);
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
