package dev.bootbench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a file is to the boot from its name alone, and what the session's context changes. */
class FileClassifierTest {
    private static final FileClassifier.Context NOTHING_KNOWN = new FileClassifier.Context(null, null, false, false, false);

    private static FileKind byName(String file) {
        return FileClassifier.classify(file, -1, NOTHING_KNOWN);
    }

    @Test
    void stagesFromFileNames() {
        assertEquals(FileKind.BOOT_PROGRAM, byName("undionly.kpxe"));
        assertEquals(FileKind.BOOT_PROGRAM, byName("pxelinux.0"));
        assertEquals(FileKind.BOOT_PROGRAM, byName("efi64/syslinux.efi"));
        assertEquals(FileKind.SCRIPT, byName("pxelinux.cfg/default"));
        assertEquals(FileKind.SCRIPT, byName("boot.ipxe"));
        assertEquals(FileKind.KERNEL, byName("ubuntu/casper/vmlinuz"));
        assertEquals(FileKind.INITRD, byName("ubuntu/casper/initrd"));
        assertEquals(FileKind.INITRD, byName("images/initramfs-6.1.img"));
        assertEquals(FileKind.OTHER, byName("ldlinux.c32"));
    }

    @Test
    void aUefiHttpBootProgramGivenAsAUrlIsItsPath() {
        // UEFI HTTP Boot: DHCP gave a URL; the firmware's GET is of its path
        FileClassifier.Context c = new FileClassifier.Context("http://10.77.0.1:8080/x64/ipxe.efi", "http://10.77.0.1/boot.ipxe", true, false, false);
        assertEquals(FileKind.BOOT_PROGRAM, FileClassifier.classify("x64/ipxe.efi", 1_000_000, c));
        assertEquals(FileKind.OTHER, FileClassifier.classify("arm64/ipxe.efi", 1_000_000, c), "another folder's program is not it");
    }

    @Test
    void anEfiProgramAfterTheScriptIsNoBootProgram() {
        // iPXE loading another EFI program (e.g. a shim or memtest) does not send the boot back to its first stage
        FileClassifier.Context afterScript = new FileClassifier.Context("ipxe.efi", "http://10.77.0.1/boot/menu?arch=efi", true, false, false);
        assertEquals(FileKind.OTHER, FileClassifier.classify("tools/memtest.efi", 200_000, afterScript));
        assertEquals(FileKind.BOOT_PROGRAM, FileClassifier.classify("ipxe.efi", 1_000_000, afterScript), "the boot program DHCP gave stays one");
        assertEquals(FileKind.SCRIPT, FileClassifier.classify("/boot/menu", 900, afterScript), "the path of the script's URL");
    }
}
