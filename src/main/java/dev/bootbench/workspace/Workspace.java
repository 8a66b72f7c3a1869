package dev.bootbench.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder that holds Bootbench's state: {@code settings.json}, {@code leases.json}, menus,
 * templates and logs. Every file is JSON with a {@code schemaVersion}, written atomically.
 * A file that cannot be parsed is moved aside (never overwritten) and reported.
 */
public final class Workspace {
    private static final Logger log = LoggerFactory.getLogger(Workspace.class);
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public Workspace(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The per-user default: $XDG_DATA_HOME/bootbench, %APPDATA%\Bootbench, ~/Library/Application Support/Bootbench. */
    public static Path defaultDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Paths.get(appData != null ? appData : home, "Bootbench");
        }
        if (os.contains("mac")) return Paths.get(home, "Library", "Application Support", "Bootbench");
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(home, ".local", "share")).resolve("bootbench");
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public Settings loadSettings() {
        Settings s = read("settings.json", Settings.class, Settings.SCHEMA_VERSION);
        return s != null ? s : new Settings();
    }

    public void saveSettings(Settings s) {
        s.schemaVersion = Settings.SCHEMA_VERSION;
        write("settings.json", s);
    }

    /**
     * Reads a JSON file of ours. Missing: null. Unreadable or unparsable: moved aside to
     * {@code NAME.broken-<time>} so it is neither lost nor overwritten, logged, and null.
     * Written by a newer Bootbench (higher schema version): refused with a clear error.
     */
    public <T> T read(String name, Class<T> type, int supportedVersion) {
        JsonNode tree = readTree(name, supportedVersion);
        if (tree == null) return null;
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            quarantine(file(name), e.getMessage());
            return null;
        }
    }

    /**
     * A JSON file of ours as a tree, for readers that take what they can of it entry by entry. Missing:
     * null. Not JSON, or JSON but not an object ({@code null}, a list, an empty file): moved aside to
     * {@code NAME.broken-<time>}, logged, and null, so it is never taken for "no file" and overwritten.
     * Written by a newer Bootbench: refused with a clear error.
     */
    public JsonNode readTree(String name, int supportedVersion) {
        Path p = file(name);
        if (!Files.exists(p)) return null;
        JsonNode tree;
        try {
            tree = JSON.readTree(p.toFile());
        } catch (IOException e) {
            quarantine(p, e.getMessage());
            return null;
        }
        if (tree == null || !tree.isObject()) {
            quarantine(p, tree == null || tree.isMissingNode() ? "the file is empty" : "it holds " + clip(tree.toString()) + ", not a JSON object");
            return null;
        }
        int version = tree.has("schemaVersion") ? tree.get("schemaVersion").asInt(0) : 0;
        if (version > supportedVersion) {
            throw new WorkspaceException(p + " was written by a newer Bootbench (schema " + version
                    + ", this build reads up to " + supportedVersion + "); upgrade Bootbench or use another --workspace");
        }
        return tree;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * Keeps a copy of a file of ours as {@code NAME.broken-<time>} (the file itself stays), for a reader
     * that took only part of it. Returns the copy, or null (logged) when it could not be made.
     */
    public Path keepCopy(String name) {
        Path p = file(name);
        Path copy = p.resolveSibling(p.getFileName() + ".broken-" + System.currentTimeMillis());
        try {
            Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
            return copy;
        } catch (IOException e) {
            log.error("could not keep a copy of {} as {}: {}", p, copy, e.getMessage());
            return null;
        }
    }

    public void write(String name, Object value) {
        try {
            AtomicFiles.write(file(name), JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new WorkspaceException("cannot write " + file(name) + ": " + e.getMessage(), e);
        }
    }

    private void quarantine(Path p, String why) {
        Path aside = p.resolveSibling(p.getFileName() + ".broken-" + System.currentTimeMillis());
        try {
            Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
            log.error("{} is not valid ({}); kept it as {} and started from defaults", p, why, aside);
        } catch (IOException e) {
            throw new WorkspaceException(p + " is not valid (" + why + ") and could not be moved aside: " + e.getMessage(), e);
        }
    }
}
