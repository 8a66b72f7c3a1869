package dev.bootbench.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuModelTest {
    @Test
    void jsonMatchesGoldenAndReadsBack(@TempDir Path dir) throws Exception {
        Menu m = Fixtures.everyKind();
        String json = MenuJson.toJson(m);
        if (Boolean.getBoolean("bootbench.updateGolden")) Files.writeString(Path.of("src/test/resources/dev/bootbench/menu/every-kind.json"), json);
        assertEquals(Fixtures.resource("every-kind.json"), json);
        assertEquals(m, MenuJson.fromJson(json));
        Path f = dir.resolve("menu.json");
        MenuJson.save(m, f);
        assertEquals(m, MenuJson.load(f));
        assertTrue(json.contains("\"schemaVersion\" : 1"));
    }

    @Test
    void minimalJsonGetsDefaults() throws Exception {
        Menu m = MenuJson.fromJson("{\"title\":\"T\",\"items\":[{\"type\":\"entry\",\"id\":\"x\",\"action\":{\"kind\":\"shell\"}}],\"somethingNew\":1}");
        assertEquals(Menu.SCHEMA_VERSION, m.schemaVersion());
        assertEquals("x", m.entries().get(0).label());
        assertEquals(List.of(), m.entries().get(0).platforms());
        assertEquals("main", m.idOrDefault());
    }

    @Test
    void newerSchemaIsRefused() {
        assertThrows(IOException.class, () -> MenuJson.fromJson("{\"schemaVersion\":99,\"title\":\"T\"}"));
        assertThrows(IOException.class, () -> MenuJson.fromJson("{\"items\":[{\"type\":\"entry\",\"id\":\"x\",\"action\":{\"kind\":\"teleport\"}}]}"));
    }

    @Test
    void validatorFindsBrokenReferences() {
        assertEquals(List.of(), MenuValidator.validate(Fixtures.everyKind(), "m"));
        Menu bad = Menu.builder("T").defaultEntry("nope").fallback("gone")
                .entry("a b", "A", new BootAction.Shell())
                .entry("dup", "1", new BootAction.Reboot())
                .entry("dup", "2", new BootAction.Poweroff())
                .entry("k", "K", new BootAction.Linux("", List.of(), ""))
                .build();
        List<String> codes = MenuValidator.validate(bad, "m").stream().map(Finding::code).toList();
        assertTrue(codes.containsAll(List.of("bad-id", "duplicate-id", "bad-default", "bad-target", "missing-field")), codes.toString());
    }

    @Test
    void entriesNormalise() {
        Entry e = new Entry("x", null, "", List.of(Platform.EFI, Platform.PCBIOS), List.of(Arch.ARM64, Arch.I386, Arch.ARM64), null, null);
        assertEquals(List.of(), e.platforms(), "both platforms means all");
        assertEquals(List.of(Arch.I386, Arch.ARM64), e.arches());
        assertEquals(null, e.hotkey());
        assertTrue(e.offeredOn(Platform.EFI, Arch.I386));
        assertTrue(!e.offeredOn(Platform.EFI, Arch.X86_64));
        assertEquals("${base-url}/debian/linux", FileRefs.ipxe("/debian/linux"));
        assertEquals("https://x/y", FileRefs.ipxe("https://x/y"));
    }
}
