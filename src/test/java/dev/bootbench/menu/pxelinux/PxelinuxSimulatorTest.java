package dev.bootbench.menu.pxelinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.FinalAction.Kind;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.SimulationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PxelinuxSimulatorTest {
    @Test
    void lookupOrderFollowsMacThenHexIpThenDefault() {
        ClientProfile c = ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withNetwork("88:99:AA:BB:CC:DD", "192.168.2.91", null);
        assertEquals(List.of("pxelinux.cfg/01-88-99-aa-bb-cc-dd", "pxelinux.cfg/C0A8025B", "pxelinux.cfg/C0A8025", "pxelinux.cfg/C0A802",
                "pxelinux.cfg/C0A80", "pxelinux.cfg/C0A8", "pxelinux.cfg/C0A", "pxelinux.cfg/C0", "pxelinux.cfg/C", "pxelinux.cfg/default"),
                PxelinuxSimulator.lookupOrder(c));
    }

    @Test
    void theMostSpecificFileWins() {
        ClientProfile c = ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withNetwork("88:99:aa:bb:cc:dd", "192.168.2.91", null);
        Map<String, String> files = new HashMap<>();
        files.put("pxelinux.cfg/default", "DEFAULT a\nLABEL a\n  LOCALBOOT 0\n");
        files.put("pxelinux.cfg/C0A802", "DEFAULT b\nLABEL b\n  KERNEL subnet-kernel\n");
        SimulationResult r = PxelinuxSimulator.run(c, n -> Optional.ofNullable(files.get(n)));
        assertEquals(new FinalAction(Kind.BOOT, "subnet-kernel", "", List.of(), ""), r.action());
        assertEquals("tftp pxelinux.cfg/C0A802", r.console().get(r.console().size() - 1));
        files.put("pxelinux.cfg/01-88-99-aa-bb-cc-dd", "DEFAULT c\nLABEL c\n  COM32 reboot.c32\n");
        assertEquals(Kind.REBOOT, PxelinuxSimulator.run(c, n -> Optional.ofNullable(files.get(n))).action().kind());
        assertEquals(Kind.FAILED, PxelinuxSimulator.run(c, n -> Optional.empty()).action().kind());
    }

    @Test
    void seedConfigMenuAndActions() {
        Map<String, String> files = Map.of("pxelinux.cfg/default", Fixtures.seed("pxelinux-default.cfg"));
        for (Platform p : Platform.values()) {
            for (Arch a : Arch.values()) {
                ClientProfile c = ClientProfile.of(p, a);
                SimulationResult def = PxelinuxSimulator.run(c, n -> Optional.ofNullable(files.get(n)));
                assertEquals("local", def.screens().get(0).defaultId());
                assertEquals(10000, def.screens().get(0).timeoutMs());
                assertNull(def.screens().get(0).title());
                assertEquals(List.of("slitaz", "memtest", "local", "reboot", "apagar"), def.screens().get(0).itemIds());
                assertEquals("Slitaz", def.screens().get(0).lines().get(0).text());
                assertEquals(FinalAction.of(Kind.LOCALBOOT, "-1"), def.action());
                assertEquals("Arranque por red del dpto. de Informatica", def.console().get(def.console().size() - 1));
                SimulationResult slitaz = PxelinuxSimulator.run(c.withChoices("slitaz"), n -> Optional.ofNullable(files.get(n)));
                assertEquals(new FinalAction(Kind.BOOT, "../ssoo/slitaz/bzImage",
                        "lang=es_ES kmap=es rw root=/dev/null vga=normal autologin BOOT_IMAGE=../ssoo/slitaz/bzImage", List.of("../ssoo/slitaz/rootfs.gz"), ""),
                        slitaz.action());
                assertEquals(Kind.REBOOT, PxelinuxSimulator.run(c.withChoices("reboot"), n -> Optional.ofNullable(files.get(n))).action().kind());
                assertEquals(Kind.POWEROFF, PxelinuxSimulator.run(c.withChoices("apagar"), n -> Optional.ofNullable(files.get(n))).action().kind());
                assertEquals(Kind.FAILED, PxelinuxSimulator.run(c.withChoices("nothere"), n -> Optional.ofNullable(files.get(n))).action().kind());
            }
        }
    }

    @Test
    void generatedMenuWithSubmenuAndIsoOnBothPlatforms() {
        PxelinuxGenerator.Output out = PxelinuxGenerator.generate(Fixtures.pxelinuxMenu(), PxelinuxGenerator.Options.defaults());
        Map<String, String> files = new HashMap<>();
        out.files().forEach((k, v) -> files.put(k.equals("default") ? "pxelinux.cfg/default" : k, v));
        ClientProfile bios = ClientProfile.of(Platform.PCBIOS, Arch.I386);
        SimulationResult r = PxelinuxSimulator.run(bios.withChoices("tools", "memtest"), n -> Optional.ofNullable(files.get(n)));
        assertEquals(2, r.screens().size());
        assertEquals("Tools", r.screens().get(1).title());
        assertEquals(new FinalAction(Kind.BOOT, "memdisk", "iso raw", List.of("tools/memtest.iso"), ""), r.action());
        SimulationResult efi = PxelinuxSimulator.run(ClientProfile.of(Platform.EFI, Arch.X86_64).withChoices("tools", "memtest"), n -> Optional.ofNullable(files.get(n)));
        assertEquals(Kind.FAILED, efi.action().kind());
        SimulationResult deb = PxelinuxSimulator.run(bios, n -> Optional.ofNullable(files.get(n)));
        assertEquals(new FinalAction(Kind.BOOT, "debian/linux", "vga=788 priority=low", List.of("debian/initrd.gz", "debian/firmware.cpio.gz"), ""), deb.action());
        assertEquals(List.of("debian", "memtest86", "winpe", "wds", "ipxe", "tools", "disk", "next", "reboot", "poweroff"), deb.screens().get(0).itemIds());
        assertEquals(new FinalAction(Kind.CHAIN, "10.0.1.22::boot/x64/wdsnbp.com", "-W", List.of(), ""),
                PxelinuxSimulator.run(bios.withChoices("wds"), n -> Optional.ofNullable(files.get(n))).action());
        assertEquals(FinalAction.of(Kind.LOCALBOOT, "0"), PxelinuxSimulator.run(bios.withChoices("disk"), n -> Optional.ofNullable(files.get(n))).action());
    }

    @Test
    void configLoopsStop() {
        Map<String, String> files = Map.of("pxelinux.cfg/default", "DEFAULT a\nLABEL a\n  CONFIG pxelinux.cfg/default\n");
        assertEquals(Kind.STOPPED, PxelinuxSimulator.run(ClientProfile.of(Platform.PCBIOS, Arch.I386), n -> Optional.ofNullable(files.get(n))).action().kind());
    }
}
