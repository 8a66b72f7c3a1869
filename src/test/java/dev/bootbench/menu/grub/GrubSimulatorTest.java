package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.FinalAction.Kind;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.SimulationResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrubSimulatorTest {
    static final ClientProfile BIOS = ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withNetwork("52:54:00:aa:bb:cc", "10.0.0.50", "10.0.0.1");
    static final ClientProfile EFI = ClientProfile.of(Platform.EFI, Arch.X86_64).withNetwork("52:54:00:aa:bb:cc", "10.0.0.50", "10.0.0.1");
    static final ClientProfile ARM = ClientProfile.of(Platform.EFI, Arch.ARM64).withNetwork("52:54:00:aa:bb:cc", "10.0.0.50", "10.0.0.1");

    static SimulationResult run(String text, ClientProfile c) {
        return GrubSimulator.run(GrubParser.parse("grub.cfg", text), c);
    }

    static final String MENU = """
            set timeout=5
            set default=linux
            menuentry "Linux on $grub_cpu" --id linux {
                linux /images/$grub_cpu/vmlinuz console=ttyS0 BOOTIF=$net_default_mac ip=${net_default_ip}
                initrd /images/$grub_cpu/initrd.img /images/extra.cpio
            }
            if [ "$grub_platform" = pc ]; then
                menuentry 'Memtest (BIOS)' --id memtest {
                    linux16 /memdisk iso raw
                    initrd16 /memtest.iso
                }
            fi
            if [ x$grub_platform = xefi ]; then
                menuentry 'iPXE' --id ipxe { chainloader (tftp)/ipxe.efi }
            fi
            menuentry 'BIOS program' --id bad { linux16 /memdisk }
            submenu 'More' --id more {
                set default=1
                menuentry 'Reboot' --id reboot { reboot }
                menuentry 'Power off' --id halt { halt }
            }
            """;

    @Test
    void eachPlatformSeesItsMenuAndBootsTheDefault() {
        SimulationResult bios = run(MENU, BIOS);
        Screen s = bios.screens().get(0);
        assertEquals(List.of("linux", "memtest", "bad", "more"), s.itemIds());
        assertEquals("Linux on i386", s.lines().get(0).text());
        assertEquals("linux", s.defaultId());
        assertEquals(5000, s.timeoutMs());
        assertEquals(new FinalAction(Kind.BOOT, "/images/i386/vmlinuz", "console=ttyS0 BOOTIF=52:54:00:aa:bb:cc ip=10.0.0.50",
                List.of("/images/i386/initrd.img", "/images/extra.cpio"), ""), bios.action());

        SimulationResult efi = run(MENU, EFI);
        assertEquals(List.of("linux", "ipxe", "bad", "more"), efi.screens().get(0).itemIds());
        assertEquals("/images/x86_64/vmlinuz", efi.action().target());

        SimulationResult arm = run(MENU, ARM);
        assertEquals(List.of("linux", "ipxe", "bad", "more"), arm.screens().get(0).itemIds());
        assertEquals("/images/arm64/vmlinuz", arm.action().target());
    }

    @Test
    void choicesSubmenusAndWhatEachEntryDoes() {
        assertEquals(new FinalAction(Kind.BOOT, "/memdisk", "iso raw", List.of("/memtest.iso"), ""), run(MENU, BIOS.withChoices("memtest")).action());
        assertEquals(new FinalAction(Kind.CHAIN, "/ipxe.efi", "", List.of(), ""), run(MENU, EFI.withChoices("ipxe")).action());
        // linux16 does not exist on EFI: GRUB says so and shows the menu again
        SimulationResult bad = run(MENU, EFI.withChoices("bad"));
        assertEquals(Kind.STOPPED, bad.action().kind());
        assertTrue(bad.console().stream().anyMatch(l -> l.startsWith("error: can't find command `linux16'")), bad.console().toString());
        // a submenu's own default; Esc goes back up
        SimulationResult more = run(MENU, BIOS.withChoices("more"));
        assertEquals(2, more.screens().size());
        assertEquals("halt", more.screens().get(1).defaultId());
        assertEquals(Kind.POWEROFF, more.action().kind());
        SimulationResult back = run(MENU, BIOS.withChoices("more", "esc", "more", "reboot"));
        assertEquals(Kind.REBOOT, back.action().kind());
        assertEquals(4, back.screens().size());
        // by title, and by number
        assertEquals(Kind.REBOOT, run(MENU, BIOS.withChoices("More", "Reboot")).action().kind());
        assertEquals(Kind.FAILED, run(MENU, BIOS.withChoices("nothing")).action().kind());
    }

    @Test
    void defaultsTimeoutsAndEmptyMenus() {
        // a path through a submenu
        SimulationResult path = run(MENU.replace("set default=linux", "set default='more>reboot'").replace("    set default=1\n", ""), BIOS);
        assertEquals(Kind.REBOOT, path.action().kind());
        // timeout 0: no menu drawn
        SimulationResult quick = run(MENU.replace("set timeout=5", "set timeout=0"), BIOS);
        assertEquals(List.of(), quick.screens());
        assertEquals(Kind.BOOT, quick.action().kind());
        // a default naming nothing: the first entry
        SimulationResult none = run(MENU.replace("set default=linux", "set default=nope"), EFI);
        assertEquals("linux", none.screens().get(0).defaultId());
        assertTrue(none.findings().stream().anyMatch(f -> f.code().equals("default-no-entry")));
        // no entries at all: GRUB's command line
        assertEquals(Kind.SHELL, run("set timeout=5\n", BIOS).action().kind());
        // an entry that loads nothing brings the menu back
        SimulationResult nothing = run("menuentry '--- x ---' { true }\nmenuentry 'L' --id l { linux /k }\n", BIOS.withChoices("--- x ---", "l"));
        assertEquals(Kind.BOOT, nothing.action().kind());
        assertEquals(2, nothing.screens().size());
    }

    @Test
    void scriptsFunctionsSourcesAndConfigfiles() {
        Map<String, String> files = Map.of(
                "grub/vars.cfg", "set kopts='quiet splash'\nfunction pick { if [ \"$1\" = efi ]; then set k=/efi/vmlinuz; else set k=/bios/vmlinuz; fi; }\n",
                "grub/more.cfg", "set timeout=1\nmenuentry 'Other menu' --id other { linux (http,10.0.0.9)/k $kopts }\n");
        String text = """
                source $prefix/vars.cfg
                pick $grub_platform
                for i in 1 2 3; do set last=$i; done
                menuentry "Boot $last" --id b { linux $k $kopts n=$last }
                menuentry 'More' --id more { configfile /grub/more.cfg }
                """;
        GrubSimulator.Options o = new GrubSimulator.Options(p -> Optional.ofNullable(files.get(p)), 0);
        SimulationResult r = GrubSimulator.run(GrubParser.parse("g", text), EFI, o);
        assertEquals("Boot 3", r.screens().get(0).lines().get(0).text());
        assertEquals(new FinalAction(Kind.BOOT, "/efi/vmlinuz", "quiet splash n=3", List.of(), ""), r.action());
        assertEquals("/bios/vmlinuz", GrubSimulator.run(GrubParser.parse("g", text), BIOS, o).action().target());
        SimulationResult more = GrubSimulator.run(GrubParser.parse("g", text), EFI.withChoices("more"), o);
        assertEquals(new FinalAction(Kind.BOOT, "http://10.0.0.9/k", "quiet splash", List.of(), ""), more.action());
        assertEquals(List.of("other"), more.screens().get(1).itemIds());
        assertTrue(more.console().contains("tftp grub/more.cfg"), more.console().toString());
    }

    @Test
    void loopsStop() {
        SimulationResult r = run("while true; do echo x; done\n", BIOS);
        assertEquals(Kind.STOPPED, r.action().kind());
        SimulationResult f = run("function f { f; }\nf\n", BIOS);
        assertEquals(Kind.STOPPED, f.action().kind());
    }

    @Test
    void theDistributionShapes() {
        SimulationResult d = GrubSimulator.run(GrubParser.parse("d", Fixtures.resource("grub/debian-netboot.cfg")), EFI.withChoices("Install"));
        assertEquals(new FinalAction(Kind.BOOT, "/debian-installer/amd64/linux", "vga=788 --- quiet", List.of("/debian-installer/amd64/initrd.gz"), ""),
                d.action());
        SimulationResult u = GrubSimulator.run(GrubParser.parse("u", Fixtures.resource("grub/ubuntu-netboot.cfg")), EFI);
        assertEquals("ip=dhcp url=http://10.0.0.1/ubuntu.iso autoinstall ---", u.action().args());
        assertEquals(List.of("Install Ubuntu Server", "plain", "Boot from next volume", "UEFI Firmware Settings"), u.screens().get(0).itemIds());
        SimulationResult ub = GrubSimulator.run(GrubParser.parse("u", Fixtures.resource("grub/ubuntu-netboot.cfg")), BIOS);
        assertEquals(2, ub.screens().get(0).itemIds().size(), "the EFI entries are not offered on BIOS");
        // Fedora's linuxefi exists on EFI only
        SimulationResult f = GrubSimulator.run(GrubParser.parse("f", Fixtures.resource("grub/fedora-pxe.cfg")), BIOS);
        assertEquals(Kind.STOPPED, f.action().kind());
        SimulationResult fe = GrubSimulator.run(GrubParser.parse("f", Fixtures.resource("grub/fedora-pxe.cfg")), EFI);
        assertEquals("/images/pxeboot/vmlinuz", fe.action().target());
        assertTrue(fe.action().args().contains("rd.live.check"), fe.action().args());
    }
}
