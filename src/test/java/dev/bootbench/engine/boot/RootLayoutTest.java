package dev.bootbench.engine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.dhcp.ClientInfo;
import dev.bootbench.engine.dhcp.Firmware;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.net.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structured root (ipxe/, bios/, efi64/, grub/): what DHCP gives from it, what a flat root still gets, what a copy needs. */
class RootLayoutTest {
    static final String SCRIPT = "http://10.77.0.1/boot.ipxe";
    @TempDir Path root;

    static ClientInfo pxe(Firmware fw, int arch) {
        return new ClientInfo(MacAddress.parse("52:54:00:aa:bb:01"), 1, fw, arch, String.format("PXEClient:Arch:%05d:UNDI:003016", arch),
                null, null, null, null);
    }

    BootConfig config(String bios, String uefi, BootPath uefiPath, String prefix, Path r) {
        return BootConfig.builder().biosBoot(bios).uefiBoot(uefi).pxelinux(null, prefix).template(Path.of("templates/boot.ipxe")).uefiPath(uefiPath)
                .root(r).build();
    }

    private void put(String... names) throws IOException {
        for (String n : names) {
            Path p = root.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, n);
        }
    }

    @Test
    void aStructuredRootGivesPxelinuxFromBiosWithItsFolderAsPathPrefix() throws IOException {
        put("bios/lpxelinux.0", "bios/ldlinux.c32", "ipxe/ipxe.efi", "efi64/syslinux.efi");
        BootDecision bios = BootPolicy.decide(config("lpxelinux.0", "ipxe.efi", null, null, root), pxe(Firmware.BIOS, 0), SCRIPT);
        assertEquals("bios/lpxelinux.0", bios.bootFile());
        assertEquals("bios/", bios.pxelinuxPathPrefix(), "option 210: syslinux finds ldlinux.c32 and its modules in bios/");
        assertTrue(bios.pxelinux());
        assertTrue(bios.reason().contains("from bios/"), bios.reason());
        assertEquals("ipxe/ipxe.efi", BootPolicy.decide(config("lpxelinux.0", "ipxe.efi", null, null, root), pxe(Firmware.UEFI_X64, 7), SCRIPT).bootFile());
        BootDecision efi = BootPolicy.decide(config(null, "syslinux.efi", null, null, root), pxe(Firmware.UEFI_X64, 7), SCRIPT);
        assertEquals("efi64/syslinux.efi", efi.bootFile());
        assertEquals("efi64/", efi.pxelinuxPathPrefix());
        assertEquals("/custom/", BootPolicy.decide(config("lpxelinux.0", null, null, "/custom/", root), pxe(Firmware.BIOS, 0), SCRIPT).pxelinuxPathPrefix(),
                "a path prefix set in the settings wins");
        assertEquals("http://10.77.0.1/ipxe/ipxe.efi", BootPolicy.decide(config(null, "ipxe.efi", null, null, root), pxe(Firmware.UEFI_X64_HTTP, 16), SCRIPT).bootFile(),
                "HTTP Boot fetches it from its folder too");
    }

    @Test
    void aFlatRootIsServedAsBefore() throws IOException {
        put("lpxelinux.0", "ldlinux.c32", "undionly.kpxe", "ipxe.efi", "shimx64.efi", "grubx64.efi");
        BootDecision bios = BootPolicy.decide(config("lpxelinux.0", "ipxe.efi", null, null, root), pxe(Firmware.BIOS, 0), SCRIPT);
        assertEquals("lpxelinux.0", bios.bootFile());
        assertNull(bios.pxelinuxPathPrefix(), "no 210 for a flat root, as before");
        assertFalse(bios.pxelinux());
        assertEquals(BootPolicy.decide(config("lpxelinux.0", "ipxe.efi", null, null, null), pxe(Firmware.BIOS, 0), SCRIPT), bios,
                "the same answer as without a root");
        assertEquals("undionly.kpxe", BootPolicy.decide(config("undionly.kpxe", "ipxe.efi", null, null, root), pxe(Firmware.BIOS, 0), SCRIPT).bootFile());
        assertEquals("shimx64.efi", BootPolicy.decide(config(null, "ipxe.efi", BootPath.SHIM_GRUB, null, root), pxe(Firmware.UEFI_X64, 7), SCRIPT).bootFile());
        assertEquals("sub/lpxelinux.0", RootLayout.place("sub/lpxelinux.0", Firmware.BIOS, root), "a path set with a folder is as set");
    }

    @Test
    void secureBootGivesShimFromGrubsFolder() throws IOException {
        put("grub/shimx64.efi", "grub/grubx64.efi");
        BootDecision d = BootPolicy.decide(config(null, "ipxe.efi", BootPath.SHIM_GRUB, null, root), pxe(Firmware.UEFI_X64, 7), SCRIPT);
        assertEquals("grub/shimx64.efi", d.bootFile(), "shim and the grubx64.efi it loads side by side in grub/");
        assertNull(d.pxelinuxPathPrefix());
    }

    @Test
    void syslinuxInItsFolderFindsTheConfigAndKernelsAtTheTop() throws IOException {
        put("bios/ldlinux.c32", "pxelinux.cfg/default", "debian/linux", "bios/menu.c32");
        PathResolver r = new PathResolver(root, false);
        assertEquals("bios/ldlinux.c32", ((PathResolver.Found) r.resolve("bios/ldlinux.c32")).name());
        assertEquals("pxelinux.cfg/default", ((PathResolver.Found) r.resolve("bios/pxelinux.cfg/default")).name(),
                "pxelinux looks for its config relative to its own folder");
        assertEquals("debian/linux", ((PathResolver.Found) r.resolve("bios/debian/linux")).name());
        assertTrue(r.resolve("bios/pxelinux.cfg/01-52-54-00-aa-bb-01") instanceof PathResolver.NotFound);
        assertTrue(r.resolve("ipxe/debian/linux") instanceof PathResolver.NotFound, "only syslinux's folders fall through");
        assertTrue(r.resolve("bios/../pxelinux.cfg/default") instanceof PathResolver.Denied);
    }

    /** iPXE's and GRUB's memdisk (an ISO entry's default) comes from bios/ when only bios/ has it; a flat root's stays. */
    static dev.bootbench.engine.http.BootScriptRequest request() throws IOException {
        return new dev.bootbench.engine.http.BootScriptRequest(null, java.net.InetAddress.getByName("10.77.0.50"),
                java.net.InetAddress.getByName("10.77.0.1"), 80, Map.of());
    }

    @Test
    void theMenusMemdiskIsTheOneInBiosOfAStructuredRoot() throws IOException {
        dev.bootbench.menu.Menu menu = dev.bootbench.menu.Menu.builder("m")
                .entry("iso", "ISO", new dev.bootbench.menu.BootAction.Iso("tiny.iso", null, false)).build();
        BootCore core = new BootCore(config("undionly.kpxe", "ipxe.efi", null, null, root).withMenu(menu, "m"), new dev.bootbench.engine.EventBus());
        put("bios/memdisk");
        String script = core.script(request());
        assertTrue(script.contains("/bios/memdisk iso raw"), script);
        String grub = new String(core.generate("grub/grub.cfg", null).content(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(grub.contains("linux16 /bios/memdisk iso raw"), grub);
        put("memdisk");
        script = core.script(request());
        assertFalse(script.contains("bios/memdisk"), "a memdisk at the top of the root is used as before: " + script);
    }

    @Test
    void aCopyNeedsWhatTheConfiguredPathsLoadNotEveryModule() {
        List<String> ipxeOnly = RootLayout.needed(config("undionly.kpxe", "ipxe.efi", null, null, null));
        assertEquals(List.of("ipxe/undionly.kpxe", "ipxe/ipxe.efi", "ipxe/snponly.efi", "grub/grubaa64.efi"), ipxeOnly,
                "iPXE for BIOS and x64 UEFI, and GRUB for arm64 (its path when no arm64 program is set)");
        List<String> px = RootLayout.needed(config("lpxelinux.0", "ipxe.efi", BootPath.SHIM_GRUB, null, null));
        assertTrue(px.containsAll(List.of("bios/lpxelinux.0", "bios/ldlinux.c32", "bios/libcom32.c32", "bios/libutil.c32", "bios/menu.c32",
                "bios/vesamenu.c32", "bios/memdisk", "grub/shimx64.efi", "grub/grubx64.efi", "grub/mmx64.efi")), px.toString());
        assertFalse(px.contains("bios/pxelinux.0"), "only the pxelinux set");
        assertFalse(px.stream().anyMatch(n -> n.startsWith("ipxe/")), "x64 UEFI boots shim, nothing uses iPXE: " + px);
        assertTrue(px.size() < 20, "a dozen files, not every module: " + px);
        List<String> efi = RootLayout.needed(config(null, "syslinux.efi", null, null, null));
        assertTrue(efi.containsAll(List.of("efi64/syslinux.efi", "efi64/ldlinux.e64", "efi64/menu.c32")), efi.toString());
    }
}
