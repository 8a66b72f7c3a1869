package dev.bootbench.qemu;

import dev.bootbench.testlab.QemuGuest.Firmware;
import dev.bootbench.testlab.QemuGuest.Nic;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PXE firmware's own boot menu (option 43's 6/8/9/10, {@code serve --pxe-item}), for real: the firmware shows the
 * prompt with its countdown, nobody presses F8, it takes the default item (sent first, though it is not the first
 * configured), asks our boot server for it on port 4011 (a DHCPREQUEST with 43.71, answered with the item's program and
 * 43.71 echoed), loads that program over TFTP, and the iPXE it chainloads gets the script (not the menu again: it was
 * loaded exactly once) and boots the kernel to the marker.
 *
 * <p>Every PXE firmware Bootbench boots under QEMU honours the menu: QEMU's iPXE ROM under SeaBIOS, OVMF's own PXE and
 * AAVMF's (arm64).
 */
@Tag("qemu")
class PxeBootMenuIT {
    static final String PROMPT = "Bootbench firmware menu";

    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    static RealBoot.Scenario menu(String tag, String program, String defaultLabel, List<String> items) {
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        for (String i : items) s.serveOptions.addAll(List.of("--pxe-item", i));
        s.serveOptions.addAll(List.of("--pxe-prompt", PROMPT, "--pxe-timeout", "3", "--pxe-default", defaultLabel));
        s.bootProgram = program;
        s.mustShow = PROMPT; // the firmware showed the prompt on its console
        s.serveLogMustShow.add("(boot server: firmware menu item '" + defaultLabel + "'"); // the port-4011 exchange
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        return s;
    }

    static RealBoot.Scenario seabios(String tag, String mac) {
        RealBoot.Scenario s = menu(tag, "undionly.kpxe", "Boot iPXE",
                List.of("bios:Local disk:local", "bios:Boot iPXE:undionly.kpxe", "bios:Windows (WDS):server=10.77.0.9",
                        "x64:iPXE EFI:ipxe.efi"));
        s.firmware = Firmware.BIOS;
        s.nic = Nic.E1000;
        s.mac = mac;
        return s;
    }

    static RealBoot.Scenario ovmf(String tag, String mac) {
        RealBoot.Scenario s = menu(tag, "ipxe.efi", "iPXE EFI",
                List.of("x64:Local disk:local", "x64:syslinux:efi64/syslinux.efi", "x64:iPXE EFI:ipxe.efi", "bios:Boot iPXE:undionly.kpxe"));
        s.firmware = Firmware.OVMF;
        s.nic = Nic.VIRTIO_NO_ROM;
        s.mac = mac;
        s.sessionFirmware = "UEFI_X64";
        return s;
    }

    @Test
    void seabiosIpxeRomTakesTheDefaultItemAfterTheTimeout() throws Exception {
        RealBoot.run(seabios("bios-ipxe-rom-pxe-menu", "52:54:00:77:00:31"));
    }

    @Test
    void ovmfPxeTakesTheDefaultItemAfterTheTimeout() throws Exception {
        RealBoot.run(ovmf("uefi-pxe-menu-ipxe.efi", "52:54:00:77:00:32"));
    }

    /** arm64: AAVMF's own PXE, with the menu's arm64 item GRUB (grubaa64.efi), which reads the grub.cfg made for it. */
    @Test
    void aavmfPxeTakesTheDefaultItemAfterTheTimeout() throws Exception {
        dev.bootbench.testlab.BootAssets.requireArm64();
        RealBoot.Scenario s = menu("arm64-uefi-pxe-menu-grub", "grubaa64.efi", "GRUB",
                List.of("arm64:Local disk:local", "arm64:GRUB:grubaa64.efi", "x64:iPXE EFI:ipxe.efi"));
        s.firmware = Firmware.AAVMF;
        s.nic = Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:35";
        s.loader = RealBoot.Loader.GRUB;
        s.menu = Arm64BootIT.menu(s.tag);
        s.sessionFirmware = "UEFI_ARM64";
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        RealBoot.run(s);
    }

    /** Beside another DHCP server (dnsmasq gives the address): the menu comes in our proxyDHCP offer. */
    @Test
    void proxyDhcpSeabiosIpxeRomTakesTheDefaultItemAfterTheTimeout() throws Exception {
        RealBoot.Scenario s = seabios("proxy-bios-ipxe-rom-pxe-menu", "52:54:00:77:00:33");
        s.proxy = true;
        RealBoot.run(s);
    }

    @Test
    void proxyDhcpOvmfPxeTakesTheDefaultItemAfterTheTimeout() throws Exception {
        RealBoot.Scenario s = ovmf("proxy-uefi-pxe-menu-ipxe.efi", "52:54:00:77:00:34");
        s.proxy = true;
        RealBoot.run(s);
    }
}
