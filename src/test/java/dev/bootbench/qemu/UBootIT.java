package dev.bootbench.qemu;

import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.QemuGuest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real U-Boot boot: u-boot-qemu's arm64 U-Boot (QEMU virt machine, e1000: virtio-net reports a wrong MAC under it)
 * runs its default boot command, whose DHCP target takes the address and next-server from Bootbench, fetches
 * {@code boot.scr.uimg} over TFTP (made by Bootbench: a uImage script running {@code pxe get} and {@code pxe boot}),
 * whose lookup ends at {@code pxelinux.cfg/default}, the published menu as pxelinux's (made by Bootbench too, nothing
 * of it in the root), which boots Debian's arm64 kernel and the arm64 busybox initramfs to the marker.
 */
@Tag("qemu")
class UBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        BootAssets.requireUBootArm64();
        BootAssets.arm64Kernel();
        BootAssets.arm64Initrd();
    }

    @Test
    void uBootArm64RunsTheScriptWhichBootsThePublishedMenusArm64Kernel() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("uboot-arm64-pxe-menu");
        s.firmware = QemuGuest.Firmware.UBOOT_ARM64;
        s.nic = QemuGuest.Nic.E1000;
        s.mac = "52:54:00:77:00:81";
        s.loader = RealBoot.Loader.UBOOT;
        s.menu = Arm64BootIT.menu(s.tag);
        s.sessionFirmware = "UBOOT_ARM64";
        // DHCP, boot.scr.uimg, the menu (pxelinux.cfg/default after the lookup's misses), then U-Boot's pxe boot loads
        // the initrd before the kernel, and boots
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "SCRIPT", "INITRD", "KERNEL", "BOOTING");
        s.pathShown = List.of("U-Boot script", "initrd", "kernel", "booting");
        // U-Boot's own words: it ran our script, and its pxe command showed the published menu's title
        s.mustShow = "Bootbench: the pxelinux menu from 10.77.0.1";
        RealBoot.run(s);
    }
}
