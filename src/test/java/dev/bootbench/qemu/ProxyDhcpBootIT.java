package dev.bootbench.qemu;

import dev.bootbench.testlab.QemuGuest.Nic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The iPXE boots again with Bootbench as proxyDHCP beside dnsmasq, which hands out addresses only
 * (no PXE options) from a namespace of its own on the same bridge.
 */
@Tag("qemu")
class ProxyDhcpBootIT {
    @BeforeAll
    static void preconditions() throws Exception {
        RealBoot.requirePreconditions();
    }

    private static RealBoot.Scenario proxy(RealBoot.Scenario s) {
        s.proxy = true;
        return s;
    }

    @Test
    void biosIpxeRomE1000() throws Exception {
        RealBoot.run(proxy(IpxeBootIT.biosRom("proxy-bios-ipxe-rom-e1000", Nic.E1000, "52:54:00:77:00:11")));
    }

    @Test
    void biosIpxeRomVirtio() throws Exception {
        RealBoot.run(proxy(IpxeBootIT.biosRom("proxy-bios-ipxe-rom-virtio", Nic.VIRTIO, "52:54:00:77:00:12")));
    }

    @Test
    void ovmfPxeToIpxeEfi() throws Exception {
        RealBoot.run(proxy(IpxeBootIT.ovmfChain("proxy-uefi-pxe-ipxe.efi", "ipxe.efi", "52:54:00:77:00:13")));
    }

    @Test
    void ovmfPxeToSnponlyEfi() throws Exception {
        RealBoot.run(proxy(IpxeBootIT.ovmfChain("proxy-uefi-pxe-snponly.efi", "snponly.efi", "52:54:00:77:00:14")));
    }
}
