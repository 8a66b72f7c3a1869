package dev.bootbench.qemu;

import dev.bootbench.testlab.QemuGuest.Firmware;
import dev.bootbench.testlab.QemuGuest.Nic;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real UEFI HTTP Boot, no TFTP at all: OVMF with its PXE turned off asks DHCP as an HTTP Boot client (93 = 16,
 * 60 {@code HTTPClient}), is offered 60 {@code HTTPClient} and {@code http://10.77.0.1/ipxe.efi}, fetches it over
 * HTTP (HEAD, then GET); the iPXE it runs gets the script, then the kernel and initrd, to the marker.
 */
@Tag("qemu")
class HttpBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    @Test
    void ovmfHttpBootToIpxeEfi() throws Exception {
        RealBoot.Scenario s = new RealBoot.Scenario("uefi-http-ipxe.efi");
        s.firmware = Firmware.OVMF_HTTP;
        s.nic = Nic.VIRTIO_NO_ROM;
        s.mac = "52:54:00:77:00:23";
        s.bootProgram = "ipxe.efi";
        s.bootProgramProtocol = "http";
        s.sessionFirmware = "UEFI_X64_HTTP";
        s.stages = List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING");
        RealBoot.run(s);
    }
}
