package dev.bootbench.ui.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A file or folder under the served root, scanned off the FX thread; a folder's size is the sum of what it holds. */
public record FileNode(String name, Path path, boolean directory, long size, List<FileNode> children, boolean truncated) {
    public static final int MAX_ENTRIES = 20_000;
    static final int MAX_DEPTH = 12;

    /** Scans {@code root}; stops after {@link #MAX_ENTRIES} entries (the result says so). Links are not followed. */
    public static FileNode scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException(root + " is not a folder");
        int[] budget = {MAX_ENTRIES};
        return scan(root, root.getFileName() == null ? root.toString() : root.getFileName().toString(), 0, budget);
    }

    private static FileNode scan(Path dir, String name, int depth, int[] budget) {
        List<FileNode> kids = new ArrayList<>();
        long total = 0;
        boolean truncated = false;
        if (depth < MAX_DEPTH) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (budget[0]-- <= 0) {
                        truncated = true;
                        break;
                    }
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue;
                    }
                    String n = p.getFileName().toString();
                    if (a.isDirectory()) {
                        FileNode c = scan(p, n, depth + 1, budget);
                        truncated |= c.truncated();
                        kids.add(c);
                        total += c.size();
                    } else {
                        kids.add(new FileNode(n, p, false, a.size(), List.of(), false));
                        total += a.size();
                    }
                }
            } catch (IOException e) {
                // unreadable folder: shown empty
            }
        } else {
            truncated = true;
        }
        kids.sort(Comparator.comparing((FileNode f) -> !f.directory()).thenComparing(f -> f.name().toLowerCase()));
        return new FileNode(name, dir, true, total, List.copyOf(kids), truncated);
    }

    public int count() {
        int n = 1;
        for (FileNode c : children) n += c.count();
        return n;
    }
}
