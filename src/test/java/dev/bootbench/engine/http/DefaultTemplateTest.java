package dev.bootbench.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction.Kind;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.SimulationResult;
import dev.bootbench.menu.ipxe.IpxeLinter;
import dev.bootbench.menu.ipxe.IpxeParser;
import dev.bootbench.menu.ipxe.IpxeScript;
import dev.bootbench.menu.ipxe.IpxeSimulator;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default boot script (the template written on first use), as a client gets it. */
class DefaultTemplateTest {
    static IpxeScript filled() throws Exception {
        BootScriptRequest r = new BootScriptRequest(MacAddress.parse("52:54:00:12:34:56"), InetAddress.getByName("10.0.0.50"),
                InetAddress.getByName("10.0.0.1"), 80, Map.of());
        return IpxeParser.parse("boot.ipxe", TemplateBootScriptProvider.fill(TemplateBootScriptProvider.DEFAULT_TEMPLATE, r));
    }

    @Test
    void aMissingKernelIsTriedOnceThenTheMenuWaits() throws Exception {
        ClientProfile client = ClientProfile.of(Platform.PCBIOS, Arch.X86_64);
        assertEquals(Kind.BOOT, IpxeSimulator.run(filled(), client).action().kind(), "with its files there, the default boots after the timeout");
        SimulationResult r = IpxeSimulator.run(filled(), client, new IpxeSimulator.Options(null, 0, u -> u.equals("http://10.0.0.1/vmlinuz")));
        assertEquals(Kind.WAIT, r.action().kind(), r.render());
        assertEquals(Arrays.asList(10000, null), r.screens().stream().map(Screen::timeoutMs).toList(), "was: the default again after each timeout, for ever");
        assertEquals(List.of("http://10.0.0.1/vmlinuz... No such file or directory (https://ipxe.org/2d0c613b)",
                "Boot failed. The menu comes back and waits for your choice.", "Press any key for the menu"), r.consoleBetween(1));
    }

    @Test
    void itReportsBootingLocalAndFailedWithTheReason() throws Exception {
        String text = TemplateBootScriptProvider.fill(TemplateBootScriptProvider.DEFAULT_TEMPLATE, new BootScriptRequest(
                MacAddress.parse("52:54:00:12:34:56"), InetAddress.getByName("10.0.0.50"), InetAddress.getByName("10.0.0.1"), 80, Map.of()));
        for (String stage : List.of("booting", "local", "failed&reason=${errno}"))
            assertTrue(text.contains("imgfetch --name bb-beacon ${bb-base}/_/event?mac=${bb-mac}&stage=" + stage + " && imgfree bb-beacon"), stage);
        assertTrue(text.contains(":local\nimgfetch"), "leaving for the disk says so first");
        assertTrue(text.contains(":failed\n# first,") && text.indexOf("stage=failed") < text.indexOf("echo Boot failed"), "the reason is taken before anything else runs");
        assertEquals(List.of(), IpxeLinter.lint(filled(), dev.bootbench.menu.LintOptions.defaults(), null));
    }

    @Test
    void aTemplateLeftAsAnEarlierDefaultIsUpdatedAnEditedOneNever(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String earlier;
        try (var in = DefaultTemplateTest.class.getResourceAsStream("boot-before-18.ipxe")) {
            earlier = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8); // as the first default was written
        }
        assertTrue(TemplateBootScriptProvider.EARLIER_DEFAULTS.contains(TemplateBootScriptProvider.sha256(earlier)), "the fixture is that default");
        java.nio.file.Path file = tmp.resolve("templates/boot.ipxe");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, earlier);
        BootScriptRequest r = new BootScriptRequest(MacAddress.parse("52:54:00:12:34:56"), InetAddress.getByName("10.0.0.50"),
                InetAddress.getByName("10.0.0.1"), 80, Map.of());
        TemplateBootScriptProvider p = new TemplateBootScriptProvider(file);
        assertTrue(p.script(r).contains("set menu-timeout 0"));
        assertEquals(TemplateBootScriptProvider.DEFAULT_TEMPLATE, java.nio.file.Files.readString(file));
        String edited = earlier.replace("item shell      iPXE shell", "item shell      Shell");
        java.nio.file.Files.writeString(file, edited);
        assertTrue(p.script(r).contains("item shell      Shell"));
        assertEquals(edited, java.nio.file.Files.readString(file), "edited: left as it is");
    }
}
