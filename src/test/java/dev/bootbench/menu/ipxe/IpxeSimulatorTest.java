package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.FinalAction.Kind;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class IpxeSimulatorTest {
    static final String NS = "http://192.168.1.10/";
    static final IpxeScript EVERY_KIND = IpxeParser.parse("every-kind.ipxe", IpxeGenerator.generate(Fixtures.everyKind()));

    static SimulationResult sim(IpxeScript s, ClientProfile c) {
        return IpxeSimulator.run(s, c);
    }

    static Stream<Arguments> clients() {
        List<Arguments> a = new ArrayList<>();
        for (Platform p : Platform.values()) for (Arch arch : Arch.values()) a.add(Arguments.of(p, arch));
        return a.stream();
    }

    /** Chooses an entry, then escapes any menu shown again: the action is the entry's, or exit after coming back. */
    static SimulationResult choose(Platform p, Arch a, String... items) {
        List<String> c = new ArrayList<>(List.of(items));
        c.add("esc");
        c.add("esc");
        return sim(EVERY_KIND, ClientProfile.of(p, a).withChoices(c.toArray(String[]::new)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void everyEntryKindOnEveryPlatform(Platform p, Arch a) {
        boolean x86 = a != Arch.ARM64;
        // the first screen: title, items offered on this client, the default, the timeout
        SimulationResult first = choose(p, a, "esc");
        Screen s = first.screens().get(0);
        assertEquals("Lab network boot", s.title());
        List<String> expectedIds = new ArrayList<>(List.of("debian", "netbootxyz", "winpe", "wds", "tools", "disk", "next", "shell", "reboot", "poweroff", "custom"));
        if (a == Arch.I386) expectedIds.remove("debian");
        if (p == Platform.EFI) expectedIds.remove("disk");
        assertEquals(expectedIds, s.itemIds());
        assertEquals(a == Arch.I386 ? "netbootxyz" : "debian", s.defaultId());
        assertEquals(10000, s.timeoutMs());
        assertTrue(s.lines().get(0).gap());
        assertEquals("Linux", s.lines().get(0).text());
        assertEquals(Kind.EXIT, first.action().kind());

        // linux
        FinalAction linux = choose(p, a, "debian").action();
        if (a == Arch.I386) assertEquals(Kind.EXIT, linux.kind()); // not offered: the choice escapes the menu
        else assertEquals(new FinalAction(Kind.BOOT, NS + "debian/linux", "vga=788 priority=low", List.of(NS + "debian/initrd.gz"), ""), linux);
        // chain with HTTPS
        assertEquals(new FinalAction(Kind.CHAIN, "https://boot.netboot.xyz", "", List.of(), ""), choose(p, a, "netbootxyz").action());
        // wimboot
        assertEquals(new FinalAction(Kind.BOOT, NS + "wimboot", "", List.of(NS + "winpe/BCD", NS + "winpe/boot.sdi",
                NS + "winpe/boot.wim"), ""), choose(p, a, "winpe").action());
        // WDS: the program for the platform and the CPU; none on ARM
        SimulationResult wds = choose(p, a, "wds");
        if (!x86) {
            assertEquals(Kind.EXIT, wds.action().kind());
            assertTrue(wds.console().contains("Booting failed; returning to the menu."));
            assertEquals(2, wds.screens().size());
        } else {
            String dir = a == Arch.X86_64 ? "x64" : "x86";
            String prog = p == Platform.PCBIOS ? "wdsnbp.com" : "wdsmgfw.efi";
            assertEquals(FinalAction.of(Kind.CHAIN, "tftp://10.0.1.22/boot/" + dir + "/" + prog), wds.action());
        }
        // ISO: memdisk on BIOS; on EFI sanboot where allowed, else back to the submenu
        SimulationResult memtest = choose(p, a, "tools", "memtest");
        assertEquals("Tools", memtest.screens().get(1).title());
        SimulationResult gparted = choose(p, a, "tools", "gparted");
        if (p == Platform.PCBIOS) {
            assertEquals(new FinalAction(Kind.BOOT, NS + "memdisk", "iso raw", List.of(NS + "tools/memtest.iso"), ""), memtest.action());
            assertEquals(new FinalAction(Kind.BOOT, NS + "tools/memdisk", "iso raw", List.of(NS + "tools/gparted.iso"), ""), gparted.action());
        } else {
            assertTrue(memtest.console().contains("This ISO image needs memdisk, which runs on BIOS only."));
            assertEquals("Tools", memtest.screens().get(2).title(), "back to the submenu");
            assertEquals(FinalAction.of(Kind.SANBOOT, NS + "tools/gparted.iso"), gparted.action());
        }
        // local disk
        FinalAction disk = choose(p, a, "disk").action();
        if (p == Platform.PCBIOS) assertEquals(FinalAction.of(Kind.SANBOOT, "drive 0x80"), disk);
        else assertEquals(Kind.EXIT, disk.kind());
        assertEquals(Kind.EXIT, choose(p, a, "next").action().kind());
        assertEquals(Kind.SHELL, choose(p, a, "shell").action().kind());
        assertEquals(Kind.REBOOT, choose(p, a, "reboot").action().kind());
        assertEquals(Kind.POWEROFF, choose(p, a, "poweroff").action().kind());
        // custom block: runs, then back to the menu
        SimulationResult custom = choose(p, a, "custom");
        assertEquals("Press a key", custom.console().get(custom.console().size() - 1));
        assertEquals(2, custom.screens().size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void theServedScriptBehavesAsThePlainOne(Platform p, Arch a) {
        // with ${bb-event} set the beacons are fetched (and freed); whether the beacon answers or not, nothing else changes
        IpxeScript served = IpxeParser.parse("served.ipxe", IpxeGenerator.generate(Fixtures.everyKind(), "http://10.0.0.1/_/event?mac=${mac}"));
        IpxeSimulator.Options noBeacon = new IpxeSimulator.Options(null, 0, u -> u.contains("/_/event"));
        for (List<String> choices : List.of(List.of("debian"), List.of("netbootxyz"), List.of("winpe"), List.of("wds"), List.of("tools", "memtest"),
                List.of("tools", "gparted"), List.of("disk"), List.of("next"), List.of("shell"), List.of("custom"), List.<String>of())) {
            List<String> c = new ArrayList<>(choices);
            c.add("esc");
            c.add("esc");
            ClientProfile client = ClientProfile.of(p, a).withChoices(c.toArray(String[]::new));
            SimulationResult plain = sim(EVERY_KIND, client), withBeacons = sim(served, client), unanswered = IpxeSimulator.run(served, client, noBeacon);
            assertEquals(plain.action(), withBeacons.action(), choices.toString());
            assertEquals(plain.screens(), withBeacons.screens(), choices.toString());
            assertEquals(plain.console(), withBeacons.console(), choices.toString());
            assertEquals(plain.action(), unanswered.action(), choices.toString());
            assertEquals(plain.screens(), unanswered.screens(), choices.toString());
        }
    }

    @Test
    void noChoiceTakesTheDefault() {
        SimulationResult r = sim(EVERY_KIND, ClientProfile.of(Platform.EFI, Arch.X86_64));
        assertEquals(Kind.BOOT, r.action().kind());
        assertEquals("debian", r.screens().get(0).chosen());
    }

    @Test
    void memdiskOnEfiFailsLikeIpxe() {
        String s = "#!ipxe\nkernel http://s/memdisk iso raw\ninitrd http://s/x.iso\nboot || goto failed\nexit\n:failed\necho no memdisk here\nexit 1\n";
        SimulationResult r = sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.EFI, Arch.X86_64));
        assertEquals(Kind.FAILED, r.action().kind());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("wrong-platform")));
        assertEquals(Kind.BOOT, sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.PCBIOS, Arch.X86_64)).action().kind());
    }

    @Test
    void loopsStopAfterABoundedNumberOfSteps() {
        SimulationResult r = IpxeSimulator.run(IpxeParser.parse("t", "#!ipxe\n:a\necho again\ngoto a\n"), ClientProfile.of(Platform.PCBIOS, Arch.I386),
                new IpxeSimulator.Options(null, 500));
        assertEquals(Kind.STOPPED, r.action().kind());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("step-limit")));
    }

    /** A menu whose entries fail to a section that runs {@code RESET} and shows the menu again; its timeout is {@code ${wait}}. */
    static final String FAILING = """
            #!ipxe
            set wait WAIT
            :m
            menu M
            item a Alpha
            item b Beta
            choose --default a --timeout ${wait} t || exit
            goto ${t}
            :a
            kernel http://s/a/vmlinuz || goto failed
            initrd http://s/a/initrd.img || goto failed
            boot || goto failed
            :b
            chain http://s/b.ipxe || goto failed
            :failed
            echo failed: ${errno}
            RESET
            goto m
            """;

    static final IpxeSimulator.Options NO_KERNEL = new IpxeSimulator.Options(null, 0, u -> u.endsWith("/vmlinuz"));

    static SimulationResult failing(String wait, String reset, IpxeSimulator.Options o, String... choices) {
        String text = FAILING.replace("WAIT", wait).replace("RESET", reset);
        return IpxeSimulator.run(IpxeParser.parse("f.ipxe", text), ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withChoices(choices), o);
    }

    @Test
    void aFileTheClientCannotFetchRunsTheFailurePath() {
        // every file there: the default boots
        assertEquals(Kind.BOOT, failing("3000", "set wait 0", IpxeSimulator.Options.defaults()).action().kind());
        // the kernel missing: iPXE's message, ${errno}, the failure section, and the menu again
        SimulationResult r = failing("3000", "set wait 0", NO_KERNEL);
        List<String> failure = List.of("http://s/a/vmlinuz... No such file or directory (https://ipxe.org/2d0c613b)", "failed: 0x2d0c613b");
        assertEquals(failure, r.console());
        assertEquals(2, r.screens().size());
        assertEquals(List.of(0, 2), r.consoleBefore());
        assertEquals(failure, r.consoleBetween(1), "printed between the two menus");
        assertEquals(List.of(), r.consoleBetween(2));
        // an initrd, a chained script: the same
        SimulationResult initrd = failing("3000", "set wait 0", new IpxeSimulator.Options(null, 0, u -> u.endsWith("initrd.img")));
        assertEquals("http://s/a/initrd.img... No such file or directory (https://ipxe.org/2d0c613b)", initrd.console().get(0));
        assertEquals(Kind.WAIT, initrd.action().kind());
        SimulationResult chain = failing("3000", "set wait 0", new IpxeSimulator.Options(u -> Optional.of("#!ipxe\nshell\n"), 0, u -> u.endsWith(".ipxe")), "b");
        assertEquals("http://s/b.ipxe... No such file or directory (https://ipxe.org/2d0c613b)", chain.console().get(0));
        assertEquals(Kind.WAIT, chain.action().kind());
    }

    @Test
    void aMenuWithoutATimeoutWaitsWhenNoChoiceIsLeft() {
        // the failure section takes the timeout away: the default is tried once, then the client waits at the menu
        SimulationResult once = failing("3000", "set wait 0", NO_KERNEL);
        assertEquals(Kind.WAIT, once.action().kind(), once.render());
        assertEquals(2, once.screens().size());
        assertEquals(3000, once.screens().get(0).timeoutMs());
        assertEquals("a", once.screens().get(0).chosen(), "the timeout took the default");
        assertEquals(null, once.screens().get(1).timeoutMs());
        assertEquals("a", once.screens().get(1).defaultId());
        assertTrue(once.waitsAt(1) && !once.waitsAt(0));
        assertTrue(once.render().contains("\naction: wait: the menu 'M' has no timeout: the client waits for a choice\n"), once.render());
        assertTrue(once.render().contains("chosen: (nothing yet: waits for a choice)"), once.render());
        // a choice made there is taken
        assertEquals(FinalAction.of(Kind.CHAIN, "http://s/b.ipxe"), failing("3000", "set wait 0", NO_KERNEL, "a", "b").action());
        // without the reset the default is taken after each timeout, for ever
        SimulationResult loop = failing("3000", "", NO_KERNEL);
        assertEquals(Kind.STOPPED, loop.action().kind());
        assertTrue(loop.screens().size() > 100);
        // timeout 0 is iPXE's "wait for ever"
        assertEquals(Kind.WAIT, failing("0", "", IpxeSimulator.Options.defaults()).action().kind());
        assertEquals(1, failing("0", "", IpxeSimulator.Options.defaults()).screens().size());
    }

    @Test
    void aGeneratedMenuTriesAFailingDefaultOnceThenWaits() {
        IpxeSimulator.Options noKernel = new IpxeSimulator.Options(null, 0, u -> u.equals(NS + "debian/linux"));
        ClientProfile efi = ClientProfile.of(Platform.EFI, Arch.X86_64);
        SimulationResult r = IpxeSimulator.run(EVERY_KIND, efi, noKernel);
        assertEquals(Kind.WAIT, r.action().kind(), r.render());
        assertEquals(2, r.screens().size());
        assertEquals(10000, r.screens().get(0).timeoutMs());
        assertEquals("debian", r.screens().get(0).chosen(), "the timeout chose the default");
        assertEquals(null, r.screens().get(1).timeoutMs(), "after the failure: no timeout");
        assertEquals("debian", r.screens().get(1).defaultId());
        assertEquals(List.of(NS + "debian/linux... No such file or directory (https://ipxe.org/2d0c613b)", "Booting failed; returning to the menu.",
                "Press any key to continue"), r.consoleBetween(1));
        // the user then chooses there: another entry, or the failing one again, which fails again to the waiting menu
        SimulationResult shell = IpxeSimulator.run(EVERY_KIND, efi.withChoices("debian", "shell"), noKernel);
        assertEquals(Kind.SHELL, shell.action().kind());
        SimulationResult again = IpxeSimulator.run(EVERY_KIND, efi.withChoices("debian", "debian"), noKernel);
        assertEquals(Kind.WAIT, again.action().kind());
        assertEquals(java.util.Arrays.asList(10000, null, null), again.screens().stream().map(Screen::timeoutMs).toList());
        // as Bootbench wrote menus before: the default again after each timeout, for ever
        IpxeScript before = IpxeParser.parse("before.ipxe", Fixtures.resource("ipxe/every-kind-before-beacons.ipxe"));
        SimulationResult loop = IpxeSimulator.run(before, efi, noKernel);
        assertEquals(Kind.STOPPED, loop.action().kind());
        assertTrue(loop.screens().stream().allMatch(s -> s.timeoutMs() != null && "debian".equals(s.chosen())));
    }

    @Test
    void beaconLinesAreHarmless() {
        String beacon = "isset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=booting && imgfree bb-beacon ||\n";
        String script = "#!ipxe\nkernel http://s/vmlinuz quiet\ninitrd http://s/initrd.img\n" + beacon + "boot\n";
        FinalAction boots = new FinalAction(Kind.BOOT, "http://s/vmlinuz", "quiet", List.of("http://s/initrd.img"), "");
        ClientProfile c = ClientProfile.of(Platform.EFI, Arch.X86_64);
        assertEquals(boots, IpxeSimulator.run(IpxeParser.parse("b", script), c).action());
        String served = script.replace("#!ipxe\n", "#!ipxe\nset bb-event http://10.0.0.1/_/event?mac=${mac}\n");
        SimulationResult r = IpxeSimulator.run(IpxeParser.parse("b", served), c);
        assertEquals(boots, r.action(), "the beacon is fetched and freed: not an initrd");
        assertEquals(List.of(), r.console());
        // a beacon the client cannot reach does not stop the boot either
        SimulationResult unreachable = IpxeSimulator.run(IpxeParser.parse("b", served), c,
                new IpxeSimulator.Options(null, 0, u -> u.contains("/_/event")));
        assertEquals(boots, unreachable.action());
        assertEquals(List.of("http://10.0.0.1/_/event?mac=52:54:00:12:34:56&stage=booting... No such file or directory (https://ipxe.org/2d0c613b)"),
                unreachable.console());
    }

    @Test
    void settingsExpand() {
        String s = "#!ipxe\nset esc:hex 1b\nset space:hex 20:20\necho [${space:string}]${esc:string}x\necho ${mac} ${net0/ip} ${15} ${mac:hexhyp} ${missing}.\n"
                + "set net0/next-server 10.9.9.9\necho ${next-server}\nset n 0\necho ${net${n}/ip}\ncpuid --ext 29 && echo 64 || echo 32\n";
        SimulationResult r = sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withNetwork("52:54:00:AA:BB:CC", "10.1.2.3", null));
        assertEquals(List.of("[  ]\u001bx", "52:54:00:aa:bb:cc 10.1.2.3 lab 35-32-3a-35-34-3a-30-30-3a-61-61-3a-62-62-3a-63-63 .", "10.9.9.9", "10.1.2.3", "64"),
                r.console().subList(0, 5));
        SimulationResult arm = sim(IpxeParser.parse("t", "#!ipxe\ncpuid --ext 29 && echo 64 || echo no cpuid\n"), ClientProfile.of(Platform.EFI, Arch.ARM64));
        assertEquals(List.of("no cpuid"), arm.console());
    }

    @Test
    void settingCommandsCountCompareClearAndRead() {
        String s = """
                #!ipxe
                set n 5
                inc n
                inc n 10
                echo n=${n}
                iseq ${n} 16 && echo equal || echo different
                iseq ${n} 15 && echo equal || echo different
                clear n
                isset ${n} && echo set || echo cleared
                inc fresh
                echo fresh=${fresh}
                read name
                echo hello ${name}
                read other
                echo [${other}]
                """;
        SimulationResult r = sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withAnswers("world"));
        assertEquals(List.of("n=16", "equal", "different", "cleared", "fresh=1", "> world", "hello world", "> ", "[]"), r.console());
        assertEquals(Kind.EXIT, r.action().kind());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("no-answer") && f.line() == 14), r.findings().toString());
    }

    @Test
    void imageCommandsSetArgumentsAndFree() {
        String s = """
                #!ipxe
                kernel http://s/vmlinuz quiet
                initrd http://s/initrd.img
                imgfetch --name extra http://s/extra.cpio
                imgfree extra
                imgargs vmlinuz console=ttyS0
                imgargs nothing x || echo no such image
                boot
                """;
        SimulationResult r = sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.PCBIOS, Arch.X86_64));
        assertEquals(new FinalAction(Kind.BOOT, "http://s/vmlinuz", "console=ttyS0", List.of("http://s/initrd.img"), ""), r.action());
        assertEquals(List.of("no such image"), r.console());
        // imgfree without a name frees every image: nothing is left to boot
        SimulationResult freed = sim(IpxeParser.parse("t", "#!ipxe\nkernel http://s/vmlinuz\nimgfree\nboot || echo nothing\n"),
                ClientProfile.of(Platform.PCBIOS, Arch.X86_64));
        assertEquals(List.of("nothing"), freed.console());
        assertTrue(freed.findings().stream().anyMatch(f -> f.code().equals("nothing-to-boot")));
    }

    @Test
    void unknownCommandsADeletedMenuAndAnExitStatusFail() {
        String s = """
                #!ipxe
                frobnicate || echo unknown
                nslookup ip example.org && echo an iPXE command
                menu Deleted
                menu --delete
                item a Alpha || echo no menu
                exit 3
                """;
        SimulationResult r = sim(IpxeParser.parse("t", s), ClientProfile.of(Platform.PCBIOS, Arch.X86_64));
        assertEquals(List.of("unknown", "an iPXE command", "no menu"), r.console());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("unknown-command") && f.line() == 2), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("no-menu") && f.line() == 6), r.findings().toString());
        assertEquals(Kind.FAILED, r.action().kind());
        assertEquals(Kind.EXIT, sim(IpxeParser.parse("t", "#!ipxe\nexit 0\necho never\n"), ClientProfile.of(Platform.PCBIOS, Arch.X86_64)).action().kind());
    }

    // ---- the seeds ----

    @Test
    void seedMainOnEachPlatform() {
        IpxeScript main = IpxeParser.parse("main.ipxe", Fixtures.seed("main.ipxe"));
        SimulationResult bios = sim(main, ClientProfile.of(Platform.PCBIOS, Arch.X86_64));
        Screen s = bios.screens().get(0);
        assertEquals("HispaMSX Network Boot Services - pcbios x86_64", s.title());
        assertEquals(List.of("wds", "dart", "hirenpe", "ubuntu", "memtest", "netbootxyz", "shell", "exit"), s.itemIds());
        assertEquals("wds", s.defaultId());
        assertEquals(30000, s.timeoutMs());
        assertEquals(FinalAction.of(Kind.CHAIN, "tftp://10.0.1.22/boot/x64/wdsnbp.com"), bios.action());
        SimulationResult efi = sim(main, ClientProfile.of(Platform.EFI, Arch.X86_64));
        assertTrue(!efi.screens().get(0).itemIds().contains("memtest"), "memtest is BIOS only");
        assertEquals(FinalAction.of(Kind.CHAIN, "tftp://10.0.1.22/boot/x64/wdsmgfw.efi"), efi.action());
        SimulationResult dart = sim(main, ClientProfile.of(Platform.EFI, Arch.I386).withChoices("dart"));
        assertEquals("http://www.hispamsx.org/ipxe/wimboot", dart.action().target());
        assertEquals(List.of("http://www.hispamsx.org/ipxe/wim/boot.sdi", "http://www.hispamsx.org/ipxe/wim/x86/Images/boot.wim.wimboot.bcd (as BCD)",
                "http://www.hispamsx.org/ipxe/wim/x86/Images/boot-(2).wim (as boot.wim)"), dart.action().initrds());
        SimulationResult memtest = sim(main, ClientProfile.of(Platform.PCBIOS, Arch.I386).withChoices("memtest"));
        assertEquals(new FinalAction(Kind.BOOT, "http://www.hispamsx.org/ipxe/memdisk", "iso raw", List.of("http://www.hispamsx.org/ipxe/memtest86p.iso"), ""),
                memtest.action());
    }

    @Test
    void seedChainIntoUbuntuWithAResolver() {
        IpxeScript main = IpxeParser.parse("main.ipxe", Fixtures.seed("main.ipxe"));
        Map<String, String> served = Map.of("http://www.hispamsx.org/ipxe/ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe"));
        IpxeSimulator.Options o = new IpxeSimulator.Options(u -> Optional.ofNullable(served.get(u)), 0);
        SimulationResult r = IpxeSimulator.run(main, ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withChoices("ubuntu", "bionic", "expert"), o);
        assertEquals(3, r.screens().size());
        assertEquals("HispaMSX Network Boot Services - Ubuntu GNU/Linux amd64", r.screens().get(1).title());
        assertEquals(" [bionic] Installer", r.screens().get(2).title()); // ${os} is never set
        String dir = "http://archive.ubuntu.com/ubuntu/dists/bionic-updates/main/installer-amd64/current/images/netboot/ubuntu-installer/amd64/";
        assertEquals(new FinalAction(Kind.BOOT, dir + "linux", "initrd=initrd.gz vga=788 priority=low", List.of(dir + "initrd.gz"), ""), r.action());
        // without a resolver the chain is the action
        assertEquals(FinalAction.of(Kind.CHAIN, "http://www.hispamsx.org/ipxe/ubuntu.ipxe"),
                sim(main, ClientProfile.of(Platform.PCBIOS, Arch.X86_64).withChoices("ubuntu")).action());
    }

    @Test
    void seedEmbeddedScriptPromptAndTimeout() {
        IpxeScript embed = IpxeParser.parse("embed.ipxe", Fixtures.seed("embed.ipxe"));
        SimulationResult timeout = sim(embed, ClientProfile.of(Platform.EFI, Arch.X86_64));
        assertEquals(FinalAction.of(Kind.CHAIN, "https://www.hispamsx.org/ipxe/main.ipxe"), timeout.action());
        SimulationResult failsafe = sim(embed, ClientProfile.of(Platform.EFI, Arch.X86_64).withAnswers("m").withChoices("debug"));
        assertEquals("netboot.xyz Failsafe Menu", failsafe.screens().get(0).title());
        assertEquals(Kind.SHELL, failsafe.action().kind());
    }

    @Test
    void importedAndRegeneratedSeedBehavesTheSame() {
        String original = Fixtures.seed("main.ipxe");
        Menu m = IpxeImporter.importText("main.ipxe", original);
        IpxeScript again = IpxeParser.parse("again.ipxe", IpxeGenerator.generate(m));
        IpxeScript orig = IpxeParser.parse("main.ipxe", original);
        for (Platform p : Platform.values())
            for (Arch a : Arch.values())
                for (String choice : List.of("wds", "dart", "hirenpe", "ubuntu", "memtest", "netbootxyz", "shell", "exit")) {
                    ClientProfile c = ClientProfile.of(p, a).withChoices(choice, "esc");
                    SimulationResult x = sim(orig, c), y = sim(again, c);
                    if (x.action().kind() == Kind.FAILED) assertEquals(Kind.FAILED, y.action().kind(), p + " " + a + " " + choice);
                    else assertEquals(x.action(), y.action(), p + " " + a + " " + choice);
                    assertEquals(x.screens(), y.screens(), p + " " + a + " " + choice);
                }
    }
}
