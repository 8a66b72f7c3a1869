package dev.bootbench.ui.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.ui.servers.FirmwareMenuViewModel.Target;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware menu pane's model: what it reads from settings.json it writes back; its findings follow the fields. */
class FirmwareMenuViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aMenuFromSettingsIsWrittenBackAsItWas() throws Exception {
        String json = "{\"prompt\":\"Choose\",\"timeout\":0,\"defaultItem\":\"WDS\",\"items\":["
                + "{\"system\":\"bios\",\"label\":\"WDS\",\"server\":\"10.77.0.5\",\"type\":32769},"
                + "{\"system\":\"arm32\",\"label\":\"Old board\",\"bootFile\":\"arm/ipxe.efi\"},"
                + "{\"system\":\"9\",\"label\":\"Disk\",\"local\":true}]}";
        Settings.PxeMenu in = Workspace.JSON.readValue(json, Settings.PxeMenu.class);
        FirmwareMenuViewModel vm = new FirmwareMenuViewModel(new SimpleStringProperty(""));
        vm.load(in);
        assertTrue(vm.enabledProperty().get());
        assertEquals("x64", vm.items().get(2).systemProperty().get(), "x64 UEFI's 9 is x64");
        assertEquals(Target.SERVER, vm.items().get(0).targetProperty().get());
        assertEquals("32769", vm.items().get(0).typeProperty().get());
        Settings.PxeMenu out = vm.toSettings();
        assertEquals("Choose", out.prompt);
        assertEquals(0, out.timeout);
        assertEquals("WDS", out.defaultItem);
        assertEquals("10.77.0.5", out.items.get(0).server);
        assertEquals(32769, out.items.get(0).type);
        assertEquals("arm32", out.items.get(1).system, "a system the editor does not offer is kept");
        assertEquals("arm/ipxe.efi", out.items.get(1).bootFile);
        assertEquals(Boolean.TRUE, out.items.get(2).local);
        assertEquals(java.util.List.of(), vm.problems());
    }

    @Test
    void theFindingsFollowTheFieldsAndTheServedFolder() throws Exception {
        SimpleStringProperty root = new SimpleStringProperty(dir.toString());
        FirmwareMenuViewModel vm = new FirmwareMenuViewModel(root);
        assertNull(vm.toSettings(), "off by default: no menu");
        var it = vm.add(-1);
        it.bootFileProperty().set("undionly.kpxe");
        assertTrue(vm.findings().stream().anyMatch(f -> f.code().equals("missing-boot-program")), vm.findings().toString());
        assertEquals(java.util.List.of(), vm.problems(), "a warning does not keep it from being saved");
        Files.write(dir.resolve("undionly.kpxe"), new byte[10]);
        root.set(dir.toString() + "/");
        assertEquals(java.util.List.of(), vm.findings());
        vm.timeoutProperty().set("300");
        assertTrue(vm.problems().stream().anyMatch(p -> p.contains("0 to 255")), vm.problems().toString());
        vm.timeoutProperty().set("255");
        it.targetProperty().set(Target.SERVER);
        it.serverProperty().set("10.77.0.5");
        it.typeProperty().set("0x8002");
        assertEquals(java.util.List.of(), vm.problems());
        assertEquals(0x8002, vm.toSettings().items.get(0).type);
        assertTrue(vm.previewProperty().get().contains("The menu at once; it waits for a choice"), vm.previewProperty().get());
        it.typeProperty().set("zero");
        assertTrue(vm.problems().stream().anyMatch(p -> p.contains("boot server type")), vm.problems().toString());
        vm.remove(0);
        assertTrue(vm.problems().stream().anyMatch(p -> p.contains("no items")), vm.problems().toString());
        vm.enabledProperty().set(false);
        assertEquals(java.util.List.of(), vm.problems());
        assertNull(vm.toSettings());
    }
}
