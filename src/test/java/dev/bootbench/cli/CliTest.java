package dev.bootbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a whole: usage errors, help, version, and the bash completion the .deb installs. */
class CliTest {
    static final List<String> COMMANDS = List.of("serve", "lint", "simulate", "generate", "import");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = new Cli().run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Exit status 2, nothing on stdout, and on stderr the command, the reason (with each of {@code expected}) and where help is. */
    static Run usageError(String command, List<String> argv, String... expected) {
        Run r = run(argv.toArray(String[]::new));
        assertEquals(2, r.code(), argv + ": " + r.err());
        assertEquals("", r.out(), argv.toString());
        assertTrue(r.err().startsWith("bootbench " + command + ": "), argv + ": " + r.err());
        for (String x : expected) assertTrue(r.err().contains(x), argv + " says " + x + ": " + r.err());
        assertTrue(r.err().contains("Try 'bootbench " + command + " --help'."), r.err());
        return r;
    }

    @Test
    void usageErrorsExitTwoNamingTheOptionAtFault() throws Exception {
        String ws = tmp.resolve("ws").toString();
        usageError("serve", List.of("serve", "--workspace", ws, "--http-port", "abc"), "Invalid value for option '--http-port': 'abc' is not an int");
        usageError("serve", List.of("serve", "--workspace", ws, "--tftp-port", "70000"), "--tftp-port takes a port from 1 to 65535, not 70000");
        usageError("serve", List.of("serve", "--workspace", ws, "--dhcp", "sideways"), "Invalid value for option '--dhcp'", "full, proxy or off");
        usageError("serve", List.of("serve", "--workspace", ws, "--address", "10.77.0.300"), "Invalid value for option '--address'", "10.77.0.300");
        usageError("serve", List.of("serve", "--workspace", ws, "--router-advertisements", "maybe"), "'--router-advertisements'", "on or off");
        usageError("serve", List.of("serve", "--workspace", ws, "--uefi-path=pxelinux"), "'--uefi-path'", "ipxe, grub or shim-grub");
        usageError("serve", List.of("serve", "--workspace", ws, "--frobnicate", "1"), "unknown option --frobnicate");
        usageError("serve", List.of("serve", "--workspace", ws, "--ifac=bench0"), "unknown option --ifac", "--iface");
        usageError("serve", List.of("serve", "--workspace", ws, "--root"), "--root needs a value");
        usageError("serve", List.of("serve", "--workspace"), "--workspace needs a value");
        assertTrue(!Files.exists(tmp.resolve("ws")), "a refused command line creates no workspace");

        Path script = Files.writeString(tmp.resolve("a.ipxe"), "#!ipxe\nexit\n");
        usageError("lint", List.of("lint", "--format", "yaml", script.toString()), "Invalid value for option '--format'", "ipxe, pxelinux or grub");
        usageError("lint", List.of("lint", "--format", "ipxe", "--format", "grub", script.toString()), "'--format'", "only once");
        usageError("lint", List.of("lint", "--root", tmp.resolve("nothing").toString(), script.toString()), "--root", "is not a folder");
        usageError("lint", List.of("lint", "-x", script.toString()), "unknown option -x");
        usageError("lint", List.of("lint"), "FILE");
        usageError("simulate", List.of("simulate", script.toString(), "--platform", "amiga", "--arch", "x86_64"),
                "Invalid value for option '--platform'", "pcbios or efi");
        usageError("simulate", List.of("simulate", script.toString(), "--arch", "x86_64"), "--platform");
        usageError("simulate", List.of("simulate", script.toString(), "--platform", "efi", "--arch", "x86_64", "--option", "novalue"), "--option");
        usageError("simulate", List.of("simulate", script.toString(), script.toString(), "--platform", "efi", "--arch", "x86_64"), "unexpected argument");
        usageError("generate", List.of("generate", "menu.json"), "--format");
        usageError("generate", List.of("generate", "menu.json", "--format", "yaml"), "'--format'");
        usageError("import", List.of("import", script.toString(), "--format", "grub2"), "'--format'");
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        Run r = run("serv");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("bootbench: unknown command 'serv'"), r.err());
        assertTrue(r.err().contains("bootbench serve"), "suggested: " + r.err());
        for (String c : COMMANDS) assertTrue(r.err().contains("\n  " + c + " "), c + " listed: " + r.err());
        Run opt = run("--frobnicate");
        assertEquals(2, opt.code());
        assertTrue(opt.err().startsWith("bootbench: unknown option --frobnicate"), opt.err());
    }

    @Test
    void helpAndVersion() {
        for (String[] argv : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"-h"})) {
            Run r = run(argv);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("usage: bootbench [COMMAND]"), r.out());
            for (String c : COMMANDS) assertTrue(r.out().contains("\n  " + c + " "), c + " listed: " + r.out());
        }
        for (String c : COMMANDS) {
            Run help = run(c, "--help");
            assertEquals(0, help.code(), help.err());
            assertTrue(help.out().startsWith("usage: bootbench " + c), help.out());
            assertTrue(help.out().contains("Exit status:\n") && help.out().contains("  2   usage error"), help.out());
            assertEquals(help, run(c, "-h"));
            assertEquals(help, run("help", c));
        }
        assertTrue(run("serve", "--help").out().contains("--workspace=DIR"), "with the default folder");
        assertEquals(new Run(0, "bootbench " + Cli.version() + "\n", ""), run("--version"));
        assertEquals(run("--version"), run("version"));
    }

    @Test
    void theBashCompletionOffersCommandsOptionsAndValues() throws Exception {
        String script = Cli.bashCompletion();
        for (String c : COMMANDS) assertTrue(script.contains("_picocli_bootbench_" + c + "()"), c + " has its completion");
        assertTrue(script.contains("complete -F _complete_bootbench") && script.contains(" bootbench"), "registered for the bootbench command");
        // what the packaging writes is that script
        Path file = tmp.resolve("bootbench");
        Cli.main(new String[] {file.toString()});
        assertEquals(script, Files.readString(file));

        // and bash completes with it: the words a user would get after pressing Tab
        assertEquals("serve", complete(file, "bootbench", "se"));
        assertEquals("simulate", complete(file, "bootbench", "si"));
        assertEquals("--http-port", complete(file, "bootbench", "serve", "--http-p"));
        assertEquals("full proxy off", complete(file, "bootbench", "serve", "--dhcp", ""));
        assertEquals("on off", complete(file, "bootbench", "serve", "--router-advertisements", ""));
        assertEquals("ipxe grub shim-grub", complete(file, "bootbench", "serve", "--iface", "x", "--uefi-path", ""));
        assertEquals("ipxe pxelinux grub", complete(file, "bootbench", "lint", "--format", ""));
        assertEquals("pcbios efi", complete(file, "bootbench", "simulate", "--platform", ""));
        Files.createDirectories(tmp.resolve("roots/tftproot"));
        assertEquals(tmp.resolve("roots/tftproot").toString(), complete(file, "bootbench", "serve", "--root", tmp.resolve("roots/tf").toString()));
    }

    /** The words bash's completion of {@code words} (the last one the word being typed) offers, separated by spaces. */
    static String complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w).append("'");
        String driver = "source '" + script + "'\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "_complete_bootbench 2>/dev/null\necho \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", driver).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip();
    }
}
