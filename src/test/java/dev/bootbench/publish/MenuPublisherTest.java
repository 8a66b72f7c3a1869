package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootConfig;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.http.BootScriptRequest;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuPublisherTest {
    @TempDir Path root;

    static Menu menu(String title) {
        Menu sub = Menu.builder("Tools").entry("memtest", "Memtest", new BootAction.Linux("memtest.bin", List.of(), "")).build();
        return Menu.builder(title).defaultEntry("linux")
                .entry("linux", "Linux", new BootAction.Linux("vmlinuz", List.of("initrd.img"), "quiet"))
                .entry("tools", "Tools", new BootAction.Submenu(sub))
                .item(new Entry("local", "Local disk", new BootAction.LocalDisk(null)))
                .build();
    }

    /** A boot core with the default settings and no menu yet. */
    static BootCore core() {
        BootConfig c = EngineSetup.bootConfig(new dev.bootbench.workspace.Settings(), Path.of("templates/boot.ipxe"), null, null);
        return new BootCore(c, new EventBus());
    }

    static BootScriptRequest request(String mac) throws IOException {
        return new BootScriptRequest(mac == null ? null : MacAddress.parse(mac), InetAddress.getByName("10.0.0.50"),
                InetAddress.getByName("10.0.0.1"), 8080, Map.of());
    }

    @Test
    void writesThePxelinuxFilesAndHandsTheMenuToTheBootCore() throws Exception {
        BootCore core = core();
        MenuPublisher p = new MenuPublisher((m, n) -> core.update(c -> c.withMenu(m, n)));
        MenuPublisher.Result r = p.publish(menu("First"), "first", root);
        String main = Files.readString(root.resolve("pxelinux.cfg/default"));
        assertTrue(main.contains("MENU TITLE First"), main);
        assertTrue(main.contains("CONFIG pxelinux.cfg/tools.cfg"), main);
        assertTrue(Files.readString(root.resolve("pxelinux.cfg/tools.cfg")).contains("LABEL memtest"));
        assertEquals(2, r.pxelinuxFiles().size());
        String s1 = core.script(request("52:54:00:00:00:01"));
        assertEquals("the published menu 'first'", core.scriptSource());
        assertTrue(s1.contains("menu First"), s1);
        assertTrue(s1.contains("set base-url http://10.0.0.1:8080"), "the script points at the address the client reached: " + s1);

        p.publish(menu("Second"), "second", root);
        assertTrue(core.script(request("52:54:00:00:00:01")).contains("menu Second"));
        assertTrue(Files.readString(root.resolve("pxelinux.cfg/default")).contains("MENU TITLE Second"));
        try (Stream<Path> s = Files.list(root.resolve("pxelinux.cfg"))) {
            assertEquals(List.of("default", "tools.cfg"), s.map(x -> x.getFileName().toString()).sorted().toList(), "no temporary files are left");
        }
    }

    @Test
    void aMenuWithErrorsIsRefusedAndNothingChanges() throws Exception {
        AtomicReference<Menu> installed = new AtomicReference<>();
        MenuPublisher p = new MenuPublisher((m, n) -> installed.set(m));
        Menu bad = Menu.builder("Bad").defaultEntry("missing").entry("a", "A", new BootAction.Shell()).entry("a", "A again", new BootAction.Reboot()).build();
        IOException e = assertThrows(IOException.class, () -> p.publish(bad, "bad", root));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
        assertNull(installed.get());
        assertFalse(Files.exists(root.resolve("pxelinux.cfg/default")));
    }
}
