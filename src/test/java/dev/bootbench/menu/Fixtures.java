package dev.bootbench.menu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test data: the seed scripts and a menu using every entry kind. */
public final class Fixtures {
    private Fixtures() {}

    public static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/dev/bootbench/menu/" + path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares with a file under src/test/resources/dev/bootbench/menu; -Dbootbench.updateGolden=true writes it instead. */
    public static void assertGolden(String resource, String actual) throws IOException {
        if (Boolean.getBoolean("bootbench.updateGolden")) {
            java.nio.file.Path p = java.nio.file.Path.of("src/test/resources/dev/bootbench/menu", resource);
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.writeString(p, actual);
        }
        org.junit.jupiter.api.Assertions.assertEquals(resource(resource), actual);
    }

    public static String seed(String name) {
        return resource("seeds/" + name);
    }

    /** One entry of every kind, some limited to platforms or architectures, with gaps and a submenu. */
    public static Menu everyKind() {
        Menu tools = Menu.builder("Tools")
                .entry("memtest", "Memtest86+", new BootAction.Iso("tools/memtest.iso", null, false))
                .entry("gparted", "GParted live", new BootAction.Iso("tools/gparted.iso", "tools/memdisk", true))
                .build();
        return Menu.builder("Lab network boot")
                .defaultEntry("debian").timeoutMs(10000)
                .colours(new Colours(List.of(new Colours.ColourDef(4, 4, 0x191970)), List.of(new Colours.ColourPair(2, 7, 1))))
                .gap("Linux")
                .item(new Entry("debian", "Debian 12 installer", "d", List.of(), List.of(Arch.X86_64, Arch.ARM64), null,
                        new BootAction.Linux("debian/linux", List.of("debian/initrd.gz"), "vga=788 priority=low")))
                .entry("netbootxyz", "netboot.xyz", new BootAction.Chain("https://boot.netboot.xyz", true))
                .gap("Windows")
                .entry("winpe", "Windows PE", new BootAction.Wimboot("wimboot", "winpe/BCD", "winpe/boot.sdi", "winpe/boot.wim"))
                .entry("wds", "Windows Deployment Services", new BootAction.Wds("10.0.1.22"))
                .gap("")
                .item(new Entry("tools", "Tools", null, List.of(), List.of(), null, new BootAction.Submenu(tools)))
                .item(new Entry("disk", "Boot from local disk", null, List.of(Platform.PCBIOS), List.of(), null, new BootAction.LocalDisk("0x80")))
                .entry("next", "Next boot device", new BootAction.LocalDisk(null))
                .entry("shell", "iPXE shell", new BootAction.Shell())
                .entry("reboot", "Reboot", new BootAction.Reboot())
                .entry("poweroff", "Power off", new BootAction.Poweroff())
                .entry("custom", "Show the network", new BootAction.Custom("ifstat\nprompt Press a key ||", "KERNEL pxechn.c32 10.0.0.5::pxelinux.0"))
                .build();
    }

    /** The menu with the pxelinux half of custom blocks dropped: an iPXE script cannot carry it. */
    public static Menu withoutPxelinuxText(Menu m) {
        List<MenuItem> items = m.items().stream().map(i -> {
            if (i instanceof Entry e && e.action() instanceof BootAction.Custom c) return (MenuItem) e.withAction(new BootAction.Custom(c.ipxe(), ""));
            if (i instanceof Entry e && e.action() instanceof BootAction.Submenu s) return (MenuItem) e.withAction(new BootAction.Submenu(withoutPxelinuxText(s.menu())));
            return i;
        }).toList();
        return m.toBuilder().items(items).build();
    }

    /** The menu with the iPXE half of custom blocks dropped. */
    public static Menu withoutIpxeText(Menu m) {
        List<MenuItem> items = m.items().stream().map(i -> {
            if (i instanceof Entry e && e.action() instanceof BootAction.Custom c) return (MenuItem) e.withAction(new BootAction.Custom("", c.pxelinux()));
            if (i instanceof Entry e && e.action() instanceof BootAction.Submenu s) return (MenuItem) e.withAction(new BootAction.Submenu(withoutIpxeText(s.menu())));
            return i;
        }).toList();
        return m.toBuilder().items(items).build();
    }

    /** A menu pxelinux can express completely (BIOS). */
    public static Menu pxelinuxMenu() {
        Menu tools = Menu.builder("Tools")
                .entry("memtest", "Memtest86+", new BootAction.Iso("tools/memtest.iso", null, false))
                .entry("hdt", "Hardware detection", new BootAction.Custom("", "COM32 hdt.c32"))
                .build();
        return Menu.builder("Lab network boot")
                .defaultEntry("debian").timeoutMs(15000).pxelinuxUi("vesamenu.c32")
                .pxelinuxGlobals("MENU BACKGROUND splash.png\nF1 help.txt")
                .gap("Linux")
                .item(new Entry("debian", "Debian 12 installer", "d", List.of(), List.of(), null,
                        new BootAction.Linux("debian/linux", List.of("debian/initrd.gz", "debian/firmware.cpio.gz"), "vga=788 priority=low")))
                .entry("memtest86", "Memtest86+ (bin)", new BootAction.Linux("tools/memtest86+.bin", List.of(), ""))
                .gap("Windows")
                .entry("winpe", "Windows PE", new BootAction.Wimboot("wimboot", "winpe/BCD", "winpe/boot.sdi", "winpe/boot.wim"))
                .entry("wds", "Windows Deployment Services", new BootAction.Wds("10.0.1.22"))
                .entry("ipxe", "Chain to iPXE", new BootAction.Chain("undionly.kpxe", false))
                .gap("")
                .item(new Entry("tools", "Tools", null, List.of(), List.of(), null, new BootAction.Submenu(tools)))
                .item(new Entry("disk", "Boot from local disk", "l", List.of(), List.of(), null, new BootAction.LocalDisk("0x80")))
                .entry("next", "Next boot device", new BootAction.LocalDisk(null))
                .item(new Entry("reboot", "Reboot", "r", List.of(), List.of(), null, new BootAction.Reboot()))
                .entry("poweroff", "Power off", new BootAction.Poweroff())
                .build();
    }
}
