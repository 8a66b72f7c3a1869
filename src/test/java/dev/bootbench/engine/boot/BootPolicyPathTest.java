package dev.bootbench.engine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.dhcp.IpxeInfo;
import dev.bootbench.engine.net.MacAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The boot program each UEFI firmware gets on its boot path: iPXE, GRUB, or shim → GRUB for Secure Boot. */
class BootPolicyPathTest {
    static final MacAddress MAC = MacAddress.parse("52:54:00:aa:bb:01");
    static final String SCRIPT = "http://10.77.0.1/boot.ipxe";

    static ClientInfo pxe(Firmware fw, int arch) {
        return new ClientInfo(MAC, 1, fw, arch, String.format("PXEClient:Arch:%05d:UNDI:003016", arch), null, null, null, null);
    }

    static BootConfig config(String arm64Boot, BootPath uefi, BootPath arm64, Map<MacAddress, HostBoot> hosts) {
        return BootConfig.builder().biosBoot("undionly.kpxe").uefiBoot("ipxe.efi").arm64Boot(arm64Boot).hosts(hosts)
                .template(Path.of("templates/boot.ipxe")).uefiPath(uefi).arm64Path(arm64).build();
    }

    static String file(BootConfig c, ClientInfo client) {
        return BootPolicy.decide(c, client, SCRIPT).bootFile();
    }

    @Test
    void x64UefiGetsIpxeByDefaultAndShimOnTheSecureBootPath() {
        ClientInfo x64 = pxe(Firmware.UEFI_X64, 7), http = pxe(Firmware.UEFI_X64_HTTP, 16), bios = pxe(Firmware.BIOS, 0);
        BootConfig plain = config(null, null, null, Map.of());
        assertEquals(BootPath.IPXE, plain.uefiPath());
        assertEquals("ipxe.efi", file(plain, x64));
        BootConfig secure = config(null, BootPath.SHIM_GRUB, null, Map.of());
        BootDecision d = BootPolicy.decide(secure, x64, SCRIPT);
        assertEquals("shimx64.efi", d.bootFile());
        assertTrue(d.reason().contains("Secure Boot: shim → GRUB"), "the log and the timeline say why: " + d.reason());
        assertEquals("http://10.77.0.1/shimx64.efi", file(secure, http), "x64 HTTP boot firmware takes the same path, as a URL");
        assertEquals("grubx64.efi", file(config(null, BootPath.GRUB, null, Map.of()), x64));
        assertEquals("undionly.kpxe", file(secure, bios), "BIOS clients are not UEFI: unchanged");
        assertEquals("shimx64.efi", file(secure, pxe(Firmware.UEFI_X64, 9)), "arch code 9 is x64 UEFI too");
    }

    @Test
    void arm64GetsGrubUnlessAProgramIsSetForIt() {
        ClientInfo arm = pxe(Firmware.UEFI_ARM64, 11);
        assertEquals("grubaa64.efi", file(config(null, null, null, Map.of()), arm), "option 93 = 11 with nothing set: GRUB");
        assertEquals("arm64/ipxe.efi", file(config("arm64/ipxe.efi", null, null, Map.of()), arm),
                "an arm64 program set before there were paths is still what arm64 clients get");
        assertEquals("shimaa64.efi", file(config("arm64/ipxe.efi", null, BootPath.SHIM_GRUB, Map.of()), arm));
        assertEquals("grubaa64.efi", file(config("arm64/ipxe.efi", null, BootPath.GRUB, Map.of()), arm));
        BootDecision none = BootPolicy.decide(config(null, null, BootPath.IPXE, Map.of()), arm, SCRIPT);
        assertNull(none.bootFile(), "the iPXE path with no arm64 program: nothing to boot");
        assertTrue(none.reason().contains("no boot program set for UEFI arm64"), none.reason());
        assertEquals("ipxe.efi", file(config(null, null, BootPath.SHIM_GRUB, Map.of()), pxe(Firmware.UEFI_X64, 7)),
                "each firmware has its own path");
    }

    @Test
    void aClientsOwnBootFileAndTheIpxeRuleStillWin() {
        BootConfig secure = config(null, BootPath.SHIM_GRUB, BootPath.SHIM_GRUB, Map.of(MAC, new HostBoot(null, "snponly.efi", null, null)));
        assertEquals("snponly.efi", file(secure, pxe(Firmware.UEFI_X64, 7)));
        ClientInfo ipxe = new ClientInfo(MAC, 1, Firmware.UEFI_X64, 7, "PXEClient:Arch:00007:UNDI:003016", "iPXE",
                new IpxeInfo("1.21.1", null, Map.of("efi", 1)), null, null);
        BootDecision d = BootPolicy.decide(config(null, BootPath.SHIM_GRUB, null, Map.of()), ipxe, SCRIPT);
        assertTrue(d.ipxeScript() && d.bootFile().startsWith(SCRIPT), "iPXE (on a machine without Secure Boot) still gets its script: " + d);
    }

    @Test
    void pathsAreNamedAsInTheSettings() {
        assertEquals(BootPath.SHIM_GRUB, BootPath.parse("shim-grub"));
        assertEquals(BootPath.SHIM_GRUB, BootPath.parse(" Shim "));
        assertEquals(BootPath.GRUB, BootPath.parse("GRUB"));
        assertEquals(BootPath.IPXE, BootPath.parse("ipxe"));
        assertNull(BootPath.parse(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BootPath.parse("pxelinux")).getMessage()
                .contains("ipxe, grub or shim-grub, not 'pxelinux'"));
    }
}
