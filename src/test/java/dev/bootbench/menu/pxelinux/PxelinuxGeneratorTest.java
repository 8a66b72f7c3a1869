package dev.bootbench.menu.pxelinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.SimulationResult;
import dev.bootbench.publish.SampleMenu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PxelinuxGeneratorTest {
    static void assertGolden(String resource, String actual) throws Exception {
        Fixtures.assertGolden(resource, actual);
    }

    static String all(PxelinuxGenerator.Output out) {
        return out.files().entrySet().stream().map(e -> "=== " + e.getKey() + "\n" + e.getValue()).collect(Collectors.joining())
                + "=== findings\n" + out.findings().stream().map(Finding::format).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void everyKindOnBiosMatchesGolden() throws Exception {
        assertGolden("pxelinux/every-kind-bios.txt", all(PxelinuxGenerator.generate(Fixtures.everyKind(), PxelinuxGenerator.Options.defaults())));
    }

    @Test
    void everyKindOnEfiSkipsWhatPxelinuxCannotBoot() throws Exception {
        PxelinuxGenerator.Output out = PxelinuxGenerator.generate(Fixtures.everyKind(), new PxelinuxGenerator.Options(Platform.EFI, null));
        assertGolden("pxelinux/every-kind-efi.txt", all(out));
        assertTrue(out.main().contains("# bootbench: entry 'wds' left out: pxelinux cannot chainload WDS on EFI"));
        assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("pxelinux-skipped") && f.message().contains("'wds'")));
    }

    @Test
    void pxelinuxMenuMatchesGolden() throws Exception {
        assertGolden("pxelinux/lab.txt", all(PxelinuxGenerator.generate(Fixtures.pxelinuxMenu(), PxelinuxGenerator.Options.defaults())));
    }

    @Test
    void roundTripThroughTheConfig() {
        Menu m = Fixtures.pxelinuxMenu();
        PxelinuxGenerator.Output out = PxelinuxGenerator.generate(m, PxelinuxGenerator.Options.defaults());
        assertEquals(List.of(), out.findings());
        Map<String, String> files = out.files();
        Menu back = PxelinuxImporter.importText("default", out.main(), name -> Optional.ofNullable(files.get(name)));
        assertEquals(MenuJson.toJson(m), MenuJson.toJson(back));
        assertEquals(m, back);
    }

    /** Every file of every output, and where a ${ is, for the message. */
    static void assertNoIpxeSyntax(PxelinuxGenerator.Output out) {
        for (Map.Entry<String, String> f : out.files().entrySet())
            assertFalse(f.getValue().contains("${"), f.getKey() + " has iPXE syntax:\n" + f.getValue());
    }

    @Test
    void theSampleMenuHasNoIpxeSyntaxAndItsInitrdOnce() {
        for (Platform p : Platform.values()) {
            PxelinuxGenerator.Output out = PxelinuxGenerator.generate(SampleMenu.bench(), new PxelinuxGenerator.Options(p, null));
            assertNoIpxeSyntax(out);
            assertTrue(out.main().contains("MENU TITLE Bootbench\n"), out.main());
            assertTrue(out.main().contains("LINUX vmlinuz\n  INITRD initrd.img\n"), out.main());
            assertFalse(out.main().contains("initrd="), out.main());
            assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("pxelinux-variable") && f.message().contains("${mac}")
                    && f.message().contains("written as 'Bootbench'")), out.findings().toString());
            assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("pxelinux-initrd-arg")), out.findings().toString());
            // the simulated client loads the initrd once
            Map<String, String> files = Map.of("pxelinux.cfg/default", out.main());
            SimulationResult r = PxelinuxSimulator.run(ClientProfile.of(p, Arch.X86_64), n -> Optional.ofNullable(files.get(n)));
            assertEquals(new FinalAction(FinalAction.Kind.BOOT, "vmlinuz", "", List.of("initrd.img"), ""), r.action());
            assertEquals("Bootbench", r.screens().get(0).title());
        }
    }

    @Test
    void ipxeSettingsNeverReachAConfig() {
        Menu sub = Menu.builder("Tools for ${mac}").entry("t", "Tool ${buildarch}", new BootAction.Linux("tools/${arch}/kernel", List.of(), "")).build();
        Menu m = Menu.builder("Lab ${product}").defaultEntry("${next}")
                .gap("Installers (${platform})")
                .entry("a", "Debian on ${buildarch}", new BootAction.Linux("debian/linux", List.of("debian/initrd.gz"),
                        "url=http://${next-server}/preseed.cfg initrd=initrd.gz quiet hostname=${hostname}"))
                .entry("b", "${mac}", new BootAction.Chain("${17}/undionly.kpxe", false))
                .entry("c", "WDS", new BootAction.Wds("${proxydhcp/next-server}"))
                .entry("d", "Reboot", new BootAction.Reboot())
                .item(new Entry("tools", "Tools", new BootAction.Submenu(sub)))
                .build();
        for (Platform p : Platform.values()) {
            PxelinuxGenerator.Output out = PxelinuxGenerator.generate(m, new PxelinuxGenerator.Options(p, null));
            assertNoIpxeSyntax(out);
            assertTrue(out.main().contains("MENU TITLE Lab\n"), out.main());
            assertTrue(out.main().contains("  MENU LABEL Installers\n"), out.main());
            assertTrue(out.main().contains("  MENU LABEL Debian on\n"), out.main());
            assertTrue(out.main().contains("  APPEND quiet\n"), "the initrd= of an initrd loaded by INITRD goes, and words with settings: " + out.main());
            assertTrue(out.main().contains("# bootbench: entry 'b' left out"), out.main());
            assertFalse(out.main().contains("DEFAULT"), out.main());
            List<String> codes = out.findings().stream().map(Finding::code).toList();
            assertTrue(codes.contains("pxelinux-variable"), codes.toString());
        }
    }

    @Test
    void anInitrdArgumentNamingAnotherFileStays() {
        Menu m = Menu.builder("x").entry("a", "A", new BootAction.Linux("k", List.of("one.img"), "initrd=two.img quiet")).build();
        String out = PxelinuxGenerator.generate(m);
        assertTrue(out.contains("  INITRD one.img\n  APPEND initrd=two.img quiet\n"), out);
        Menu dir = Menu.builder("x").entry("a", "A", new BootAction.Linux("k", List.of("debian/initrd.gz"), "initrd=initrd.gz")).build();
        assertFalse(PxelinuxGenerator.generate(dir).contains("APPEND"), "iPXE names the image by its file name");
    }
}
