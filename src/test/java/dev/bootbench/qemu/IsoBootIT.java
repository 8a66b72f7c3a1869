package dev.bootbench.qemu;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.testlab.BootAssets;
import dev.bootbench.testlab.QemuGuest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real boots of an ISO entry of the menu editor, as each generator writes it: a small isolinux ISO of the test kernel
 * (with an EFI boot image too) booted by iPXE's sanboot over HTTP (range requests on one kept-alive connection) on
 * BIOS and on UEFI, by memdisk through iPXE on BIOS, and by memdisk through lpxelinux.0's menu on BIOS.
 */
@Tag("qemu")
class IsoBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
        BootAssets.requireIsoTools();
    }

    static Menu menu(String tag, BootAction.Iso iso) {
        return Menu.builder("Bootbench ISO test " + tag).defaultEntry("iso").timeoutMs(1000)
                .entry("iso", "Boot the test ISO", iso)
                .entry("local", "Local disk", new BootAction.LocalDisk(null))
                .build();
    }

    static RealBoot.Scenario biosIso(String tag, String mac, BootAction.Iso iso) {
        RealBoot.Scenario s = IpxeBootIT.biosRom(tag, QemuGuest.Nic.E1000, mac);
        s.iso = true;
        s.ipxeTemplate = IpxeGenerator.generate(menu(tag, iso), GeneratedMenuBootIT.EVENT);
        s.mustShow = "Bootbench ISO test " + tag;
        return s;
    }

    @Test
    void sanbootOnBiosReadsTheIsoByRanges() throws Exception {
        RealBoot.Scenario s = biosIso("bios-ipxe-sanboot-iso", "52:54:00:77:00:51", new BootAction.Iso("tiny.iso", null, true, true));
        s.stages = List.of("DHCP|IPXE_DHCP", "SCRIPT", "BOOTING");
        s.rangeFile = "tiny.iso";
        RealBoot.run(s);
    }

    @Test
    void memdiskThroughIpxeOnBios() throws Exception {
        RealBoot.Scenario s = biosIso("bios-ipxe-memdisk-iso", "52:54:00:77:00:52", new BootAction.Iso("tiny.iso", null, true));
        s.stages = List.of("DHCP|IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        s.wholeFiles = List.of("http:memdisk", "http:tiny.iso");
        RealBoot.run(s);
    }

    @Test
    void memdiskThroughLpxelinuxOnBios() throws Exception {
        RealBoot.Scenario s = PxelinuxBootIT.bios("bios-lpxelinux-memdisk-iso", "lpxelinux.0", "52:54:00:77:00:53");
        s.iso = true;
        // what Publish writes into the served root for pxelinux clients
        s.pxelinuxConfig = PxelinuxGenerator.generate(menu(s.tag, new BootAction.Iso("tiny.iso", null, false)));
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "KERNEL", "INITRD", "BOOTING");
        s.wholeFiles = List.of("tftp:memdisk", "tftp:tiny.iso");
        RealBoot.run(s);
    }

    @Test
    void sanbootOnUefiBootsTheIsosEfiImage() throws Exception {
        RealBoot.Scenario s = IpxeBootIT.ovmfChain("uefi-ipxe-sanboot-iso", "ipxe.efi", "52:54:00:77:00:54");
        s.iso = true;
        s.ipxeTemplate = IpxeGenerator.generate(menu(s.tag, new BootAction.Iso("tiny.iso", null, true)), GeneratedMenuBootIT.EVENT);
        s.mustShow = "Bootbench ISO test " + s.tag;
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "BOOTING");
        s.rangeFile = "tiny.iso";
        RealBoot.run(s);
    }
}
