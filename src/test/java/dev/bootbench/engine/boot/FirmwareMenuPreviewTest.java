package dev.bootbench.engine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bootbench.engine.boot.FirmwareMenu.Item;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preview of what a firmware shows of the firmware menu. */
class FirmwareMenuPreviewTest {
    static FirmwareMenu menu(int timeout) {
        return new FirmwareMenu("Bootbench firmware menu", timeout, "Boot iPXE", List.of(Item.local(0, "Local disk"),
                Item.program(0, "Boot iPXE", "undionly.kpxe"), Item.server(0, "Windows (WDS)", Ipv4.parse("10.77.0.9"), -1),
                Item.program(7, "iPXE EFI", "ipxe.efi")));
    }

    @Test
    void thePromptTheItemsDefaultFirstAndWhatHappensAfterTheTimeout() {
        FirmwareMenuPreview p = FirmwareMenuPreview.of(menu(3), Firmware.BIOS);
        assertEquals("""
                Bootbench firmware menu (3)
                  Boot iPXE      -> undionly.kpxe (over TFTP from this bench)
                  Local disk     -> the local disk (the firmware's next boot option)
                  Windows (WDS)  -> the boot server 10.77.0.9 (it answers itself)
                After 3 s without a key: 'Boot iPXE' (F8 shows the menu)
                """, p.text());
        assertEquals("Bootbench firmware menu (3)", p.prompt());
        assertEquals(List.of("0x8001", "0x0000", "0x8002"), p.items().stream().map(FirmwareMenuPreview.Line::type).toList());
        assertEquals("BIOS", p.system());
    }

    @Test
    void noPromptAtTimeout0AndTheMenuAtOnceAt255() {
        FirmwareMenuPreview now = FirmwareMenuPreview.of(menu(0), Firmware.UEFI_X64);
        assertNull(now.prompt());
        assertEquals("'iPXE EFI' at once, without a prompt", now.afterTimeout());
        FirmwareMenuPreview wait = FirmwareMenuPreview.of(menu(255), Firmware.UEFI_X64);
        assertNull(wait.prompt());
        assertTrue(wait.text().endsWith("The menu at once; it waits for a choice\n"), wait.text());
    }

    @Test
    void aSystemWithoutItemsIsSaidSoAndThePreviewIsPlainJson() throws Exception {
        FirmwareMenuPreview p = FirmwareMenuPreview.of(menu(3), Firmware.UEFI_ARM64);
        assertEquals(List.of(), p.items());
        assertTrue(p.text().startsWith("UEFI arm64 clients are not offered the firmware menu"), p.text());
        ObjectMapper json = new ObjectMapper();
        FirmwareMenuPreview bios = FirmwareMenuPreview.of(menu(3), Firmware.BIOS);
        assertEquals(bios, json.readValue(json.writeValueAsString(bios), FirmwareMenuPreview.class));
    }
}
