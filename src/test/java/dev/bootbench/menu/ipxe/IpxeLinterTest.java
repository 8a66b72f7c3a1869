package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.LintOptions;
import dev.bootbench.menu.Severity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpxeLinterTest {
    static List<Finding> lint(String text) {
        return IpxeLinter.lint(IpxeParser.parse("t.ipxe", text), LintOptions.defaults(), null);
    }

    static List<Finding> lint(String text, LintOptions o) {
        return IpxeLinter.lint(IpxeParser.parse("t.ipxe", text), o, null);
    }

    static Set<String> codes(String text) {
        return lint(text).stream().map(Finding::code).collect(Collectors.toSet());
    }

    static void triggers(String code, String script) {
        List<Finding> fs = lint(script);
        assertTrue(fs.stream().anyMatch(f -> f.code().equals(code)), code + " expected in " + fs);
    }

    static void clean(String code, String script) {
        List<Finding> fs = lint(script);
        assertFalse(fs.stream().anyMatch(f -> f.code().equals(code)), code + " not expected in " + fs);
    }

    static final String MENU = """
            #!ipxe
            :start
            menu Boot
            item linux Linux
            item shell Shell
            choose --default linux --timeout 5000 target && goto ${target}
            :linux
            kernel http://server/vmlinuz
            boot || goto start
            :shell
            shell
            goto start
            """;

    @Test
    void aCleanMenuHasNoFindings() {
        assertEquals(List.of(), lint(MENU));
    }

    @Test
    void undefinedGotoTarget() {
        triggers("undefined-label", "#!ipxe\ngoto nowhere\n");
        clean("undefined-label", "#!ipxe\ngoto there\n:there\nexit\n");
        List<Finding> fs = lint("#!ipxe\necho hi\ngoto nowhere\n");
        Finding f = fs.stream().filter(x -> x.code().equals("undefined-label")).findFirst().orElseThrow();
        assertEquals(3, f.line());
        assertEquals(6, f.column());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("t.ipxe:3:6: error: goto 'nowhere': no such label [undefined-label]", f.format());
    }

    @Test
    void undefinedChooseDefault() {
        triggers("undefined-choice", MENU.replace("--default linux", "--default windows"));
        clean("undefined-choice", MENU);
    }

    @Test
    void itemWithoutSection() {
        triggers("item-without-section", MENU.replace("item shell Shell", "item shell Shell\nitem memtest Memtest"));
        clean("item-without-section", MENU);
        // prefixed dispatch: goto os_${target}
        String prefixed = "#!ipxe\nmenu\nitem a A\nitem b B\nchoose t || exit\ngoto os_${t}\n:os_a\nexit\n:os_b\nexit\n";
        assertEquals(List.of(), lint(prefixed));
        triggers("item-without-section", prefixed.replace(":os_b\nexit\n", ""));
    }

    @Test
    void labelNeverReached() {
        triggers("unreachable-label", "#!ipxe\nexit\n:orphan\necho never\n");
        clean("unreachable-label", "#!ipxe\ngoto later\n:later\nexit\n");
        // reached only through goto ${target} from a choose over items
        clean("unreachable-label", MENU);
        // reached by falling through
        clean("unreachable-label", "#!ipxe\necho a\n:next\necho b\n");
    }

    @Test
    void variablesNeverSet() {
        triggers("undefined-variable", "#!ipxe\necho ${nothing}\n");
        clean("undefined-variable", "#!ipxe\nset x 1\necho ${x}\n");
        clean("undefined-variable", "#!ipxe\necho -n Name: && read name\necho ${name}\n");
        clean("undefined-variable", "#!ipxe\nisset ${x} || set x 0\necho ${x}\n");
        clean("undefined-variable", "#!ipxe\nisset ${x} && echo ${x} ||\n");
        clean("undefined-variable", "#!ipxe\nset esc:hex 1b\necho ${esc:string}[1m\n");
        clean("undefined-variable", "#!ipxe\necho ${platform} ${buildarch} ${mac} ${ip} ${netmask} ${gateway} ${dns} ${domain} ${next-server} "
                + "${filename} ${uuid} ${manufacturer} ${product} ${serial} ${asset} ${hostname} ${user-class} ${proxydhcp/next-server} "
                + "${net0/ip} ${net1/mac} ${15} ${175.19} ${}\n");
        clean("undefined-variable", MENU.replace("shell\ngoto start", "echo ${target}\nshell\ngoto start"));
        // set after use only
        triggers("undefined-variable", "#!ipxe\necho ${late}\nset late 1\n");
        // settings survive chain: the caller's are inherited
        List<Finding> inherited = lint("#!ipxe\necho ${cls}\n", LintOptions.defaults().withInherited(Set.of("cls")));
        assertEquals(List.of(), inherited);
    }

    @Test
    void unknownCommand() {
        triggers("unknown-command", "#!ipxe\nfrobnicate now\n");
        clean("unknown-command", "#!ipxe\ndhcp\nifstat\nimgfree\ncpuid --ext 29 ||\nsleep 1\n");
    }

    @Test
    void memdiskAndCom32OnEfi() {
        String unguarded = "#!ipxe\nkernel http://s/memdisk iso raw\ninitrd http://s/x.iso\nboot\n";
        triggers("bios-only-on-efi", unguarded);
        triggers("bios-only-on-efi", "#!ipxe\nchain http://s/menu.c32\n");
        clean("bios-only-on-efi", "#!ipxe\niseq ${platform} pcbios && kernel http://s/memdisk iso raw ||\n");
        clean("bios-only-on-efi", "#!ipxe\niseq ${platform} efi || kernel http://s/memdisk iso raw\n");
        // a section reached only from an item shown on pcbios
        String viaItem = "#!ipxe\n:m\nmenu\niseq ${platform} pcbios && item memtest Memtest ||\nitem back Back\nchoose t && goto ${t}\n"
                + ":memtest\nkernel http://s/memdisk iso raw\nboot || goto m\n:back\nexit\n";
        assertEquals(List.of(), lint(viaItem));
        triggers("bios-only-on-efi", viaItem.replace("iseq ${platform} pcbios && item memtest Memtest ||", "item memtest Memtest"));
        // goto x_${platform}
        clean("bios-only-on-efi", "#!ipxe\ngoto iso_${platform}\n:iso_pcbios\nkernel http://s/memdisk\nboot ||\n:iso_efi\nexit\n");
    }

    @Test
    void biosProgramOnEfiAndTheReverse() {
        triggers("bios-only-on-efi", "#!ipxe\nchain tftp://10.0.0.1/boot/x64/wdsnbp.com\n");
        triggers("bios-only-on-efi", "#!ipxe\nchain http://s/undionly.kpxe\n");
        clean("bios-only-on-efi", "#!ipxe\niseq ${platform} pcbios && chain tftp://10.0.0.1/boot/x64/wdsnbp.com ||\n");
        triggers("efi-only-on-bios", "#!ipxe\nchain tftp://10.0.0.1/boot/x64/wdsmgfw.efi\n");
        clean("efi-only-on-bios", "#!ipxe\niseq ${platform} efi && chain tftp://10.0.0.1/boot/x64/wdsmgfw.efi ||\n");
        clean("efi-only-on-bios", "#!ipxe\niseq ${platform} efi && iseq ${buildarch} x86_64 && chain http://s/snp.efi ||\n");
    }

    @Test
    void itemWithoutName() {
        triggers("item-without-name", "#!ipxe\nmenu\nitem\nitem a A\nchoose t && goto ${t}\n:a\nexit\n");
        clean("item-without-name", "#!ipxe\nmenu\nitem --gap\nitem a A\nchoose t && goto ${t}\n:a\nexit\n");
    }

    @Test
    void duplicateItemsAndBareGoto() {
        triggers("duplicate-item", "#!ipxe\nmenu\nitem a A\nitem a Again\nchoose t && goto ${t}\n:a\nexit\n");
        // the same item under exclusive platform conditions is one entry
        clean("duplicate-item", "#!ipxe\nmenu\niseq ${platform} efi && item a A ||\niseq ${platform} pcbios && item a A ||\nchoose t && goto ${t}\n:a\nexit\n");
        triggers("syntax", "#!ipxe\ngoto\n");
        clean("syntax", "#!ipxe\ngoto end\n:end\n");
    }

    @Test
    void shebangAndSyntax() {
        triggers("no-shebang", "echo hi\n");
        clean("no-shebang", "#!ipxe\necho hi\n");
        triggers("unbalanced-brace", "#!ipxe\necho ${oops\n");
        clean("unbalanced-brace", "#!ipxe\necho ${platform}\n");
        triggers("duplicate-label", "#!ipxe\n:a\necho 1\n:a\necho 2\n");
        clean("duplicate-label", "#!ipxe\n:a\necho 1\n:b\necho 2\n");
    }

    @Test
    void missingFilesUnderRoots(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("debian"));
        Files.writeString(root.resolve("debian/linux"), "kernel");
        LintOptions o = new LintOptions(List.of(root), false, null, Set.of());
        String script = "#!ipxe\nisset ${base-url} || set base-url http://${next-server}\nkernel ${base-url}/debian/linux\ninitrd ${base-url}/debian/initrd.gz\nboot\n";
        List<Finding> fs = lint(script, o);
        assertEquals(1, fs.stream().filter(f -> f.code().equals("missing-file")).count(), fs.toString());
        assertEquals(4, fs.stream().filter(f -> f.code().equals("missing-file")).findFirst().orElseThrow().line());
        Files.writeString(root.resolve("debian/initrd.gz"), "initrd");
        assertEquals(List.of(), lint(script, o));
        // without roots there is no file check
        Files.delete(root.resolve("debian/initrd.gz"));
        assertEquals(List.of(), lint(script));
        // http://${next-server}/path and a literal base URL variable count as local too
        assertEquals(1, lint("#!ipxe\nset base http://${next-server}\nkernel ${base}/nothing/here\n", o).stream()
                .filter(f -> f.code().equals("missing-file")).count());
    }

    @Test
    void remote404OnlyWhenAsked() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            int status = ex.getRequestURI().getPath().equals("/there") ? 200 : 404;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            LintOptions on = new LintOptions(List.of(), true, Duration.ofSeconds(5), Set.of());
            List<Finding> fs = lint("#!ipxe\nkernel " + base + "/gone\ninitrd " + base + "/there\n", on);
            assertEquals(1, fs.stream().filter(f -> f.code().equals("remote-404")).count(), fs.toString());
            assertEquals(2, fs.stream().filter(f -> f.code().equals("remote-404")).findFirst().orElseThrow().line());
            assertEquals(List.of(), lint("#!ipxe\nkernel " + base + "/gone\n", LintOptions.defaults()));
        } finally {
            server.stop(0);
        }
    }

    // ---- the seeds ----

    @Test
    void seedMainHasNoFalseFindings() {
        List<Finding> fs = lint(Fixtures.seed("main.ipxe"));
        assertEquals(List.of(), fs);
    }

    @Test
    void seedEmbeddedScriptHasNoErrors() {
        List<Finding> fs = lint(Fixtures.seed("embed.ipxe"));
        assertTrue(fs.stream().noneMatch(Finding::isError), fs.toString());
        assertEquals(List.of(), lint(Fixtures.seed("simple.ipxe")));
    }

    @Test
    void seedUbuntuDefectsAreReported() {
        List<Finding> fs = IpxeLinter.lint(IpxeParser.parse("ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe")), LintOptions.defaults(), null);
        List<String> lines = fs.stream().map(Finding::format).toList();
        assertTrue(lines.contains("ubuntu.ipxe:57:6: error: goto 'main_ubuntu': no such label [undefined-label]"), lines.toString());
        assertTrue(lines.contains("ubuntu.ipxe:24:6: warning: ${os} is never set [undefined-variable]"), lines.toString());
        assertTrue(fs.stream().anyMatch(f -> f.line() == 30 && f.message().startsWith("${type}")), lines.toString());
        assertTrue(fs.stream().anyMatch(f -> f.line() == 56 && f.message().startsWith("${arch}") && f.message().contains("${arch_a}")), lines.toString());
        assertTrue(fs.stream().anyMatch(f -> f.line() == 13 && f.code().equals("item-without-name")), lines.toString());
        assertTrue(fs.stream().anyMatch(f -> f.line() == 55 && f.code().equals("unreachable-label")), lines.toString());
        // ${cls} comes from main.ipxe, which chains ubuntu.ipxe: inherited it is fine
        Set<String> fromMain = IpxeLinter.settingsSet(IpxeParser.parse("main.ipxe", Fixtures.seed("main.ipxe")));
        assertTrue(fromMain.contains("cls"));
        List<Finding> chained = IpxeLinter.lint(IpxeParser.parse("ubuntu.ipxe", Fixtures.seed("ubuntu.ipxe")),
                LintOptions.defaults().withInherited(fromMain), null);
        assertTrue(chained.stream().noneMatch(f -> f.message().startsWith("${cls}")));
        assertTrue(chained.stream().anyMatch(f -> f.message().startsWith("${os}")));
    }

    @Test
    void generatedScriptsLintClean() {
        assertEquals(List.of(), lint(IpxeGenerator.generate(Fixtures.everyKind())));
        // as served, with the client's beacon URL
        assertEquals(List.of(), lint(IpxeGenerator.generate(Fixtures.everyKind(), "http://10.0.0.1/_/event?mac=52:54:00:12:34:56")));
    }

    @Test
    void theTimeoutSettingMustBeSetBeforeTheMenu() {
        String s = IpxeGenerator.generate(dev.bootbench.menu.Menu.builder("M").defaultEntry("a").timeoutMs(5000)
                .entry("a", "A", new dev.bootbench.menu.BootAction.Linux("vmlinuz", List.of(), "")).build());
        assertEquals(List.of(), lint(s));
        // a misspelt setting would leave choose without a timeout value: reported at its use
        List<String> lines = List.of(s.split("\n"));
        int choose = lines.indexOf("choose --default a --timeout ${main-timeout} target || exit") + 1;
        List<Finding> fs = lint(s.replace("--timeout ${main-timeout}", "--timeout ${main-timout}"));
        assertEquals(List.of("t.ipxe:" + choose + ":30: warning: ${main-timout} is never set (did you mean ${main-timeout}?) [undefined-variable]"),
                fs.stream().map(Finding::format).toList());
    }

    @Test
    void beaconsAndTheirSettings() {
        // guarded by isset, ${bb-event} is fine; ${errno} is iPXE's own
        String guarded = "#!ipxe\nkernel http://s/k || goto failed\nisset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=booting && imgfree bb-beacon ||\n"
                + "boot || goto failed\n:failed\nisset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=failed&reason=${errno} && imgfree bb-beacon ||\n";
        assertEquals(List.of(), lint(guarded));
        // unguarded in a script that never sets it: reported where it is used
        List<Finding> fs = lint("#!ipxe\nimgfetch --name bb-beacon ${bb-event}&stage=booting ||\necho ${errno} ${errnum}\n");
        assertEquals(List.of("t.ipxe:2:27: warning: ${bb-event} is never set [undefined-variable]",
                "t.ipxe:3:15: warning: ${errnum} is never set [undefined-variable]"), fs.stream().map(Finding::format).toList());
    }

    @Test
    void remoteChecksNeverFetchTheBeacon() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            asked.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String script = "#!ipxe\nset bb-event " + base + "/_/event?mac=52:54:00:12:34:56\nkernel " + base + "/gone || goto failed\n"
                    + "isset ${bb-event} && imgfetch --name bb-beacon ${bb-event}&stage=booting && imgfree bb-beacon ||\nboot || goto failed\n:failed\nexit 1\n";
            List<Finding> fs = lint(script, new LintOptions(List.of(), true, Duration.ofSeconds(5), Set.of()));
            assertEquals(List.of("t.ipxe:3:1: error: " + base + "/gone answers 404 Not Found [remote-404]"), fs.stream().map(Finding::format).toList());
            assertEquals(List.of("HEAD /gone"), asked, "a HEAD of the beacon would report a stage");
        } finally {
            server.stop(0);
        }
    }
}
