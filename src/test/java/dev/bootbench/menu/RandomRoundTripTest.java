package dev.bootbench.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.ipxe.IpxeImporter;
import dev.bootbench.menu.ipxe.IpxeLinter;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxImporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Many generated menus (fixed seeds, so the same every run) survive model → text → import. */
class RandomRoundTripTest {
    private static final String[] WORDS = {"Debian", "Ubuntu", "Windows", "tools", "rescue", "Install", "live", "x64", "PE", "Memtest86+"};

    static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        return sb.toString();
    }

    static String path(Random r) {
        String p = WORDS[r.nextInt(WORDS.length)].toLowerCase() + "/" + WORDS[r.nextInt(WORDS.length)].toLowerCase().replace("+", "") + r.nextInt(9);
        return r.nextInt(4) == 0 ? "http://mirror.example/" + p : p;
    }

    static BootAction ipxeAction(Random r, int depth, int[] counter) {
        switch (r.nextInt(depth > 0 ? 11 : 12)) {
            case 0: {
                List<String> initrds = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) initrds.add(path(r));
                return new BootAction.Linux(path(r), initrds, r.nextBoolean() ? "" : "console=ttyS0 quiet ip=dhcp");
            }
            case 1: return new BootAction.Chain(r.nextBoolean() ? "https://boot.example.org/menu.ipxe" : path(r) + ".ipxe", r.nextBoolean());
            case 2: return new BootAction.Wimboot("wimboot", "pe/BCD", "pe/boot.sdi", path(r) + ".wim");
            case 3: return r.nextBoolean() ? new BootAction.Wds(null) : new BootAction.Wds("10.0.0." + r.nextInt(250), null, "boot/x64/custom.efi", null, null);
            case 4: {
                // sanboot on BIOS uses no memdisk (and names none)
                boolean sanBios = r.nextInt(3) == 0;
                return new BootAction.Iso(path(r) + ".iso", sanBios || r.nextBoolean() ? null : "tools/memdisk", r.nextBoolean(), sanBios);
            }
            case 5: return new BootAction.LocalDisk(r.nextBoolean() ? null : "0x8" + r.nextInt(2));
            case 6: return new BootAction.Shell();
            case 7: return new BootAction.Reboot();
            case 8: return new BootAction.Poweroff();
            case 9: return new BootAction.Custom("echo " + words(r, 2) + "\nsleep 1", "");
            case 10: return new BootAction.Custom("chain --autofree " + path(r) + " ||\nexit 0", "");
            default: return new BootAction.Submenu(menu(r, depth + 1, counter, true));
        }
    }

    static Menu menu(Random r, int depth, int[] counter, boolean ipxe) {
        Menu.Builder b = Menu.builder(r.nextInt(5) == 0 ? null : words(r, 1 + r.nextInt(3)));
        List<String> ids = new ArrayList<>();
        int failing = 0;
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            if (r.nextInt(4) == 0) {
                b.gap(r.nextBoolean() ? "" : (r.nextInt(3) == 0 ? "-- " : "") + words(r, 2));
                continue;
            }
            String id = "e" + counter[0]++;
            BootAction a = ipxe ? ipxeAction(r, depth, counter) : pxeAction(r, depth, counter);
            String label = words(r, 1 + r.nextInt(3));
            String hotkey = null;
            if (r.nextInt(3) == 0) hotkey = ipxe ? String.valueOf((char) ('a' + r.nextInt(26))) : label.substring(0, 1).toLowerCase();
            List<Platform> ps = List.of();
            List<Arch> as = List.of();
            if (ipxe && r.nextInt(3) == 0) ps = List.of(Platform.values()[r.nextInt(2)]);
            if (ipxe && r.nextInt(3) == 0) as = r.nextBoolean() ? List.of(Arch.values()[r.nextInt(3)]) : List.of(Arch.I386, Arch.ARM64);
            b.item(new Entry(id, label, hotkey, ps, as, null, a));
            ids.add(id);
            if (!(a instanceof BootAction.Shell || a instanceof BootAction.LocalDisk || a instanceof BootAction.Custom || a instanceof BootAction.Submenu)) failing++;
        }
        if (!ids.isEmpty() && r.nextBoolean()) b.defaultEntry(ids.get(r.nextInt(ids.size())));
        if (r.nextBoolean()) b.timeoutMs(100 * (1 + r.nextInt(300)));
        if (ipxe && failing >= 2 && !ids.isEmpty() && r.nextInt(3) == 0) b.fallback(ids.get(0));
        if (ipxe && depth == 0 && r.nextInt(4) == 0) b.colours(new Colours(List.of(), List.of(new Colours.ColourPair(2, r.nextInt(8), r.nextInt(8)))));
        if (ipxe && depth == 0 && r.nextInt(4) == 0) b.baseUrl("http://10.1.1.1:8080/boot");
        if (!ipxe && r.nextInt(3) == 0) b.pxelinuxUi(r.nextBoolean() ? "vesamenu.c32" : "none");
        if (!ipxe && depth == 0 && r.nextInt(3) == 0) b.pxelinuxGlobals("SAY " + words(r, 3) + "\nF1 help.txt");
        return b.build();
    }

    static BootAction pxeAction(Random r, int depth, int[] counter) {
        switch (r.nextInt(depth > 0 ? 9 : 10)) {
            case 0: {
                List<String> initrds = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) initrds.add(path(r));
                return new BootAction.Linux(path(r), initrds, r.nextBoolean() ? "" : "console=ttyS0 quiet ip=dhcp");
            }
            case 1: return new BootAction.Chain(r.nextBoolean() ? "undionly.kpxe" : "10.0.0.9::pxelinux.0", false);
            case 2: return new BootAction.Wimboot("wimboot", "pe/BCD", "pe/boot.sdi", path(r) + ".wim");
            case 3: return new BootAction.Wds(r.nextBoolean() ? null : "10.0.0." + r.nextInt(250));
            case 4: return new BootAction.Iso(path(r) + ".iso", r.nextBoolean() ? null : "tools/memdisk", false);
            case 5: return new BootAction.LocalDisk(r.nextBoolean() ? null : "0x80");
            case 6: return new BootAction.Reboot();
            case 7: return new BootAction.Poweroff();
            case 8: return new BootAction.Custom("", "COM32 hdt.c32\nAPPEND modules=pci");
            default: return new BootAction.Submenu(menu(r, depth + 1, counter, false));
        }
    }

    @Test
    void ipxeRoundTrips() {
        for (int seed = 0; seed < 300; seed++) {
            Menu m = menu(new Random(seed), 0, new int[] {0}, true);
            String text = IpxeGenerator.generate(m);
            Menu back = IpxeImporter.importText("r.ipxe", text);
            assertEquals(MenuJson.toJson(m), MenuJson.toJson(back), "seed " + seed + "\n" + text);
            assertEquals(List.of(), IpxeLinter.lint("r.ipxe", text).stream().filter(Finding::isError).toList(), "seed " + seed + "\n" + text);
            // as served to a client (its beacon URL set), and as written before beacons: the same menu
            String served = IpxeGenerator.generate(m, "http://10.0.0.1:8080/_/event?mac=52:54:00:12:34:" + String.format("%02x", seed % 256));
            assertEquals(MenuJson.toJson(m), MenuJson.toJson(IpxeImporter.importText("s.ipxe", served)), "seed " + seed + "\n" + served);
            assertEquals(List.of(), IpxeLinter.lint("s.ipxe", served).stream().filter(f -> f.isError() || f.code().equals("undefined-variable")).toList(),
                    "seed " + seed + "\n" + served);
            String old = text.lines().filter(l -> !l.contains("${bb-event}")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            assertEquals(MenuJson.toJson(m), MenuJson.toJson(IpxeImporter.importText("o.ipxe", old)), "seed " + seed + "\n" + old);
        }
    }

    @Test
    void pxelinuxRoundTrips() {
        for (int seed = 0; seed < 300; seed++) {
            Menu m = menu(new Random(seed), 0, new int[] {0}, false);
            PxelinuxGenerator.Output out = PxelinuxGenerator.generate(m, PxelinuxGenerator.Options.defaults());
            Map<String, String> files = out.files();
            Menu back = PxelinuxImporter.importText("default", out.main(), n -> Optional.ofNullable(files.get(n)));
            assertEquals(MenuJson.toJson(m), MenuJson.toJson(back), "seed " + seed + "\n" + files);
        }
    }
}
