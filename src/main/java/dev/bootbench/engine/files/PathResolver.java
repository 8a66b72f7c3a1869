package dev.bootbench.engine.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import dev.bootbench.engine.boot.RootLayout;

/**
 * Maps a name a client asked for (over TFTP or HTTP) to a regular file under the served root, and
 * never to anything outside it. The same rules for both protocols:
 * <ul>
 *   <li>names are relative to the root; {@code \} counts as {@code /} (Windows boot programs ask for
 *       {@code \boot\x64\...}); leading slashes are dropped, so {@code /pxelinux.0} is the root's
 *       {@code pxelinux.0}; a name that starts with the root's own absolute path has it removed
 *       (clients of servers without a chroot ask for {@code /srv/tftp/pxelinux.0});</li>
 *   <li>refused (access violation): {@code ..} components, drive letters and any {@code :}, UNC
 *       names ({@code //host/share}), control characters and NUL, percent-encoded bytes
 *       ({@code %2e%2e}: HTTP names arrive decoded once, a second encoding is refused), Windows
 *       device names ({@code CON}, {@code NUL}, {@code COM1}...), and any name whose real path
 *       (symbolic links followed) is not under the root's real path;</li>
 *   <li>with case-insensitive matching on, each component that does not exist as written is looked
 *       up ignoring case (Windows clients and files copied from FAT media disagree about case);</li>
 *   <li>a name under one of syslinux's folders of the {@link RootLayout} ({@code bios/}, {@code efi64/},
 *       {@code efi32/}) that is not there is looked up at the top of the root: syslinux loaded from such a folder asks
 *       for its config ({@code bios/pxelinux.cfg/default}) and the menus' files relative to its folder.</li>
 * </ul>
 * Thread-safe and stateless apart from the root.
 */
public final class PathResolver {
    private static final Pattern PERCENT_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "conin$", "conout$",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    /** Longest name we look at; boot file names are far shorter. */
    public static final int MAX_NAME = 1024;

    private final Path root;
    private final String rootPrefix;
    private final boolean caseInsensitive;

    /** @throws IOException when the root does not exist or is not a directory */
    public PathResolver(Path root, boolean caseInsensitive) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) throw new IOException(root + " is not a directory");
        this.root = real;
        this.rootPrefix = real.toString().replace('\\', '/') + "/";
        this.caseInsensitive = caseInsensitive;
    }

    public Path root() {
        return root;
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** The outcome of {@link #resolve}. */
    public sealed interface Resolution permits Found, NotFound, Denied {
        /** The name as the client asked for it, or cleaned up as far as we got. */
        String name();
    }

    /**
     * A readable regular file: {@code file} is its real path under the root, {@code name} the name as
     * asked (root-relative, {@code /}-separated, in the case found on disk; links not followed).
     */
    public record Found(String name, Path file) implements Resolution {}

    public record NotFound(String name, String reason) implements Resolution {}

    /** A name that tries to leave the root or that we never serve; {@code reason} is for the log and the client. */
    public record Denied(String name, String reason) implements Resolution {}

    public Resolution resolve(String requested) {
        if (requested == null || requested.isEmpty()) return new Denied("", "empty file name");
        String shown = printable(requested);
        if (requested.length() > MAX_NAME) return new Denied(shown, "file name longer than " + MAX_NAME + " characters");
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x20 || c == 0x7f) return new Denied(shown, "control character or NUL in the file name");
        }
        if (PERCENT_ENCODED.matcher(requested).find()) return new Denied(shown, "percent-encoded file name");
        String name = requested.replace('\\', '/');
        if (DRIVE.matcher(name).find()) return new Denied(shown, "drive letter in the file name");
        if (name.startsWith("//")) return new Denied(shown, "network (UNC) file name");
        if (name.startsWith(rootPrefix)) name = name.substring(rootPrefix.length());

        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) return new Denied(shown, "'..' in the file name");
            if (part.indexOf(':') >= 0) return new Denied(shown, "':' in the file name");
            String base = part.toLowerCase(Locale.ROOT);
            int dot = base.indexOf('.');
            if (DEVICES.contains(dot >= 0 ? base.substring(0, dot) : base)) return new Denied(shown, "device name '" + part + "'");
            parts.add(part);
        }
        if (parts.isEmpty()) return new NotFound(shown, "no file name");
        Resolution r = lookup(parts);
        if (r instanceof NotFound && parts.size() > 1 && RootLayout.SYSLINUX_FOLDERS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
            // syslinux run from bios/ (efi64/, efi32/) asks for everything relative to its folder: what the folder
            // lacks (pxelinux.cfg/, the menus' kernels) is the root's
            Resolution top = lookup(parts.subList(1, parts.size()));
            if (top instanceof Found) return top;
        }
        return r;
    }

    private Resolution lookup(List<String> parts) {
        String relative = String.join("/", parts);
        Path p = root;
        try {
            for (String part : parts) {
                Path next = p.resolve(part);
                if (caseInsensitive && !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) next = matchIgnoringCase(p, part);
                if (next == null) return new NotFound(relative, "no such file");
                p = next;
            }
            if (!Files.exists(p)) return new NotFound(relative, Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "dangling link" : "no such file");
            Path real = p.toRealPath();
            if (!real.startsWith(root)) return new Denied(relative, "the file is a link to outside the served folder");
            if (!Files.isRegularFile(real)) return new NotFound(relative, "not a file (a folder?)");
            if (!Files.isReadable(real)) return new Denied(relative, "the file is not readable by Bootbench");
            return new Found(root.relativize(p).toString().replace('\\', '/'), real);
        } catch (IOException | RuntimeException e) {
            // InvalidPathException and friends: a name this file system cannot even express
            return new NotFound(relative, "cannot look it up: " + e.getMessage());
        }
    }

    private static Path matchIgnoringCase(Path dir, String part) throws IOException {
        if (!Files.isDirectory(dir)) return null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                if (child.getFileName().toString().equalsIgnoreCase(part)) return child;
            }
        }
        return null;
    }

    /** The name for log lines: control characters shown as \xNN, clipped. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        if (b.length() >= 200) b.append("...");
        return b.toString();
    }
}
