package dev.bootbench.cli;

import dev.bootbench.engine.DhcpMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code bootbench serve} options: each lands in the settings, bad values are refused with a clear message. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    static Settings apply(String opt, String value) {
        Settings s = new Settings();
        ServeCommand.apply(s, opt, value);
        return s;
    }

    static String refused(String opt, String value) {
        UsageException e = assertThrows(UsageException.class, () -> apply(opt, value), opt + " " + value);
        assertTrue(e.getMessage().contains(opt), "the message names the option: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyOptionLandsInTheSettings() {
        assertEquals("bench0", apply("--iface", "bench0").iface);
        assertEquals("10.77.0.1", apply("--address", "10.77.0.1").address);
        assertNull(apply("--address", "").address);
        assertEquals(DhcpMode.FULL, apply("--dhcp", "full").dhcpMode);
        assertEquals(DhcpMode.PROXY, apply("--dhcp", "proxy").dhcpMode);
        assertEquals(DhcpMode.OFF, apply("--dhcp", "OFF").dhcpMode);
        assertEquals("10.77.0.100-10.77.0.199", apply("--range", "10.77.0.100-10.77.0.199").range);
        assertEquals(600, apply("--lease-time", "600").leaseSeconds);
        assertEquals("255.255.0.0", apply("--netmask", "255.255.0.0").subnetMask);
        assertEquals("10.77.0.254", apply("--router", "10.77.0.254").router);
        assertNull(apply("--router", "").router);
        assertEquals(List.of("10.77.0.53", "9.9.9.9"), apply("--dns", "10.77.0.53,9.9.9.9").dns);
        assertEquals(List.of(), apply("--dns", "").dns);
        assertEquals("bench.lan", apply("--domain", "bench.lan").domain);
        assertEquals(Paths.get("some/root").toAbsolutePath().normalize().toString(), apply("--root", "some/./root").root);
        assertEquals(8080, apply("--http-port", "8080").httpPort);
        assertEquals(6969, apply("--tftp-port", "6969").tftpPort);
        assertEquals("lpxelinux.0", apply("--bios-boot", "lpxelinux.0").biosBoot);
        assertEquals("snponly.efi", apply("--uefi-boot", "snponly.efi").uefiBoot);
        assertEquals("i386/ipxe.efi", apply("--uefi-ia32-boot", "i386/ipxe.efi").uefiIa32Boot);
        assertEquals("arm64/ipxe.efi", apply("--arm64-boot", "arm64/ipxe.efi").arm64Boot);
        assertEquals("x64/snponly.efi", apply("--http-boot", "x64/snponly.efi").httpBoot);
        assertEquals("http://10.77.0.9/arm64.efi", apply("--arm64-http-boot", "http://10.77.0.9/arm64.efi").arm64HttpBoot);
        assertEquals("boards/boot.scr.uimg", apply("--uboot-boot", "boards/boot.scr.uimg").ubootBoot);
        assertEquals("", apply("--uboot-boot", "").ubootBoot, "empty: U-Boot gets no boot file (the boot config reads it as none)");
        assertEquals("boot.scr.uimg", new dev.bootbench.workspace.Settings().ubootBoot, "the default: what U-Boot fetches anyway");
        assertEquals("shim-grub", apply("--uefi-path", "shim-grub").uefiPath);
        assertEquals("shim-grub", apply("--uefi-path", "shim").uefiPath);
        assertEquals("ipxe", apply("--uefi-path", "ipxe").uefiPath);
        assertNull(apply("--uefi-path", "").uefiPath);
        assertEquals("grub", apply("--arm64-path", "grub").arm64Path);
        assertEquals("http://10.77.0.9/x.ipxe", apply("--ipxe-script", "http://10.77.0.9/x.ipxe").ipxeScript);
        assertEquals("menus/lab.ipxe", apply("--ipxe-script", "menus/lab.ipxe").ipxeScript);
        assertEquals("pxelinux.cfg/lab", apply("--pxelinux-config", "pxelinux.cfg/lab").pxelinuxConfigFile);
        assertEquals("/boot/", apply("--pxelinux-prefix", "/boot/").pxelinuxPathPrefix);
        assertFalse(apply("--no-detect", "").detectOtherServers);
        assertFalse(apply("--router-advertisements", "off").routerAdvertisements);
        assertTrue(apply("--router-advertisements", "on").routerAdvertisements);
        assertTrue(apply("--case-insensitive", "on").caseInsensitiveFiles);
        assertFalse(apply("--case-insensitive", "off").caseInsensitiveFiles);
    }

    @Test
    void anEmptyIpxeScriptTurnsTheIpxeRuleOff() {
        Settings s = apply("--ipxe-script", "");
        assertEquals("", s.ipxeScript, "empty, not null (null means Bootbench's own script)");
        assertNull(new Settings().ipxeScript);
    }

    @Test
    void optionsOnlyChangeWhatTheyName() {
        Settings s = new Settings();
        ServeCommand.apply(s, "--iface", "bench0");
        ServeCommand.apply(s, "--bios-boot", "lpxelinux.0");
        assertEquals("ipxe.efi", s.uefiBoot);
        assertEquals(3600, s.leaseSeconds);
        assertTrue(s.detectOtherServers);
        assertEquals("bench0", s.iface);
    }

    @Test
    void badValuesAreRefusedWithAClearMessage() {
        assertTrue(refused("--address", "10.77.0.300").contains("10.77.0.300"));
        assertTrue(refused("--address", "bootserver.lan").contains("not an IPv4 address"), "no DNS look-ups for addresses");
        assertTrue(refused("--dhcp", "sometimes").contains("full, proxy or off"));
        assertTrue(refused("--lease-time", "0").contains("positive whole number"));
        assertTrue(refused("--lease-time", "-5").contains("'-5'"));
        assertTrue(refused("--lease-time", "1h").contains("'1h'"));
        refused("--netmask", "255.255.255");
        refused("--router", "10.77.0");
        assertTrue(refused("--dns", "10.77.0.53,dns.example").contains("dns.example"));
        assertTrue(refused("--http-port", "70000").contains("1 to 65535"));
        assertTrue(refused("--tftp-port", "0").contains("positive"));
        refused("--tftp-port", "sixty-nine");
        assertTrue(refused("--router-advertisements", "maybe").contains("on or off"));
        assertTrue(refused("--uefi-path", "pxelinux").contains("ipxe, grub or shim-grub"));
        assertTrue(refused("--arm64-path", "yes").contains("--arm64-path"));
        assertTrue(refused("--frobnicate", "1").contains("unknown option"));
    }

    @Test
    void theFirmwareMenuOptionsBuildTheMenuAndTheFirstItemGivenReplacesTheStoredOnes() throws IOException {
        ServeCommand.Parsed p = ServeCommand.parse(List.of("--workspace", tmp.toString(), "--pxe-item", "bios:Boot iPXE:undionly.kpxe",
                "--pxe-item", "x64:Windows: WDS:server=10.77.0.9,type=1", "--pxe-item", "bios:Local disk:local", "--pxe-item", "arm64:GRUB:grubaa64.efi",
                "--pxe-prompt", "Press F8", "--pxe-timeout", "0", "--pxe-default", "Local disk"));
        Settings.PxeMenu m = p.settings().pxeMenu;
        assertEquals("Press F8", m.prompt);
        assertEquals(0, m.timeout);
        assertEquals("Local disk", m.defaultItem);
        assertEquals(4, m.items.size());
        Settings.PxeItem ipxe = m.items.get(0), wds = m.items.get(1), local = m.items.get(2), grub = m.items.get(3);
        assertEquals(List.of("bios", "Boot iPXE", "undionly.kpxe"), List.of(ipxe.system, ipxe.label, ipxe.bootFile));
        assertNull(ipxe.server);
        assertEquals(List.of("x64", "Windows: WDS", "10.77.0.9"), List.of(wds.system, wds.label, wds.server), "a label may hold colons");
        assertEquals(1, wds.type);
        assertNull(wds.bootFile);
        assertEquals(Boolean.TRUE, local.local);
        assertEquals("arm64", grub.system);
        p.workspace().saveSettings(p.settings());

        // stored: read back from settings.json as it was given
        Settings back = ServeCommand.parse(List.of("--workspace", tmp.toString())).settings();
        assertEquals(4, back.pxeMenu.items.size());
        assertEquals("10.77.0.9", back.pxeMenu.items.get(1).server);
        assertTrue(Files.readString(tmp.resolve("settings.json")).contains("\"pxeMenu\""));
        // a --pxe-item given replaces the stored items, the rest of the menu stays
        Settings replaced = ServeCommand.parse(List.of("--workspace", tmp.toString(), "--pxe-item", "bios:pxelinux:pxelinux.0")).settings();
        assertEquals(1, replaced.pxeMenu.items.size());
        assertEquals("pxelinux.0", replaced.pxeMenu.items.get(0).bootFile);
        assertEquals("Press F8", replaced.pxeMenu.prompt);
        // and --pxe-menu off drops it
        assertNull(ServeCommand.parse(List.of("--workspace", tmp.toString(), "--pxe-menu", "off")).settings().pxeMenu);
    }

    @Test
    void badFirmwareMenuOptionsAreRefusedWithAClearMessage() {
        assertTrue(refused("--pxe-item", "bios:undionly.kpxe").contains("SYSTEM:LABEL:TARGET"));
        assertTrue(refused("--pxe-item", "mips:Boot:x.0").contains("unknown system type 'mips'"));
        assertTrue(refused("--pxe-item", "bios: :x.0").contains("no label"));
        assertTrue(refused("--pxe-item", "bios:Boot:").contains("no target"));
        assertTrue(refused("--pxe-item", "bios:WDS:server=10.77.0").contains("10.77.0"));
        assertTrue(refused("--pxe-item", "bios:WDS:server=10.77.0.9,type=0").contains("1 to 65535"));
        assertTrue(refused("--pxe-item", "bios:WDS:server=10.77.0.9,port=1").contains("unknown 'port=1'"));
        assertTrue(refused("--pxe-timeout", "256").contains("0 to 255"));
        assertTrue(refused("--pxe-timeout", "soon").contains("'soon'"));
        assertTrue(refused("--pxe-menu", "on").contains("--pxe-item"));
    }

    @Test
    void aFirmwareMenuTheEngineCannotSendIsRefusedAtStart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String longLabel = "x".repeat(120);
        int rc = run(List.of("serve", "--workspace", tmp.toString(), "--dhcp", "off", "--pxe-item", "bios:" + longLabel + ":a.0",
                "--pxe-item", "bios:" + longLabel + ":b.0"), out, err);
        assertEquals(2, rc);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("the firmware menu for BIOS takes 297 bytes of option 43, at most 255 fit"), e);
    }

    static int run(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Cli().run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theCommandLineRefusesBadValuesWithExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = run(List.of("serve", "--workspace", tmp.toString(), "--lease-time", "0"), out, err);
        assertEquals(2, rc);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("bootbench serve: --lease-time takes a positive whole number, not '0'"), e);
        assertTrue(e.contains("bootbench serve --help"), e);
        out.reset();
        err.reset();
        assertEquals(2, run(List.of("serve", "--workspace", tmp.toString(), "--iface"), out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--iface needs a value"));
        err.reset();
        assertEquals(2, run(List.of("serve", "--workspace", tmp.toString(), "stray"), out, err));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unexpected argument 'stray'"));
    }

    @Test
    void aRefusedOptionSavesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        run(List.of("serve", "--workspace", tmp.toString(), "--save", "--bios-boot", "x.0", "--http-port", "0"), out, err);
        assertFalse(Files.exists(tmp.resolve("settings.json")), "nothing saved when an option is refused");
    }

    /** Options named in the help text (the long name of an option that has a short one too, as in "-h, --help"). */
    static Set<String> helpOptions(String help) {
        Set<String> opts = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s{2,}(?:-[a-zA-Z], )?(--[a-z0-9-]+)").matcher(help);
        while (m.find()) opts.add(m.group(1));
        return opts;
    }

    @Test
    void helpDocumentsEveryOptionAndEveryDocumentedOptionWorks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(0, run(List.of("serve", "--help"), out, err));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("usage: bootbench serve"), help);
        Set<String> documented = helpOptions(help);

        // every option the command understands: the options its command line is read with
        Set<String> understood = new LinkedHashSet<>();
        for (OptionSpec o : new CommandLine(new ServeCommand()).getCommandSpec().options()) understood.add(o.longestName());
        assertTrue(understood.size() > 20, understood.toString());
        List<String> undocumented = new ArrayList<>(understood);
        undocumented.removeAll(documented);
        assertEquals(List.of(), undocumented, "options missing from 'bootbench serve --help'");

        // every documented option is accepted with a sensible value
        Map<String, String> sample = Map.ofEntries(Map.entry("--address", "10.77.0.1"), Map.entry("--dhcp", "proxy"),
                Map.entry("--range", "10.77.0.100-10.77.0.110"), Map.entry("--lease-time", "60"), Map.entry("--netmask", "255.255.255.0"),
                Map.entry("--router", "10.77.0.254"), Map.entry("--dns", "10.77.0.53"), Map.entry("--http-port", "8080"),
                Map.entry("--tftp-port", "6969"), Map.entry("--router-advertisements", "off"),
                Map.entry("--case-insensitive", "on"), Map.entry("--uefi-path", "shim-grub"), Map.entry("--arm64-path", "grub"),
                Map.entry("--pxe-item", "bios:Boot iPXE:undionly.kpxe"), Map.entry("--pxe-timeout", "5"), Map.entry("--pxe-menu", "off"));
        Set<String> handledByRun = Set.of("--workspace", "--save", "--help");
        for (String opt : documented) {
            if (handledByRun.contains(opt)) continue;
            ServeCommand.apply(new Settings(), opt, sample.getOrDefault(opt, "value"));
        }
        // and the usage of 'bootbench help' lists serve
        out.reset();
        assertEquals(0, run(List.of("help"), out, err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("serve"));
    }

    @Test
    void givenOptionsOverrideSettingsJsonAndAbsentOnesLeaveItAsItIs() {
        Workspace ws = new Workspace(tmp);
        Settings stored = new Settings();
        stored.iface = "old0";
        stored.httpPort = 8080;
        stored.tftpPort = 6900;
        stored.leaseSeconds = 600;
        stored.dns = new ArrayList<>(List.of("10.77.0.53"));
        stored.uefiPath = "grub";
        stored.biosBoot = "lpxelinux.0";
        stored.detectOtherServers = false;
        stored.routerAdvertisements = false;
        stored.caseInsensitiveFiles = true;
        ws.saveSettings(stored);

        ServeCommand.Parsed p = ServeCommand.parse(List.of("--workspace", tmp.toString(), "--iface", "bench0", "--tftp-port", "6969",
                "--dns", ""));
        assertEquals(tmp, p.workspace().dir());
        assertFalse(p.save());
        Settings s = p.settings();
        assertEquals("bench0", s.iface, "given: overrides settings.json");
        assertEquals(6969, s.tftpPort, "given: overrides settings.json");
        assertEquals(List.of(), s.dns, "given empty: no DNS servers");
        // not given: as settings.json has them, not the options' or the settings' defaults
        assertEquals(8080, s.httpPort);
        assertEquals(600, s.leaseSeconds);
        assertEquals("grub", s.uefiPath);
        assertEquals("lpxelinux.0", s.biosBoot);
        assertFalse(s.detectOtherServers, "a flag not given does not switch detection back on");
        assertFalse(s.routerAdvertisements);
        assertTrue(s.caseInsensitiveFiles);
        // reading the command line stores nothing
        assertEquals("old0", ws.loadSettings().iface);

        assertTrue(ServeCommand.parse(List.of("--workspace", tmp.toString(), "--save")).save());
        assertTrue(ServeCommand.parse(List.of("--workspace", tmp.toString(), "-h")).help());
    }

    @Test
    void aRepeatedOptionCountsOnceTheLastOneGiven() {
        ServeCommand.Parsed p = ServeCommand.parse(List.of("--workspace", tmp.toString(), "--iface", "a0", "--http-port=8080", "--iface", "b0"));
        assertEquals("b0", p.settings().iface);
        assertEquals(8080, p.settings().httpPort);
        UsageException e = assertThrows(UsageException.class, () -> ServeCommand.parse(List.of("--workspace", tmp.toString(), "--http-port", "x80")));
        assertTrue(e.getMessage().contains("Invalid value for option '--http-port'"), e.getMessage());
    }

    /** A command that runs from the workspace's settings as serve does (as 'export' will), with the same options. */
    @Command(name = "mirror")
    static final class ServeLike implements Callable<Integer> {
        @Mixin
        ServeOptions serve;

        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void theServeOptionsServeAnotherCommandTheSameWay() {
        Settings stored = new Settings();
        stored.httpPort = 8080;
        new Workspace(tmp).saveSettings(stored);
        ServeLike c = new ServeLike();
        CommandLine cl = Cli.configure(new CommandLine(c));
        cl.parseArgs("--out", "x", "--workspace", tmp.toString(), "--bios-boot", "a.0", "--bios-boot", "b.0", "--save");
        ServeCommand.Parsed p = c.serve.parsed();
        assertEquals(Path.of("x"), c.out);
        assertEquals(tmp, p.workspace().dir());
        assertEquals("b.0", p.settings().biosBoot);
        assertEquals(8080, p.settings().httpPort, "not given: from settings.json");
        assertTrue(p.save());
        ParameterException bad = assertThrows(ParameterException.class,
                () -> Cli.configure(new CommandLine(new ServeLike())).parseArgs("--out", "x", "--lease-time", "0"));
        assertEquals("--lease-time takes a positive whole number, not '0'", bad.getMessage());
        // its help lists every option of serve
        String help = cl.getUsageMessage();
        Set<String> serveHelp = new LinkedHashSet<>();
        for (OptionSpec o : new CommandLine(new ServeCommand()).getCommandSpec().options()) serveHelp.add(o.longestName());
        serveHelp.remove("--help");
        serveHelp.removeAll(helpOptions(help));
        assertEquals(Set.of(), serveHelp, help);
    }
}
