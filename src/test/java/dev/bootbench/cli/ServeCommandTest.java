package dev.bootbench.cli;

import dev.bootbench.engine.DhcpMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.workspace.Settings;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Options named in the help text. */
    static Set<String> helpOptions(String help) {
        Set<String> opts = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s{2,}(--[a-z0-9-]+)").matcher(help);
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

        // every option the command understands, read from its source
        String src = Files.readString(Paths.get("src/main/java/dev/bootbench/cli/ServeCommand.java"));
        Set<String> understood = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:case |equals\\()\"(--[a-z0-9-]+)\"").matcher(src);
        while (m.find()) understood.add(m.group(1));
        assertTrue(understood.size() > 20, understood.toString());
        List<String> undocumented = new ArrayList<>(understood);
        undocumented.removeAll(documented);
        assertEquals(List.of(), undocumented, "options missing from 'bootbench serve --help'");

        // every documented option is accepted with a sensible value
        Map<String, String> sample = Map.ofEntries(Map.entry("--address", "10.77.0.1"), Map.entry("--dhcp", "proxy"),
                Map.entry("--range", "10.77.0.100-10.77.0.110"), Map.entry("--lease-time", "60"), Map.entry("--netmask", "255.255.255.0"),
                Map.entry("--router", "10.77.0.254"), Map.entry("--dns", "10.77.0.53"), Map.entry("--http-port", "8080"),
                Map.entry("--tftp-port", "6969"), Map.entry("--router-advertisements", "off"),
                Map.entry("--case-insensitive", "on"), Map.entry("--uefi-path", "shim-grub"), Map.entry("--arm64-path", "grub"));
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
}
