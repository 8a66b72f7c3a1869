package dev.bootbench.qemu;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.QemuGuest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real arm64 boots: an arm64 machine with AAVMF (arm64 UEFI) network-boots through Bootbench on its arm64 paths, to
 * Debian's arm64 kernel and a busybox initramfs of Debian's arm64 busybox-static, everything taken from Debian's arm64
 * packages at test time. The default path: Debian's signed GRUB network image as grubaa64.efi (what arm64 UEFI clients
 * get when no program is set for them), which reads the grub.cfg Bootbench makes for the client from the published
 * menu. The Secure Boot path: AAVMF with Microsoft's keys, the Microsoft-signed shimaa64.efi loading that GRUB from
 * beside itself, which boots the signed kernel.
 */
@Tag("qemu")
class Arm64BootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        BootAssets.requireArm64();
        BootAssets.arm64Kernel();
        BootAssets.arm64Initrd();
        BootAssets.arm64GrubNet();
        BootAssets.arm64Shim();
    }

    static Menu menu(String tag) {
        return Menu.builder("Bootbench arm64 test " + tag).defaultEntry("linux").timeoutMs(1000)
                .entry("linux", "Boot the arm64 test kernel", new BootAction.Linux("vmlinuz", List.of("initrd.img"),
                        "console=ttyAMA0 panic=-1 bootbench.tag=" + tag))
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
    }

    @Test
    void grubIsArm64sDefaultAndBootsTheArm64KernelFromThePublishedMenu() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("arm64-uefi-grub");
        s.firmware = QemuGuest.Firmware.AAVMF;
        s.nic = QemuGuest.Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:71";
        s.loader = RealBoot.Loader.GRUB;
        s.menu = menu(s.tag);
        // no --arm64-path: GRUB is the default of arm64 UEFI clients (option 93 = 11)
        s.bootProgram = "grubaa64.efi";
        s.sessionFirmware = "UEFI_ARM64";
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        s.pathShown = List.of("GRUB", "kernel", "initrd", "booting");
        // AAVMF's own variables: Secure Boot off, as the default path assumes (the kernel reads it from the firmware)
        s.mustShow = "secureboot: Secure boot disabled";
        RealBoot.run(s);
    }

    @Test
    void shimLoadsGrubWhichBootsTheSignedArm64KernelWithSecureBootOn() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("arm64-uefi-secureboot-shim-grub");
        s.firmware = QemuGuest.Firmware.AAVMF_SECURE_BOOT;
        s.nic = QemuGuest.Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:72";
        s.loader = RealBoot.Loader.GRUB;
        s.menu = menu(s.tag);
        s.bootProgram = "shimaa64.efi";
        s.sessionFirmware = "UEFI_ARM64";
        s.serveOptions.addAll(List.of("--arm64-path", "shim-grub"));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        // the kernel's own word that the firmware had Secure Boot on (it reads the SecureBoot variable before anything runs)
        s.mustShow = "secureboot: Secure boot enabled";
        s.pathShown = List.of("shim", "GRUB", "kernel", "initrd", "booting");
        RealBoot.run(s);
    }
}
