package dev.bootbench.menu.pxelinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PxelinuxGeneratorTest {
    static void assertGolden(String resource, String actual) throws Exception {
        if (Boolean.getBoolean("bootbench.updateGolden")) {
            Path p = Path.of("src/test/resources/dev/bootbench/menu", resource);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        assertEquals(Fixtures.resource(resource), actual);
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
}
