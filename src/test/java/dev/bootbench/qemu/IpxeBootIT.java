package dev.bootbench.qemu;

import dev.bootbench.testlab.QemuGuest.Firmware;
import dev.bootbench.testlab.QemuGuest.Nic;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots through iPXE, Bootbench being the only DHCP server: QEMU's own iPXE ROM under SeaBIOS,
 * and OVMF's own PXE chainloading ipxe.efi or snponly.efi over TFTP (the loop-breaking path), each
 * to the HTTP script, kernel and initrd; and a script menu whose timeout boots its default entry.
 */
@Tag("qemu")
class IpxeBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    static RealBoot.Scenario biosRom(String tag, Nic nic, String mac) {
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        s.firmware = Firmware.BIOS;
        s.nic = nic;
        s.mac = mac;
        // the ROM is iPXE: its first DHCP already gets the script
        s.stages = List.of("DHCP|IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        return s;
    }

    static RealBoot.Scenario ovmfChain(String tag, String program, String mac) {
        RealBoot.Scenario s = new RealBoot.Scenario(tag);
        s.firmware = Firmware.OVMF;
        s.nic = Nic.VIRTIO_NO_ROM;
        s.mac = mac;
        s.bootProgram = program;
        s.serveOptions.addAll(List.of("--uefi-boot", program));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        return s;
    }

    @Test
    void biosIpxeRomE1000() throws Exception {
        RealBoot.run(biosRom("bios-ipxe-rom-e1000", Nic.E1000, "52:54:00:77:00:01"));
    }

    @Test
    void biosIpxeRomVirtio() throws Exception {
        RealBoot.run(biosRom("bios-ipxe-rom-virtio", Nic.VIRTIO, "52:54:00:77:00:02"));
    }

    @Test
    void ovmfPxeToIpxeEfi() throws Exception {
        RealBoot.run(ovmfChain("uefi-pxe-ipxe.efi", "ipxe.efi", "52:54:00:77:00:03"));
    }

    @Test
    void ovmfPxeToSnponlyEfi() throws Exception {
        RealBoot.run(ovmfChain("uefi-pxe-snponly.efi", "snponly.efi", "52:54:00:77:00:04"));
    }

    @Test
    void scriptMenuTimeoutBootsDefault() throws Exception {
        RealBoot.Scenario s = biosRom("bios-ipxe-menu-timeout", Nic.E1000, "52:54:00:77:00:05");
        s.ipxeTemplate = RealBoot.menuScript(s.tag);
        s.mustShow = "Bootbench real-boot test menu"; // SeaBIOS's serial console carries the iPXE ROM's screen
        s.minScriptToKernelMillis = 3000; // nobody pressed a key: the default went after the timeout
        RealBoot.run(s);
    }
}
