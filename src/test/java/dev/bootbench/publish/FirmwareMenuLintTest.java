package dev.bootbench.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Settings.PxeItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware menu of the settings: what its check finds, and how the settings become the engine's menu. */
class FirmwareMenuLintTest {
    @TempDir
    Path root;

    static Settings.PxeMenu menu(String defaultItem, PxeItem... items) {
        Settings.PxeMenu m = new Settings.PxeMenu();
        m.defaultItem = defaultItem;
        m.items = new ArrayList<>(List.of(items));
        return m;
    }

    static List<String> codes(List<Finding> fs) {
        return fs.stream().map(Finding::code).toList();
    }

    @Test
    void aGoodMenuHasNoFindings() throws Exception {
        Files.writeString(root.resolve("undionly.kpxe"), "x");
        Settings.PxeMenu m = menu("iPXE", new PxeItem("bios", "iPXE", "undionly.kpxe", null, null, null),
                new PxeItem("bios", "Disk", null, null, null, true), new PxeItem("bios", "WDS", null, "10.0.0.5", 1, null));
        assertEquals(List.of(), FirmwareMenuLint.check(m, root));
        assertEquals(List.of(), FirmwareMenuLint.check(null, root), "no menu: nothing to check");
    }

    /** An item's bare program name is found in its folder of a structured root, where DHCP gives it from (#24). */
    @Test
    void aProgramInItsFolderOfAStructuredRootIsNotMissing() throws Exception {
        Files.createDirectories(root.resolve("ipxe"));
        Files.writeString(root.resolve("ipxe/undionly.kpxe"), "x");
        assertEquals(List.of(), FirmwareMenuLint.check(menu(null, new PxeItem("bios", "iPXE", "undionly.kpxe", null, null, null)), root));
        assertEquals(List.of("missing-boot-program"), codes(FirmwareMenuLint.check(menu(null, new PxeItem("bios", "px", "lpxelinux.0", null, null, null)), root)));
    }

    @Test
    void itemsWithoutABootProgramOrWhoseProgramIsMissing() {
        List<Finding> fs = FirmwareMenuLint.check(menu(null, new PxeItem("bios", "Nothing", null, null, null, null),
                new PxeItem("bios", "Gone", "gone.0", null, null, null)), root);
        assertEquals(List.of("no-boot-program", "missing-boot-program"), codes(fs));
        assertEquals(Severity.ERROR, fs.get(0).severity());
        assertEquals("item 1 'Nothing' has no boot program (nor a boot server or the local disk)", fs.get(0).message());
        assertEquals(1, fs.get(0).column(), "the item's number");
        assertTrue(fs.get(1).message().contains("gone.0 is not in the served folder"), fs.get(1).message());
        assertEquals(Severity.WARNING, fs.get(1).severity());
        // the engine refuses the first outright, naming it
        String e = assertThrows(IllegalArgumentException.class, () -> EngineSetup.firmwareMenu(menu(null,
                new PxeItem("bios", "Nothing", null, null, null, null)))).getMessage();
        assertEquals("pxeMenu: item 1 'Nothing': it has no boot program (nor a boot server or the local disk)", e);
    }

    @Test
    void systemTypesNoFirmwareSendsOrThatReadNoMenu() {
        List<Finding> fs = FirmwareMenuLint.check(menu(null, new PxeItem("2", "Itanium", null, null, null, true),
                new PxeItem("16", "HTTP", null, null, null, true), new PxeItem("mips", "MIPS", null, null, null, true)), null);
        assertEquals(List.of("unknown-system", "http-boot-system", "unknown-system"), codes(fs));
        assertTrue(fs.get(0).message().contains("no firmware Bootbench knows sends system type 2"), fs.get(0).message());
        assertTrue(fs.get(1).message().contains("UEFI HTTP Boot x64"), fs.get(1).message());
        assertEquals(Severity.ERROR, fs.get(2).severity(), "a name nothing reads is an error: the engine refuses it");
    }

    @Test
    void aDefaultNotAmongASystemsItems() {
        List<Finding> fs = FirmwareMenuLint.check(menu("iPXE", new PxeItem("bios", "iPXE", null, null, null, true),
                new PxeItem("x64", "iPXE EFI", null, null, null, true)), null);
        assertEquals(List.of("default-not-an-item"), codes(fs));
        assertEquals("the default 'iPXE' is not among the items for UEFI x64: its first item is taken after the timeout", fs.get(0).message());
    }

    @Test
    void whatTheEngineRefusesIsAnError() {
        Settings.PxeMenu m = menu(null, new PxeItem("bios", "Disk", null, null, null, true));
        m.prompt = "Démarrer";
        List<Finding> fs = FirmwareMenuLint.check(m, null);
        assertEquals(List.of("invalid"), codes(fs));
        assertTrue(fs.get(0).message().contains("printable ASCII"));
    }

    @Test
    void settingsBecomeTheEnginesMenu() {
        assertNull(EngineSetup.firmwareMenu(null));
        assertNull(EngineSetup.firmwareMenu(new Settings.PxeMenu()), "no items: off");
        Settings.PxeMenu m = menu("Disk", new PxeItem("bios", "iPXE", "undionly.kpxe", null, null, null),
                new PxeItem("x64", "WDS", null, "10.0.0.5", 7, null), new PxeItem("bios", "Disk", null, null, null, true));
        FirmwareMenu f = EngineSetup.firmwareMenu(m);
        assertEquals(FirmwareMenu.DEFAULT_TIMEOUT, f.timeoutSeconds());
        assertEquals(List.of(FirmwareMenu.Kind.PROGRAM, FirmwareMenu.Kind.SERVER, FirmwareMenu.Kind.LOCAL), f.items().stream().map(FirmwareMenu.Item::kind).toList());
        assertEquals(List.of(0x8001, 7, 0), f.items().stream().map(FirmwareMenu.Item::type).toList());
        assertEquals("10.0.0.5", f.items().get(1).server().getHostAddress());
        String both = assertThrows(IllegalArgumentException.class, () -> EngineSetup.firmwareMenu(menu(null,
                new PxeItem("bios", "X", "a.0", "10.0.0.5", null, null)))).getMessage();
        assertTrue(both.contains("not several"), both);
        String bad = assertThrows(IllegalArgumentException.class, () -> EngineSetup.firmwareMenu(menu(null,
                new PxeItem("bios", "X", null, "wds.lan", null, null)))).getMessage();
        assertTrue(bad.startsWith("pxeMenu: item 1 'X': "), bad);
    }
}
