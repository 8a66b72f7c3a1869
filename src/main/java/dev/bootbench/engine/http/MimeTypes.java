package dev.bootbench.engine.http;

import java.util.Locale;
import java.util.Map;

/** Content types for the files a network boot serves; anything unknown is application/octet-stream. */
final class MimeTypes {
    private MimeTypes() {}

    static final String OCTETS = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("ipxe", "text/plain; charset=utf-8"),
            Map.entry("cfg", "text/plain; charset=utf-8"),
            Map.entry("conf", "text/plain; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("sh", "text/plain; charset=utf-8"),
            Map.entry("ks", "text/plain; charset=utf-8"),
            Map.entry("preseed", "text/plain; charset=utf-8"),
            Map.entry("yaml", "text/plain; charset=utf-8"),
            Map.entry("yml", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("iso", "application/x-iso9660-image"),
            Map.entry("img", OCTETS),
            Map.entry("efi", OCTETS),
            Map.entry("kpxe", OCTETS),
            Map.entry("kkpxe", OCTETS),
            Map.entry("pxe", OCTETS),
            Map.entry("lkrn", OCTETS),
            Map.entry("0", OCTETS),
            Map.entry("c32", OCTETS),
            Map.entry("wim", OCTETS),
            Map.entry("sdi", OCTETS),
            Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("zst", "application/zstd"),
            Map.entry("cpio", "application/x-cpio"),
            Map.entry("squashfs", OCTETS),
            Map.entry("tar", "application/x-tar"),
            Map.entry("zip", "application/zip"));

    static String forName(String name) {
        int slash = name.lastIndexOf('/');
        String base = name.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        if (dot < 0) return OCTETS; // vmlinuz, initrd, BCD, pxelinux.cfg/default...
        if (name.contains("pxelinux.cfg/")) return "text/plain; charset=utf-8";
        return BY_EXTENSION.getOrDefault(base.substring(dot + 1).toLowerCase(Locale.ROOT), OCTETS);
    }
}
