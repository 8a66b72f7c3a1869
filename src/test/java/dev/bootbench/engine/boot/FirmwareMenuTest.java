package dev.bootbench.engine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.boot.FirmwareMenu.Item;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firmware menu model: boot server types, the order a firmware is sent its items in, what it refuses. */
class FirmwareMenuTest {
    static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void ourItemsAndOtherServersWithoutATypeGetTypesFrom0x8001ThatExplicitOnesDoNotTake() {
        FirmwareMenu m = new FirmwareMenu(null, 10, null, List.of(
                Item.server(0, "WDS", Ipv4.parse("10.0.0.5"), 0x8002),
                Item.program(0, "iPXE", "undionly.kpxe"),
                Item.local(0, "Disk"),
                Item.program(0, "pxelinux", "pxelinux.0"),
                Item.program(7, "iPXE EFI", "ipxe.efi")));
        assertEquals(List.of(0x8002, 0x8001, 0, 0x8003, 0x8004), m.items().stream().map(Item::type).toList());
        assertEquals(FirmwareMenu.DEFAULT_PROMPT, m.prompt());
        assertEquals("pxelinux", m.item(Firmware.BIOS, 0x8003).label());
        assertNull(m.item(Firmware.UEFI_X64, 0x8003), "a type of another system's menu");
        assertEquals("iPXE EFI", m.item(Firmware.UEFI_X64, 0x8004).label());
    }

    @Test
    void theDefaultGoesFirstForEachSystemThatHasIt() {
        FirmwareMenu m = new FirmwareMenu("P", 5, "Disk", List.of(
                Item.program(0, "iPXE", "undionly.kpxe"), Item.local(0, "Disk"), Item.program(9, "iPXE EFI", "ipxe.efi"),
                Item.local(7, "Disk")));
        assertEquals(List.of("Disk", "iPXE"), m.itemsFor(Firmware.BIOS).stream().map(Item::label).toList());
        assertEquals(List.of("Disk", "iPXE EFI"), m.itemsFor(Firmware.UEFI_X64).stream().map(Item::label).toList(), "7 and 9 are one system");
        assertEquals(List.of(), m.itemsFor(Firmware.UEFI_ARM64));
        assertEquals(0, m.vendorOptions(Firmware.UEFI_ARM64, Ipv4.parse("10.0.0.1")).length, "no items: no option 43");
        assertEquals(List.of(), m.itemsFor(Firmware.UNKNOWN));
    }

    @Test
    void whatAFirmwareCannotBeSentIsRefusedSayingWhy() {
        assertTrue(refused(() -> new FirmwareMenu(null, 10, null, List.of())).contains("at least one item"));
        assertTrue(refused(() -> new FirmwareMenu(null, 256, null, List.of(Item.local(0, "Disk")))).contains("0 to 255"));
        assertTrue(refused(() -> new FirmwareMenu("Café", 10, null, List.of(Item.local(0, "Disk")))).contains("printable ASCII"));
        assertTrue(refused(() -> Item.program(0, "iPXE", " ")).contains("'iPXE' has no boot program"));
        assertTrue(refused(() -> Item.program(0, " ", "a.0")).contains("needs a label"));
        assertTrue(refused(() -> Item.server(0, "WDS", null, -1)).contains("no boot server address"));
        assertTrue(refused(() -> Item.server(0, "WDS", Ipv4.parse("10.0.0.5"), 0)).contains("0 is the local disk"));
        assertTrue(refused(() -> Item.program(70000, "X", "a.0")).contains("0-65535"));
        assertTrue(refused(() -> new FirmwareMenu(null, 10, null, List.of(Item.server(0, "A", Ipv4.parse("10.0.0.5"), 1),
                Item.server(0, "B", Ipv4.parse("10.0.0.6"), 1)))).contains("the same boot server type 1"));
        // the same type on two systems is fine: the request names the system too
        new FirmwareMenu(null, 10, null, List.of(Item.server(0, "A", Ipv4.parse("10.0.0.5"), 1), Item.server(7, "B", Ipv4.parse("10.0.0.6"), 1)));
    }

    @Test
    void systemTypesByNameOrNumberAndBack() {
        assertEquals(0, FirmwareMenu.parseSystem("BIOS"));
        assertEquals(7, FirmwareMenu.parseSystem("x64"));
        assertEquals(7, FirmwareMenu.parseSystem("efi64"));
        assertEquals(11, FirmwareMenu.parseSystem("arm64"));
        assertEquals(6, FirmwareMenu.parseSystem("ia32"));
        assertEquals(9, FirmwareMenu.parseSystem("9"));
        assertEquals(2, FirmwareMenu.parseSystem("2"));
        assertTrue(refused(() -> FirmwareMenu.parseSystem("mips")).contains("unknown system type 'mips'"));
        assertTrue(refused(() -> FirmwareMenu.parseSystem("-1")).contains("0-65535"));
        for (int code : new int[] {0, 6, 7, 10, 11, 9, 2}) assertEquals(code, FirmwareMenu.parseSystem(FirmwareMenu.systemName(code)));
    }
}
