package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.http.BootScriptProvider;
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

    static BootScriptRequest request(String mac) throws IOException {
        return new BootScriptRequest(mac == null ? null : MacAddress.parse(mac), InetAddress.getByName("10.0.0.50"),
                InetAddress.getByName("10.0.0.1"), 8080, Map.of());
    }

    @Test
    void writesThePxelinuxFilesAndSwapsTheProvider() throws Exception {
        AtomicReference<BootScriptProvider> installed = new AtomicReference<>();
        MenuPublisher p = new MenuPublisher(installed::set, null);
        MenuPublisher.Result r = p.publish(menu("First"), root);
        String main = Files.readString(root.resolve("pxelinux.cfg/default"));
        assertTrue(main.contains("MENU TITLE First"), main);
        assertTrue(main.contains("CONFIG pxelinux.cfg/tools.cfg"), main);
        assertTrue(Files.readString(root.resolve("pxelinux.cfg/tools.cfg")).contains("LABEL memtest"));
        assertEquals(2, r.pxelinuxFiles().size());
        String s1 = installed.get().script(request("52:54:00:00:00:01"));
        assertTrue(s1.contains("menu First"), s1);
        assertTrue(s1.contains("set base-url http://10.0.0.1:8080"), "the script points at the address the client reached: " + s1);

        p.publish(menu("Second"), root);
        assertTrue(installed.get().script(request("52:54:00:00:00:01")).contains("menu Second"));
        assertTrue(Files.readString(root.resolve("pxelinux.cfg/default")).contains("MENU TITLE Second"));
        try (Stream<Path> s = Files.list(root.resolve("pxelinux.cfg"))) {
            assertEquals(List.of("default", "tools.cfg"), s.map(x -> x.getFileName().toString()).sorted().toList(), "no temporary files are left");
        }
    }

    @Test
    void aMenuWithErrorsIsRefusedAndNothingChanges() throws Exception {
        AtomicReference<BootScriptProvider> installed = new AtomicReference<>();
        MenuPublisher p = new MenuPublisher(installed::set, null);
        Menu bad = Menu.builder("Bad").defaultEntry("missing").entry("a", "A", new BootAction.Shell()).entry("a", "A again", new BootAction.Reboot()).build();
        IOException e = assertThrows(IOException.class, () -> p.publish(bad, root));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
        assertNull(installed.get());
        assertFalse(Files.exists(root.resolve("pxelinux.cfg/default")));
    }

    @Test
    void theNextBootOfAClientIsHonoured() throws Exception {
        Map<String, String> next = Map.of("52:54:00:00:00:02", "local", "52:54:00:00:00:03", "memtest", "52:54:00:00:00:04", "nosuchentry");
        AtomicReference<BootScriptProvider> installed = new AtomicReference<>();
        new MenuPublisher(installed::set, next::get).publish(menu("M"), null);
        BootScriptProvider sp = installed.get();
        String local = sp.script(request("52:54:00:00:00:02"));
        assertTrue(local.startsWith("#!ipxe") && local.contains("\nexit\n") && !local.contains("menu M"), local);
        String direct = sp.script(request("52:54:00:00:00:03"));
        assertTrue(direct.contains("goto memtest") && direct.indexOf("goto memtest") < direct.indexOf(":main"), "boots the entry before the menu: " + direct);
        String unknown = sp.script(request("52:54:00:00:00:04"));
        assertFalse(unknown.contains("goto nosuchentry"), "an unknown entry shows the menu");
        assertTrue(sp.script(request(null)).contains("menu M"));
    }

    static String beacon(String stage) {
        return "isset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=" + stage + " && imgfree bb-beacon ||";
    }

    @Test
    void eachClientsScriptReportsToUsAtTheAddressItReached() throws Exception {
        AtomicReference<BootScriptProvider> installed = new AtomicReference<>();
        new MenuPublisher(installed::set, Map.of("52:54:00:00:00:02", "local")::get).publish(menu("M"), null);
        BootScriptProvider sp = installed.get();
        String s = sp.script(request("52:54:00:00:00:01"));
        assertTrue(s.startsWith("#!ipxe\n# Generated by Bootbench from a menu model: edit the model, not this script.\n"
                + "set bb-event http://10.0.0.1:8080/_/event?mac=52:54:00:00:00:01\nisset ${base-url} || set base-url http://10.0.0.1:8080\n"), s);
        assertTrue(s.contains("\n" + beacon("booting") + "\nboot || goto main_failed\n"), s);
        assertTrue(s.contains("\n:local\n" + beacon("local") + "\nexit\n"), s);
        assertTrue(s.contains("\n:main_failed\n" + beacon("failed&reason=${errno}") + "\n"), s);
        // the menu's files on another server: the beacon still comes to us
        Menu elsewhere = menu("M").toBuilder().baseUrl("http://files.example/boot").build();
        String e = MenuScriptProvider.script(elsewhere, "http://10.0.0.1:8080", "52:54:00:00:00:01", null);
        assertTrue(e.contains("\nset bb-event http://10.0.0.1:8080/_/event?mac=52:54:00:00:00:01\nisset ${base-url} || set base-url http://files.example/boot\n"), e);
        // a client we do not know by MAC reports its own
        assertTrue(sp.script(request(null)).contains("\nset bb-event http://10.0.0.1:8080/_/event?mac=${netX/mac}\n"));
        // sent to the local disk: it says so before it leaves
        assertEquals("#!ipxe\n# Bootbench: the next boot of 52:54:00:00:00:02 is the local disk\n"
                + "set bb-event http://10.0.0.1:8080/_/event?mac=52:54:00:00:00:02\n" + beacon("local") + "\nexit\n", sp.script(request("52:54:00:00:00:02")));
        // without an address (generated for elsewhere) nothing is set: the beacons are skipped
        assertFalse(MenuScriptProvider.script(menu("M"), null, "52:54:00:00:00:01", null).contains("set bb-event"));
    }
}
