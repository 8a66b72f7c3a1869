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
}
