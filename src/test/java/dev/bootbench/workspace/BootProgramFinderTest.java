package dev.bootbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.workspace.BootProgramFinder.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootProgramFinderTest {
    @TempDir Path fs;

    private Path put(String path, int size) throws IOException {
        Path p = fs.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        return p;
    }

    @Test
    void nothingInstalledMeansEverythingMissing() {
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.found().isEmpty());
        assertEquals(List.of("undionly.kpxe"), r.missing().get(Group.BIOS));
        assertEquals(List.of("ipxe.efi or snponly.efi"), r.missing().get(Group.UEFI));
        assertEquals(5, r.missing().get(Group.PXELINUX).size());
        assertFalse(r.complete(Group.SYSLINUX_EFI));
    }

    @Test
    void findsDebiansPackages() throws IOException {
        put("usr/lib/ipxe/undionly.kpxe", 70_000);
        put("usr/lib/ipxe/snponly.efi", 200_000);
        put("usr/lib/PXELINUX/pxelinux.0", 42_000);
        for (String m : List.of("ldlinux.c32", "libcom32.c32", "libutil.c32", "vesamenu.c32")) put("usr/lib/syslinux/modules/bios/" + m, 1000);
        put("usr/lib/SYSLINUX.EFI/efi64/syslinux.efi", 200_000);
        for (String m : List.of("ldlinux.e64", "libcom32.c32", "libutil.c32", "menu.c32")) put("usr/lib/syslinux/modules/efi64/" + m, 2000);
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        for (Group g : List.of(Group.BIOS, Group.UEFI, Group.PXELINUX, Group.SYSLINUX_EFI)) assertTrue(r.complete(g), g + " " + r.missing().get(g));
        assertEquals(List.of("shimx64.efi", "grubx64.efi"), r.missing().get(Group.SECURE_BOOT_X64), "no shim-signed, no grub-efi-amd64-signed");
        assertEquals(List.of("grubaa64.efi"), r.missing().get(Group.ARM64));
        assertTrue(r.found().stream().anyMatch(f -> f.target().equals("efi64/libcom32.c32") && f.size() == 2000));
        assertTrue(r.found().stream().anyMatch(f -> f.target().equals("bios/libcom32.c32") && f.size() == 1000));
        assertTrue(r.found().stream().anyMatch(f -> f.target().equals("efi64/syslinux.efi")));
    }

    @Test
    void findsFedorasAndArchsPlaces() throws IOException {
        put("usr/share/ipxe/ipxe.efi", 100);
        put("usr/share/syslinux/pxelinux.0", 100);
        put("usr/share/syslinux/ldlinux.c32", 100);
        put("usr/lib/syslinux/bios/menu.c32", 100);
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.complete(Group.UEFI));
        assertEquals(List.of("undionly.kpxe"), r.missing().get(Group.BIOS));
        assertEquals(List.of("libcom32.c32", "libutil.c32"), r.missing().get(Group.PXELINUX));
    }

    @Test
    void aPickedFolderComesFirst() throws IOException {
        put("usr/lib/ipxe/undionly.kpxe", 100);
        Path mine = put("mine/undionly.kpxe", 555).getParent();
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of(mine, fs.resolve("not-there"))).scan();
        BootProgramFinder.Found f = r.found().stream().filter(x -> x.name().equals("undionly.kpxe")).findFirst().orElseThrow();
        assertEquals(555, f.size());
        assertEquals(mine, r.searched().get(0));
    }

    @Test
    void copiesIntoTheRootAndSkipsWhatIsAlreadyThere() throws IOException {
        put("usr/lib/ipxe/undionly.kpxe", 70_000);
        put("usr/lib/syslinux/modules/efi64/ldlinux.e64", 3000);
        Path root = Files.createDirectories(fs.resolve("srv/root"));
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertEquals(List.of("efi64/ldlinux.e64", "ipxe/undionly.kpxe"), BootProgramFinder.copyInto(r.found(), root));
        assertEquals(70_000, Files.size(root.resolve("ipxe/undionly.kpxe")));
        assertEquals(3000, Files.size(root.resolve("efi64/ldlinux.e64")));
        assertEquals(List.of(), BootProgramFinder.copyInto(r.found(), root));
        try (var s = Files.list(root)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void copyingIntoAMissingRootSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> BootProgramFinder.copyInto(List.of(), fs.resolve("nope")));
        assertTrue(e.getMessage().contains("choose it in Servers"));
    }

    @Test
    void findsDebiansSignedShimAndGrubUnderTheNamesShimAsksFor() throws IOException {
        put("usr/lib/shim/shimx64.efi.signed", 1_048_504);
        put("usr/lib/shim/shimx64.efi", 1_029_134); // unsigned: never served for Secure Boot
        put("usr/lib/shim/mmx64.efi.signed", 877_992);
        put("usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed", 3_843_520);
        put("usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed", 4_183_488); // the disk image: no network, not the one
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.complete(Group.SECURE_BOOT_X64), r.missing().toString());
        assertEquals(List.of("grubaa64.efi"), r.missing().get(Group.ARM64));
        BootProgramFinder.Found shim = found(r, "grub/shimx64.efi");
        assertEquals(fs.resolve("usr/lib/shim/shimx64.efi.signed"), shim.source());
        assertEquals(1_048_504, shim.size());
        assertEquals(Group.SECURE_BOOT_X64, shim.group());
        assertEquals(fs.resolve("usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed"), found(r, "grub/grubx64.efi").source(),
                "GRUB's network image, served as the grubx64.efi shim loads from beside itself");
        assertEquals(877_992, found(r, "grub/mmx64.efi").size());
        Path root = Files.createDirectories(fs.resolve("srv/root"));
        assertEquals(List.of("grub/grubx64.efi", "grub/mmx64.efi", "grub/shimx64.efi"), BootProgramFinder.copyInto(r.found(), root));
        assertEquals(3_843_520, Files.size(root.resolve("grub/grubx64.efi")), "shim and GRUB side by side in grub/");
    }

    @Test
    void findsArm64sSignedPrograms() throws IOException {
        put("usr/lib/grub/arm64-efi-signed/grubnetaa64.efi.signed", 2_000_000);
        put("usr/lib/shim/shimaa64.efi.signed.latest", 900_000); // Ubuntu's name
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.complete(Group.ARM64));
        assertEquals(Group.ARM64, found(r, "grub/grubaa64.efi").group());
        assertEquals(900_000, found(r, "grub/shimaa64.efi").size());
        assertFalse(r.complete(Group.SECURE_BOOT_X64));
    }

    @Test
    void findsFedorasShimAndGrubOnTheEfiPartition() throws IOException {
        put("boot/efi/EFI/fedora/shimx64.efi", 950_000);
        put("boot/efi/EFI/fedora/grubx64.efi", 2_500_000);
        put("boot/efi/EFI/BOOT/BOOTX64.EFI", 950_000);
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.complete(Group.SECURE_BOOT_X64), r.missing().toString());
        assertEquals(fs.resolve("boot/efi/EFI/fedora/grubx64.efi"), found(r, "grub/grubx64.efi").source());
        assertTrue(r.searched().contains(fs.resolve("boot/efi/EFI/fedora")));
    }

    @Test
    void aPickedFolderWinsForShimAndGrubToo() throws IOException {
        put("usr/lib/shim/shimx64.efi.signed", 100);
        put("usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed", 100);
        Path mine = put("mine/shimx64.efi", 777).getParent();
        put("mine/grubnetx64.efi.signed", 888);
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of(mine)).scan();
        assertEquals(777, found(r, "grub/shimx64.efi").size());
        assertEquals(888, found(r, "grub/grubx64.efi").size());
        assertEquals(1, r.found().stream().filter(f -> f.target().endsWith("grubx64.efi")).count(), "one file per name served");
    }

    /** The copy takes what the configured paths need, into their folders, not every module (#24). */
    @Test
    void aCopyForTheConfiguredPathsLaysTheRootOutByFolderWithoutEveryModule() throws IOException {
        put("usr/lib/ipxe/undionly.kpxe", 70_000);
        put("usr/lib/ipxe/ipxe.efi", 1_000_000);
        put("usr/lib/PXELINUX/lpxelinux.0", 90_000);
        put("usr/lib/PXELINUX/pxelinux.0", 42_000);
        put("usr/lib/syslinux/memdisk", 26_000);
        for (int i = 0; i < 100; i++) put("usr/lib/syslinux/modules/bios/mod" + i + ".c32", 100);
        for (String m : List.of("ldlinux.c32", "libcom32.c32", "libutil.c32", "menu.c32", "vesamenu.c32")) put("usr/lib/syslinux/modules/bios/" + m, 1000);
        put("usr/lib/syslinux/modules/efi32/ldlinux.e32", 100);
        BootProgramFinder.Report r = new BootProgramFinder(fs, List.of()).scan();
        assertTrue(r.found().size() > 100, "the report still lists all that is there");
        assertEquals(r.found().stream().map(BootProgramFinder.Found::target).sorted().toList(),
                r.found().stream().map(BootProgramFinder.Found::target).toList(), "listed by folder and name");
        assertEquals("efi32/ldlinux.e32", found(r, "efi32/ldlinux.e32").target());
        var cfg = dev.bootbench.engine.boot.BootConfig.builder().biosBoot("lpxelinux.0").uefiBoot("ipxe.efi").template(Path.of("t")).build();
        BootProgramFinder.Plan plan = BootProgramFinder.plan(r.found(), dev.bootbench.engine.boot.RootLayout.needed(cfg));
        Path root = Files.createDirectories(fs.resolve("srv/root"));
        List<String> written = BootProgramFinder.copyInto(plan.copy(), root);
        assertTrue(written.containsAll(List.of("ipxe/undionly.kpxe", "ipxe/ipxe.efi", "bios/lpxelinux.0", "bios/ldlinux.c32", "bios/menu.c32",
                "bios/vesamenu.c32", "bios/libcom32.c32", "bios/libutil.c32", "bios/memdisk")), written.toString());
        assertFalse(written.contains("bios/pxelinux.0"), "the pxelinux not set is not copied");
        assertFalse(written.stream().anyMatch(w -> w.contains("mod")), "modules no menu uses stay out: " + written);
        try (var s = Files.list(root)) {
            assertEquals(List.of("bios", "ipxe"), s.map(p -> p.getFileName().toString()).sorted().toList(), "folders, no file at the top");
        }
        assertTrue(plan.notFound().contains("ipxe/snponly.efi"), plan.notFound().toString());
    }

    private static BootProgramFinder.Found found(BootProgramFinder.Report r, String target) {
        return r.found().stream().filter(f -> f.target().equals(target)).findFirst().orElseThrow(() -> new AssertionError("no " + target + " in " + r.found()));
    }
}
