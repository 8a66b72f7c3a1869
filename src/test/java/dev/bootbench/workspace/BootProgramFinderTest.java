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
        for (Group g : Group.values()) assertTrue(r.complete(g), g + " " + r.missing().get(g));
        assertTrue(r.found().stream().anyMatch(f -> f.target().equals("efi64/libcom32.c32") && f.size() == 2000));
        assertTrue(r.found().stream().anyMatch(f -> f.target().equals("libcom32.c32") && f.size() == 1000));
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
        assertEquals(List.of("undionly.kpxe", "efi64/ldlinux.e64"), BootProgramFinder.copyInto(r.found(), root));
        assertEquals(70_000, Files.size(root.resolve("undionly.kpxe")));
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
}
