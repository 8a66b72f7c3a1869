package dev.bootbench.qemu;

import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.QemuGuest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real 32-bit UEFI boot: OVMF ia32 (option 93 = 6) gets the boot program set for ia32 UEFI clients,
 * efi32/syslinux.efi, which reads its core module and the pxelinux.cfg menu from efi32/ and boots Debian's
 * i686 kernel with a busybox initramfs of Debian's i386 busybox-static (both from Debian's i386 packages at test
 * time). There is no ia32 iPXE in Debian: syslinux is the way such a machine (tablets, early Atom boards) boots.
 */
@Tag("qemu")
class Ia32UefiBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        BootAssets.requireIa32();
        BootAssets.ia32Kernel();
        BootAssets.ia32Initrd();
    }

    @Test
    void ia32UefiBootsSyslinuxEfiToTheI686Kernel() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("uefi-ia32-syslinux.efi");
        s.firmware = QemuGuest.Firmware.OVMF_IA32;
        s.nic = QemuGuest.Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:32";
        s.loader = RealBoot.Loader.PXELINUX;
        s.bootProgram = "efi32/syslinux.efi";
        s.pxelinuxDir = "efi32/";
        s.serveOptions.addAll(List.of("--uefi-ia32-boot", "efi32/syslinux.efi"));
        s.sessionFirmware = "UEFI_IA32";
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "KERNEL", "INITRD", "BOOTING");
        RealBoot.run(s);
    }
}
