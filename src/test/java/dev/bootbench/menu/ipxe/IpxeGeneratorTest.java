package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IpxeGeneratorTest {
    static void assertGolden(String resource, String actual) throws Exception {
        Fixtures.assertGolden(resource, actual);
    }

    @Test
    void everyKindMatchesGolden() throws Exception {
        assertGolden("ipxe/every-kind.ipxe", IpxeGenerator.generate(Fixtures.everyKind()));
    }

    @Test
    void outputIsDeterministic() throws Exception {
        Menu m = Fixtures.everyKind();
        Menu viaJson = MenuJson.fromJson(MenuJson.toJson(m));
        assertEquals(IpxeGenerator.generate(m), IpxeGenerator.generate(viaJson));
    }

    @Test
    void roundTripThroughTheScript() {
        Menu m = Fixtures.withoutPxelinuxText(Fixtures.everyKind());
        Menu back = IpxeImporter.importText("every-kind.ipxe", IpxeGenerator.generate(m));
        assertEquals(MenuJson.toJson(m), MenuJson.toJson(back));
        assertEquals(m, back);
    }

    static final String EVENT = "http://10.0.0.1:8080/_/event?mac=52:54:00:12:34:56";

    static String beacon(String stage) {
        return "isset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=" + stage + " && imgfree bb-beacon ||";
    }

    /** The lines of a section of a script, up to the next blank line. */
    static List<String> section(String script, String label) {
        String rest = script.substring(script.indexOf("\n:" + label + "\n") + label.length() + 3);
        return Arrays.asList(rest.substring(0, rest.indexOf("\n\n") < 0 ? rest.length() - 1 : rest.indexOf("\n\n")).split("\n"));
    }

    @Test
    void eachKindReportsItsStageJustBeforeLeaving() {
        String s = IpxeGenerator.generate(Fixtures.everyKind());
        // Linux and wimboot: booting, just before boot
        assertEquals(List.of("imgfree", "kernel ${base-url}/debian/linux vga=788 priority=low || goto main_failed",
                "initrd ${base-url}/debian/initrd.gz || goto main_failed", beacon("booting"), "boot || goto main_failed"), section(s, "debian"));
        List<String> winpe = section(s, "winpe");
        assertEquals(List.of(beacon("booting"), "boot || goto main_failed"), winpe.subList(winpe.size() - 2, winpe.size()));
        // a chain (netboot.xyz, WDS): chain, just before it
        assertEquals(List.of(beacon("chain"), "chain --autofree https://boot.netboot.xyz || chain --autofree http://boot.netboot.xyz || goto main_failed",
                "goto main"), section(s, "netbootxyz"));
        assertEquals(List.of("set net0/next-server 10.0.1.22", beacon("chain")), section(s, "wds").subList(0, 2));
        // an ISO: booting before memdisk's boot and before sanboot
        assertEquals(List.of(beacon("booting"), "boot || goto tools_failed", ":gparted_efi", beacon("booting"),
                "sanboot --no-describe ${base-url}/tools/gparted.iso || goto tools_failed", "goto tools_failed"), section(s, "gparted").subList(5, 11));
        // the local disk: local, before sanboot --drive and exit
        assertEquals(List.of(beacon("local"), "iseq ${platform} pcbios && sanboot --no-describe --drive 0x80 ||", "exit"), section(s, "disk"));
        assertEquals(List.of(beacon("local"), "exit"), section(s, "next"));
        // failures: first thing in the failure section, with iPXE's error number
        assertEquals(beacon("failed&reason=${errno}"), section(s, "main_failed").get(0));
        assertEquals(beacon("failed&reason=${errno}"), section(s, "tools_failed").get(0));
        // nothing for the shell, reboot, power off and custom blocks
        for (String quiet : List.of("shell", "reboot", "poweroff", "custom"))
            assertTrue(section(s, quiet).stream().noneMatch(l -> l.contains("bb-event")), quiet);
        // 2 booting in gparted, 1 in memtest, debian and winpe; chain in netbootxyz and wds; local twice; failed twice
        assertEquals(11, s.lines().filter(l -> l.contains("${bb-event}&stage=")).count());
    }

    @Test
    void theServedScriptSetsTheBeaconUrl() {
        Menu m = Fixtures.withoutPxelinuxText(Fixtures.everyKind());
        String plain = IpxeGenerator.generate(m), served = IpxeGenerator.generate(m, EVENT);
        assertEquals(plain.replace(IpxeGenerator.HEADER + "\n", IpxeGenerator.HEADER + "\nset bb-event " + EVENT + "\n"), served);
        // the served script imports as the same menu: the client's beacon URL is not part of it
        assertEquals(m, IpxeImporter.importText("served.ipxe", served));
        assertThrows(IllegalArgumentException.class, () -> IpxeGenerator.generate(m, "http://x/_/event?mac=a b"));
        assertThrows(IllegalArgumentException.class, () -> IpxeGenerator.generate(m, "http://x/\n:main"));
    }

    @Test
    void aScriptWithoutBeaconsStillImportsAsTypedEntries() {
        // as Bootbench wrote it before beacons, or as written by hand: the same entries, and the beacons come with them
        Menu m = Fixtures.withoutPxelinuxText(Fixtures.everyKind());
        String generated = IpxeGenerator.generate(m);
        String old = Arrays.stream(generated.split("\n", -1)).filter(l -> !l.contains("${bb-event}")).collect(Collectors.joining("\n"));
        Menu back = IpxeImporter.importText("old.ipxe", old);
        assertEquals(m, back);
        assertEquals(generated, IpxeGenerator.generate(back));
        // exactly as an earlier Bootbench wrote it: no beacons, a literal timeout, no reset in the failure sections
        Menu earlier = IpxeImporter.importText("every-kind.ipxe", Fixtures.resource("ipxe/every-kind-before-beacons.ipxe"));
        assertEquals(m, earlier);
        assertEquals(generated, IpxeGenerator.generate(earlier));
        // a beacon with another stage is not a typed entry's: kept as written
        String odd = generated.replace(":next\n" + beacon("local"), ":next\n" + beacon("booting"));
        assertEquals(new BootAction.Custom(beacon("booting") + "\nexit", ""),
                IpxeImporter.importText("odd.ipxe", odd).entry("next").orElseThrow().action());
    }

    @Test
    void anIsoIsSanbootedOnBiosWhenAskedAndImportedBack() {
        Menu m = Menu.builder("Bench").defaultEntry("big").timeoutMs(5000)
                .entry("big", "Big ISO", new BootAction.Iso("isos/big.iso", null, true, true))
                .entry("small", "Small ISO", new BootAction.Iso("isos/small.iso", null, false)).build();
        String s = IpxeGenerator.generate(m);
        // BIOS: sanboot by HTTP ranges, no memdisk; EFI: sanboot too
        List<String> bios = section(s, "big_pcbios");
        assertTrue(bios.contains("sanboot --no-describe ${base-url}/isos/big.iso || goto main_failed"), String.join("\n", bios));
        assertTrue(bios.stream().noneMatch(l -> l.contains("memdisk")), String.join("\n", bios));
        assertTrue(section(s, "big_efi").contains("sanboot --no-describe ${base-url}/isos/big.iso || goto main_failed"), s);
        // the other ISO keeps memdisk on BIOS and is not offered on EFI
        assertTrue(section(s, "small_pcbios").contains("kernel ${base-url}/memdisk iso raw || goto main_failed"), s);
        assertEquals(m, IpxeImporter.importText("m.ipxe", s));
    }

    @Test
    void aFailureTakesTheTimeoutAway() {
        Menu tools = Menu.builder("Tools").defaultEntry("memtest").timeoutMs(5000)
                .entry("memtest", "Memtest", new BootAction.Iso("memtest.iso", null, false)).build();
        Menu m = Menu.builder("Bench").defaultEntry("linux").timeoutMs(10000)
                .entry("linux", "Linux", new BootAction.Linux("vmlinuz", List.of("initrd.img"), ""))
                .entry("tools", "Tools", new BootAction.Submenu(tools))
                .entry("local", "Local disk", new BootAction.LocalDisk(null)).build();
        String s = IpxeGenerator.generate(m);
        // set once when the script starts, the root menu's first
        assertTrue(s.contains("set arch x86_64 ||\nset main-timeout 10000\nset tools-timeout 5000\n\n:main\n"), s);
        assertTrue(s.contains("\nchoose --default linux --timeout ${main-timeout} target || exit\n"), s);
        assertTrue(s.contains("\nchoose --default memtest --timeout ${tools-timeout} target || goto main\n"), s);
        // each failure section takes its menu's timeout away: the menu then waits for a choice
        assertEquals(List.of(beacon("failed&reason=${errno}"), IpxeGenerator.FAILED_ECHO, IpxeGenerator.FAILED_PROMPT, "set main-timeout 0", "goto main"),
                section(s, "main_failed"));
        assertEquals(List.of(beacon("failed&reason=${errno}"), IpxeGenerator.FAILED_ECHO, IpxeGenerator.FAILED_PROMPT, "set tools-timeout 0", "goto tools"),
                section(s, "tools_failed"));
        assertEquals(m, IpxeImporter.importText("m.ipxe", s));

        // nothing can fail to the menu's failure section: the timeout is written as it is
        Menu quiet = Menu.builder("Quiet").defaultEntry("local").timeoutMs(3000).entry("local", "Local", new BootAction.LocalDisk(null))
                .entry("shell", "Shell", new BootAction.Shell()).build();
        String q = IpxeGenerator.generate(quiet);
        assertTrue(q.contains("choose --default local --timeout 3000 target || exit") && !q.contains("main-timeout"), q);
        Menu withFallback = m.toBuilder().fallback("local").build();
        String f = IpxeGenerator.generate(withFallback);
        assertTrue(f.contains("--timeout 10000 target") && !f.contains("main-timeout") && f.contains("set tools-timeout 5000"), f);
        // a timeout that is a setting of the script's own: that setting is reset
        String own = IpxeGenerator.generate(m.toBuilder().timeoutMs(null).ipxeTimeout("${menu-wait}").ipxePreamble("set menu-wait 8000").build());
        assertTrue(own.contains("choose --default linux --timeout ${menu-wait} target") && !own.contains("main-timeout"), own);
        assertEquals("set menu-wait 0", section(own, "main_failed").get(3));
        // anything else is left alone
        String other = IpxeGenerator.generate(m.toBuilder().timeoutMs(null).ipxeTimeout("${secs}000").build());
        assertEquals(List.of(beacon("failed&reason=${errno}"), IpxeGenerator.FAILED_ECHO, IpxeGenerator.FAILED_PROMPT, "goto main"),
                section(other, "main_failed"));
    }

    @Test
    void aTimeoutSettingTheScriptAlsoChangesStaysTheScripts() {
        // imported from a script that changes ${main-timeout} elsewhere: kept as the script's own setting
        String s = IpxeGenerator.generate(Menu.builder("Bench").defaultEntry("linux").timeoutMs(10000)
                .entry("linux", "Linux", new BootAction.Linux("vmlinuz", List.of(), ""))
                .entry("fast", "Faster menu", new BootAction.Custom("set main-timeout 1000\ngoto main", "")).build());
        Menu m = IpxeImporter.importText("m.ipxe", s);
        assertEquals(null, m.timeoutMs());
        assertEquals("${main-timeout}", m.ipxeTimeout());
        assertEquals("set main-timeout 10000", m.ipxePreamble());
        assertEquals(s, IpxeGenerator.generate(m));
    }
}
