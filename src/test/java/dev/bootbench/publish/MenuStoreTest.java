package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuStoreTest {
    @TempDir Path ws;

    @Test
    void aNewWorkspaceGetsTheSampleMenu() throws IOException {
        MenuStore s = new MenuStore(ws);
        assertEquals(List.of(), s.names());
        assertEquals(List.of("Bench"), s.ensureOne());
        Menu m = s.load("Bench");
        assertEquals(SampleMenu.bench(), m);
        assertTrue(m.entry("linux").orElseThrow().action() instanceof BootAction.Linux l && l.kernel().equals("vmlinuz"));
        assertEquals(List.of("Bench"), s.ensureOne(), "only once");
    }

    @Test
    void savesLoadsAndRemembersThePublishedMenu() throws IOException {
        MenuStore s = new MenuStore(ws);
        Menu m = Menu.builder("Lab").entry("shell", "Shell", new BootAction.Shell()).build();
        s.save("Lab/1", m);
        assertEquals(List.of("Lab-1"), s.names());
        assertEquals(m, s.load("Lab/1"));
        assertEquals(Optional.empty(), s.published());
        s.setPublished("Lab-1");
        assertEquals(Optional.of("Lab-1"), s.published());
        assertEquals("Lab-1 2", s.freeName("Lab-1"));
        Files.writeString(s.file("broken"), "{ not json");
        assertThrows(IOException.class, () -> s.load("broken"));
    }

    @Test
    void filesAreBroughtIntoTheRootWithoutOverwriting() throws IOException {
        Path root = Files.createDirectories(ws.resolve("root"));
        Path outside = Files.createDirectories(ws.resolve("downloads"));
        Files.writeString(outside.resolve("vmlinuz"), "kernel A");
        assertEquals("vmlinuz", RootFiles.bringIn(outside.resolve("vmlinuz"), root));
        assertEquals("kernel A", Files.readString(root.resolve("vmlinuz")));
        assertEquals("vmlinuz", RootFiles.bringIn(outside.resolve("vmlinuz"), root), "the same file again is reused");
        Files.writeString(outside.resolve("vmlinuz"), "kernel B");
        String second = RootFiles.bringIn(outside.resolve("vmlinuz"), root);
        assertNotEquals("vmlinuz", second);
        assertEquals("kernel A", Files.readString(root.resolve("vmlinuz")), "never overwritten");
        assertEquals("kernel B", Files.readString(root.resolve(second)));
        Files.createDirectories(root.resolve("images"));
        Files.writeString(root.resolve("images/initrd.img"), "x");
        assertEquals("images/initrd.img", RootFiles.bringIn(root.resolve("images/initrd.img"), root), "a file under the root is referenced where it is");
        assertThrows(IOException.class, () -> RootFiles.bringIn(outside.resolve("nothing"), root));
    }
}
