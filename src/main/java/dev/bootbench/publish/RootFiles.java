package dev.bootbench.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Brings a file the user picked or dropped into the served root and says how a menu refers to it. */
public final class RootFiles {
    private RootFiles() {}

    /**
     * The path of {@code file} relative to {@code root} (with '/'), copying it to {@code root/name} first when it is
     * outside the root. An identical file already there is reused; a different one with the same name is never
     * overwritten (the copy gets a numbered name). The copy appears under its final name only when complete.
     */
    public static String bringIn(Path file, Path root) throws IOException {
        if (root == null) throw new IOException("no served root folder is set (choose one in Servers)");
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a file");
        Path r = root.toAbsolutePath().normalize();
        Files.createDirectories(r);
        Path real = file.toRealPath();
        Path realRoot = r.toRealPath();
        if (real.startsWith(realRoot)) return relative(realRoot, real);
        String name = file.getFileName().toString();
        Path target = r.resolve(name);
        int n = 1;
        while (Files.exists(target)) {
            if (Files.isRegularFile(target) && Files.size(target) == Files.size(file) && Files.mismatch(target, file) == -1) return relative(r, target);
            int dot = name.lastIndexOf('.');
            n++;
            target = r.resolve(dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n);
        }
        Path tmp = Files.createTempFile(r, "." + name + ".", ".part");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return relative(r, target);
    }

    /**
     * Copies {@code file} into the root as {@code target} (a {@code /}-separated path under it, as a menu names it),
     * creating its folders. A file already at the target is never overwritten; the copy appears under its name only
     * when complete.
     *
     * @return false when the target was already there (nothing copied)
     */
    public static boolean placeAs(Path file, Path root, String target) throws IOException {
        if (root == null) throw new IOException("no served root folder is set (choose one in Servers)");
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a file");
        Path r = root.toAbsolutePath().normalize();
        Path t = r.resolve(target.replace('\\', '/').replaceFirst("^/+", "")).normalize();
        if (!t.startsWith(r) || t.equals(r)) throw new IOException("'" + target + "' is not a path under the served root");
        if (Files.exists(t)) return false;
        Files.createDirectories(t.getParent());
        Path tmp = Files.createTempFile(t.getParent(), "." + t.getFileName() + ".", ".part");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
