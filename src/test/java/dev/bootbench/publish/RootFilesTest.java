package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file picked for a missing name goes into the root under that name, never outside it, never over another file. */
class RootFilesTest {
    @Test
    void placesAPickedFileUnderTheNameTheMenuUsesWithItsFolders(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path picked = Files.writeString(tmp.resolve("linux-6.1"), "kernel");
        assertTrue(RootFiles.placeAs(picked, root, "debian/vmlinuz"));
        assertEquals("kernel", Files.readString(root.resolve("debian/vmlinuz")));
        try (var s = Files.list(root.resolve("debian"))) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void neverOverwritesWhatIsAlreadyThere(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("vmlinuz"), "theirs");
        Path picked = Files.writeString(tmp.resolve("other"), "mine");
        assertFalse(RootFiles.placeAs(picked, root, "vmlinuz"));
        assertEquals("theirs", Files.readString(root.resolve("vmlinuz")));
    }

    @Test
    void refusesANameOutsideTheRootOrNoFile(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path picked = Files.writeString(tmp.resolve("k"), "k");
        IOException e = assertThrows(IOException.class, () -> RootFiles.placeAs(picked, root, "../escaped"));
        assertTrue(e.getMessage().contains("not a path under the served root"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escaped")));
        assertThrows(IOException.class, () -> RootFiles.placeAs(picked, root, "/"));
        assertThrows(IOException.class, () -> RootFiles.placeAs(tmp.resolve("missing"), root, "vmlinuz"));
        assertThrows(IOException.class, () -> RootFiles.placeAs(picked, null, "vmlinuz"));
    }
}
