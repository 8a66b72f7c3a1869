package dev.bootbench.menu.grub;

import dev.bootbench.menu.FileRefs;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File references between the model and GRUB. A local file (relative to the served root) is {@code /path} on the
 * device GRUB was loaded from (TFTP from the served root); {@code http://host/p} is {@code (http,host)/p} and
 * {@code tftp://host/p} {@code (tftp,host)/p}. GRUB has no HTTPS.
 */
public final class GrubPaths {
    private static final Pattern URL = Pattern.compile("(?i)(http|tftp)://([^/]+)(/.*)?");
    private static final Pattern DEVICE = Pattern.compile("\\((http|tftp|pxe)(?:,([^)]*))?\\)(/.*)?");

    private GrubPaths() {}

    /** The GRUB path of a model reference, or null when GRUB cannot load it (https, other schemes). */
    public static String toGrub(String ref) {
        if (ref == null) return null;
        if (!FileRefs.isRemote(ref)) {
            String p = ref;
            while (p.startsWith("/")) p = p.substring(1);
            return "/" + p;
        }
        Matcher m = URL.matcher(ref);
        if (!m.matches()) return null;
        String path = m.group(3) == null ? "/" : m.group(3);
        return "(" + m.group(1).toLowerCase(java.util.Locale.ROOT) + "," + m.group(2) + ")" + path;
    }

    /** The model reference of a GRUB path as the generator writes it, or null for other devices (disks, $root, ...). */
    public static String toModel(String grubPath) {
        if (grubPath == null || grubPath.isEmpty()) return null;
        if (grubPath.startsWith("/")) return grubPath.substring(1);
        Matcher m = DEVICE.matcher(grubPath);
        if (!m.matches()) return null;
        String path = m.group(3) == null ? "/" : m.group(3);
        if (m.group(2) == null || m.group(2).isEmpty() || m.group(1).equals("pxe")) return path.substring(1);
        return m.group(1) + "://" + m.group(2) + path;
    }

    /** Whether a GRUB device name has a port ({@code (http,host:8080)}), which GRUB reads from 2.12 on. */
    public static boolean hasPort(String grubPath) {
        Matcher m = DEVICE.matcher(grubPath);
        return m.matches() && m.group(2) != null && m.group(2).matches(".*:\\d+");
    }
}
