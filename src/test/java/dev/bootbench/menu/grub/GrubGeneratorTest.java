package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import dev.bootbench.menu.Platform;
import dev.bootbench.publish.SampleMenu;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrubGeneratorTest {
    static void assertGolden(String resource, String actual) throws Exception {
        Fixtures.assertGolden(resource, actual);
    }

    static String all(GrubGenerator.Output out) {
        return out.text() + "=== findings\n" + out.findings().stream().map(Finding::format).collect(Collectors.joining("\n")) + "\n";
    }

    /** A menu GRUB can express completely. */
    static Menu grubMenu() {
        Menu tools = Menu.builder("Tools").defaultEntry("memtest")
                .entry("memtest", "Memtest86+", new BootAction.Iso("tools/memtest.iso", null, false))
                .item(new Entry("fw", "Firmware settings", null, List.of(Platform.EFI), List.of(), null, new BootAction.Custom("", "", "fwsetup")))
                .build();
        return Menu.builder("Lab: ${mac}").defaultEntry("debian").timeoutMs(15000)
                .colours(new Colours(List.of(), List.of(new Colours.ColourPair(1, 7, 4), new Colours.ColourPair(2, 0, 7))))
                .grubGlobals("insmod all_video\nif loadfont unicode; then\n  terminal_output gfxterm\nfi")
                .gap("Linux")
                .item(new Entry("debian", "Debian 12 on ${buildarch}", "d", List.of(), List.of(), null,
                        new BootAction.Linux("debian/linux", List.of("debian/initrd.gz", "debian/firmware.cpio.gz"), "priority=low BOOTIF=${mac}")))
                .item(new Entry("fedora", "Fedora over HTTP", null, List.of(), List.of(Arch.X86_64, Arch.ARM64), null,
                        new BootAction.Linux("http://mirror.example/f40/vmlinuz", List.of("http://mirror.example/f40/initrd.img"), "inst.repo=http://mirror.example/f40 ip=dhcp")))
                .item(new Entry("ipxe", "iPXE", null, List.of(Platform.EFI), List.of(Arch.X86_64), null, new BootAction.Chain("ipxe.efi", false)))
                .entry("undionly", "iPXE (BIOS)", new BootAction.Chain("undionly.kpxe", false))
                .gap("Windows")
                .entry("winpe", "Windows PE", new BootAction.Wimboot("wimboot", "winpe/BCD", "winpe/boot.sdi", "winpe/boot.wim"))
                .gap("")
                .item(new Entry("tools", "Tools", "t", List.of(), List.of(), null, new BootAction.Submenu(tools)))
                .item(new Entry("disk", "Boot from local disk", null, List.of(Platform.PCBIOS), List.of(), null, new BootAction.LocalDisk("0x80")))
                .entry("disk2", "Second disk", new BootAction.LocalDisk("0x81"))
                .entry("next", "Next boot device", new BootAction.LocalDisk(null))
                .entry("reboot", "Reboot", new BootAction.Reboot())
                .entry("poweroff", "Power off", new BootAction.Poweroff())
                .entry("custom", "Show the network", new BootAction.Custom("", "", "net_ls_addr\nsleep --interruptible 10\nconfigfile /grub/grub.cfg"))
                .build();
    }

    @Test
    void everyKindMatchesGolden() throws Exception {
        GrubGenerator.Output out = GrubGenerator.generate(Fixtures.everyKind(), GrubGenerator.FILE);
        assertGolden("grub/every-kind.txt", all(out));
        assertTrue(out.text().contains("# bootbench: entry 'shell' left out: GRUB has no iPXE shell"), out.text());
        assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("grub-skipped") && f.message().contains("'netbootxyz'")));
        assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("grub-skipped") && f.message().contains("'wds'")));
    }

    @Test
    void grubMenuMatchesGoldenAndRoundTrips() throws Exception {
        Menu m = grubMenu();
        GrubGenerator.Output out = GrubGenerator.generate(m, GrubGenerator.FILE);
        assertGolden("grub/lab.txt", all(out));
        assertFalse(out.findings().stream().anyMatch(f -> f.severity() == dev.bootbench.menu.Severity.WARNING), out.findings().toString());
        GrubImporter.Result back = GrubImporter.importScript(GrubParser.parse(GrubGenerator.FILE, out.text()));
        assertEquals(MenuJson.toJson(m), MenuJson.toJson(back.menu()));
        assertEquals(m, back.menu());
        assertEquals(List.of(), back.notes());
        assertEquals(List.of(), GrubLinter.lint(GrubGenerator.FILE, out.text()));
    }

    @Test
    void theSampleMenuTranslatesWhatGrubHasAndRoundTrips() {
        GrubGenerator.Output out = GrubGenerator.generate(SampleMenu.bench(), GrubGenerator.FILE);
        assertTrue(out.text().contains("menuentry \"Bootbench: ${net_default_mac} (${grub_platform} ${grub_cpu})\" --class title { true }"), out.text());
        assertTrue(out.text().contains("    linux /vmlinuz\n    initrd /initrd.img\n"), "no initrd= beside initrd: " + out.text());
        assertTrue(out.findings().stream().anyMatch(f -> f.code().equals("grub-initrd-arg")), out.findings().toString());
        Menu back = GrubImporter.importText(GrubGenerator.FILE, out.text());
        assertEquals(SampleMenu.bench().title(), back.title());
        assertEquals(List.of("linux", "local", "reboot"), back.entries().stream().map(Entry::id).toList());
    }

    @Test
    void settingsGrubLacksAreLeftOutWithAWarning() {
        Menu m = Menu.builder("Lab ${product} on ${mac}").entry("a", "A ${hostname}", new BootAction.Linux("k", List.of(),
                "url=http://${next-server}/p.cfg host=${hostname} quiet")).entry("b", "B", new BootAction.Linux("${17}/k", List.of(), "")).build();
        GrubGenerator.Output out = GrubGenerator.generate(m, GrubGenerator.FILE);
        assertTrue(out.text().contains("menuentry \"Lab on ${net_default_mac}\" --class title { true }"), out.text());
        assertTrue(out.text().contains("menuentry 'A' --id a {"), out.text());
        assertTrue(out.text().contains("    linux /k \"url=http://${net_default_server}/p.cfg\" quiet\n"), out.text());
        assertTrue(out.text().contains("# bootbench: entry 'b' left out: a file it boots is named with iPXE settings GRUB does not have"), out.text());
        List<String> msgs = out.findings().stream().filter(f -> f.code().equals("grub-variable")).map(Finding::message).toList();
        assertTrue(msgs.stream().anyMatch(x -> x.contains("${product}")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(x -> x.contains("host=${hostname}")), msgs.toString());
        // the text itself: only GRUB variables
        for (GrubWord.Var v : allVars(GrubParser.parse("g", out.text()).nodes())) assertTrue(v.valid() && GrubText.FROM_GRUB.containsKey(v.name()), v.toString());
    }

    static List<GrubWord.Var> allVars(List<GrubNode> nodes) {
        List<GrubWord.Var> out = new ArrayList<>();
        for (GrubNode n : nodes) {
            if (n instanceof GrubNode.Command c) c.words().forEach(w -> out.addAll(w.vars()));
            else if (n instanceof GrubNode.Entry e) {
                e.args().forEach(w -> out.addAll(w.vars()));
                out.addAll(allVars(e.body()));
            } else if (n instanceof GrubNode.If i) {
                for (GrubNode.Branch b : i.branches()) {
                    out.addAll(allVars(b.condition()));
                    out.addAll(allVars(b.body()));
                }
                if (i.otherwise() != null) out.addAll(allVars(i.otherwise()));
            }
        }
        return out;
    }

    @Test
    void quotingKeepsTextAsWritten() {
        Menu m = Menu.builder(null).entry("q", "It's $5 \"cheap\"; {really}", new BootAction.Linux("my dir/k", List.of(), "a;b 'c'")).build();
        String text = GrubGenerator.generate(m);
        GrubScript s = GrubParser.parse("g", text);
        assertEquals(List.of(), s.problems(), text);
        GrubNode.Entry e = (GrubNode.Entry) s.nodes().get(0);
        assertEquals("It's $5 \"cheap\"; {really}", e.title().literal());
        assertEquals(m, GrubImporter.importText("g", text));
    }

    /** Random menus GRUB can express (fixed seeds) survive model → grub.cfg → import, and lint without errors. */
    @Test
    void randomMenusRoundTrip() {
        for (int seed = 0; seed < 300; seed++) {
            Menu m = menu(new Random(seed), 0, new int[] {0});
            String text = GrubGenerator.generate(m);
            Menu back = GrubImporter.importText("r.cfg", text);
            if (!MenuJson.toJson(m).equals(MenuJson.toJson(back))) {
                String[] x = MenuJson.toJson(m).split("\n"), y = MenuJson.toJson(back).split("\n");
                for (int i = 0; i < Math.min(x.length, y.length); i++)
                    assertEquals(x[i], y[i], "seed " + seed + ", JSON line " + (i + 1) + "\n" + text);
            }
            assertEquals(MenuJson.toJson(m), MenuJson.toJson(back), "seed " + seed + "\n" + text);
            assertEquals(List.of(), GrubLinter.lint("r.cfg", text).stream().filter(Finding::isError).toList(), "seed " + seed + "\n" + text);
        }
    }

    private static final String[] WORDS = {"Debian", "Ubuntu", "Windows", "tools", "rescue", "Install", "live", "x64", "PE", "Memtest86+", "it's", "$5"};

    static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        return sb.toString();
    }

    static String path(Random r) {
        String p = WORDS[r.nextInt(10)].toLowerCase() + "/" + WORDS[r.nextInt(10)].toLowerCase().replace("+", "") + r.nextInt(9);
        return r.nextInt(4) == 0 ? "http://mirror.example/" + p : p;
    }

    static Menu menu(Random r, int depth, int[] counter) {
        Menu.Builder b = Menu.builder(r.nextInt(4) == 0 ? null : words(r, 1 + r.nextInt(3)));
        List<String> ids = new ArrayList<>();
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            if (r.nextInt(4) == 0) {
                b.gap(r.nextBoolean() ? "" : words(r, 2));
                continue;
            }
            String id = "e" + counter[0]++;
            BootAction a = action(r, depth, counter);
            String label = words(r, 1 + r.nextInt(3));
            String hotkey = r.nextInt(3) == 0 ? String.valueOf((char) ('a' + r.nextInt(26))) : null;
            List<Platform> ps = r.nextInt(3) == 0 ? List.of(Platform.values()[r.nextInt(2)]) : List.of();
            List<Arch> as = r.nextInt(4) == 0 ? (r.nextBoolean() ? List.of(Arch.values()[r.nextInt(3)]) : List.of(Arch.I386, Arch.ARM64)) : List.of();
            b.item(new Entry(id, label, hotkey, ps, as, null, a));
            ids.add(id);
        }
        if (!ids.isEmpty() && r.nextBoolean()) b.defaultEntry(ids.get(r.nextInt(ids.size())));
        if (r.nextBoolean()) b.timeoutMs(1000 * (1 + r.nextInt(30)));
        if (depth == 0 && r.nextInt(4) == 0) b.colours(new Colours(List.of(), List.of(new Colours.ColourPair(1, r.nextInt(8), r.nextInt(8)),
                new Colours.ColourPair(2, r.nextInt(8), r.nextInt(8)))));
        if (r.nextInt(4) == 0) b.grubGlobals("insmod all_video\nset gfxpayload=keep");
        return b.build();
    }

    static BootAction action(Random r, int depth, int[] counter) {
        switch (r.nextInt(depth > 0 ? 9 : 10)) {
            case 0: {
                List<String> initrds = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) initrds.add(path(r));
                return new BootAction.Linux(path(r), initrds, r.nextBoolean() ? "" : "console=ttyS0 quiet ip=dhcp");
            }
            case 1: return new BootAction.Chain(r.nextBoolean() ? "ipxe.efi" : r.nextBoolean() ? "undionly.kpxe" : "http://10.0.0.9/snponly.efi", false);
            case 2: return new BootAction.Wimboot("wimboot", "pe/BCD", "pe/boot.sdi", path(r) + ".wim");
            case 3: return new BootAction.Iso(path(r) + ".iso", r.nextBoolean() ? null : "tools/memdisk", false);
            case 4: return new BootAction.LocalDisk(r.nextBoolean() ? null : "0x8" + r.nextInt(2));
            case 5: return new BootAction.Reboot();
            case 6: return new BootAction.Poweroff();
            case 7: return new BootAction.Custom("", "", "echo " + WORDS[r.nextInt(10)] + "\nsleep 1\nreboot");
            case 8: return new BootAction.Linux("k" + r.nextInt(9), List.of(), "ip=${ip} mac=${mac}");
            default: return new BootAction.Submenu(menu(r, depth + 1, counter));
        }
    }
}
