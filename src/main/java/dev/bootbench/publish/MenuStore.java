package dev.bootbench.publish;

import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workspace's menus: {@code menus/<name>.json}, written atomically, and {@code menus/published} naming the menu
 * the servers hand out (so a restarted app serves it again).
 */
public final class MenuStore {
    private final Path dir;

    public MenuStore(Path workspaceDir) {
        this.dir = workspaceDir.resolve("menus");
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(safeName(name) + ".json");
    }

    /** A name usable as a file name: letters, digits, '-', '_', '.' and spaces kept, anything else becomes '-'. */
    public static String safeName(String name) {
        String s = name == null ? "" : name.trim().replaceAll("[^A-Za-z0-9._ \\-]", "-");
        while (s.startsWith(".")) s = s.substring(1);
        return s.isBlank() ? "menu" : s;
    }

    /** Menu names, sorted ignoring case; none when the folder does not exist. */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .forEach(n -> out.add(n.substring(0, n.length() - 5)));
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    public Menu load(String name) throws IOException {
        return MenuJson.load(file(name));
    }

    public void save(String name, Menu menu) throws IOException {
        AtomicFiles.write(file(name), MenuJson.toJson(menu).getBytes(StandardCharsets.UTF_8));
    }

    /** A name not used yet: {@code base}, {@code base 2}, {@code base 3}, ... */
    public String freeName(String base) throws IOException {
        String b = safeName(base);
        List<String> taken = names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (!taken.contains(b.toLowerCase(Locale.ROOT))) return b;
        for (int i = 2; ; i++) if (!taken.contains((b + " " + i).toLowerCase(Locale.ROOT))) return b + " " + i;
    }

    /** The menu last published, if its file is still there. */
    public Optional<String> published() throws IOException {
        try {
            String n = Files.readString(dir.resolve("published"), StandardCharsets.UTF_8).trim();
            return n.isEmpty() || !Files.isRegularFile(file(n)) ? Optional.empty() : Optional.of(n);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void setPublished(String name) throws IOException {
        AtomicFiles.write(dir.resolve("published"), (safeName(name) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** When there is no menu yet, saves the sample menu; returns the names afterwards. */
    public List<String> ensureOne() throws IOException {
        List<String> n = names();
        if (!n.isEmpty()) return n;
        save(SampleMenu.NAME, SampleMenu.bench());
        return names();
    }
}
