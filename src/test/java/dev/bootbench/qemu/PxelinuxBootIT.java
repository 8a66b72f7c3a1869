package dev.bootbench.qemu;

import dev.bootbench.testlab.QemuGuest.Firmware;
import dev.bootbench.testlab.QemuGuest.Nic;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots through syslinux: lpxelinux.0 and pxelinux.0 under SeaBIOS (the iPXE rule off, since
 * QEMU's BIOS ROM is iPXE), syslinux.efi under OVMF (whose firmware makes an extra plain DHCP
 * exchange that must be answered); each over TFTP to ldlinux, the pxelinux.cfg lookup, menu.c32
 * with a timeout, and the kernel and initrd.
 */
@Tag("qemu")
class PxelinuxBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    static RealBoot.Scenario bios(String tag, String program, String mac) {
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        s.firmware = Firmware.BIOS;
        s.nic = Nic.E1000;
        s.mac = mac;
        s.loader = RealBoot.Loader.PXELINUX;
        s.bootProgram = program;
        s.serveOptions.addAll(List.of("--ipxe-script=", "--bios-boot", program));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "KERNEL", "INITRD", "BOOTING");
        return s;
    }

    @Test
    void biosLpxelinux() throws Exception {
        RealBoot.run(bios("bios-lpxelinux", "lpxelinux.0", "52:54:00:77:00:06"));
    }

    @Test
    void biosPxelinux() throws Exception {
        RealBoot.run(bios("bios-pxelinux", "pxelinux.0", "52:54:00:77:00:07"));
    }

    /**
     * A root laid out by "Copy into root" (#24): {@code --bios-boot lpxelinux.0} as a bare name, the root has it in
     * bios/ only; DHCP gives bios/lpxelinux.0 with option 210 bios/, syslinux loads ldlinux.c32 and menu.c32 from bios/,
     * its pxelinux.cfg lookup in bios/ finds the root's pxelinux.cfg/default, and the kernel and initrd at the root.
     */
    static RealBoot.Scenario biosStructuredRoot(String tag, String mac) {
        RealBoot.Scenario s = bios(tag, "bios/lpxelinux.0", mac);
        s.serveOptions.clear();
        s.serveOptions.addAll(List.of("--ipxe-script=", "--bios-boot", "lpxelinux.0"));
        s.structuredRoot = true;
        s.structuredBiosBoot = "lpxelinux.0";
        s.pxelinuxDir = "bios/";
        return s;
    }

    @Test
    void biosLpxelinuxFromAStructuredRoot() throws Exception {
        RealBoot.run(biosStructuredRoot("bios-lpxelinux-structured-root", "52:54:00:77:00:09"));
    }

    static RealBoot.Scenario ovmfSyslinux(String tag, String mac) {
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        s.firmware = Firmware.OVMF;
        s.nic = Nic.VIRTIO_NO_ROM;
        s.mac = mac;
        s.loader = RealBoot.Loader.PXELINUX;
        s.bootProgram = "efi64/syslinux.efi";
        s.pxelinuxDir = "efi64/";
        s.serveOptions.addAll(List.of("--uefi-boot", "efi64/syslinux.efi"));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "KERNEL", "INITRD", "BOOTING");
        return s;
    }

    @Test
    void ovmfSyslinuxEfi() throws Exception {
        RealBoot.run(ovmfSyslinux("uefi-syslinux.efi", "52:54:00:77:00:08"));
    }
}
