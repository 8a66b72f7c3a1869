package dev.bootbench.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.Segment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux installer that 'mvn verify' builds with jpackage: its contents, its launcher, its privileges. */
class PackagingIT {
    private static final Path APP = Paths.get("target/jpackage/Bootbench").toAbsolutePath();
    /** The desktop app's launcher (the menu entry). */
    private static final Path LAUNCHER = APP.resolve("bin/Bootbench");
    /** The terminal and service launcher: the bootbench command, the systemd unit. */
    private static final Path CLI = APP.resolve("bin/bootbench-cli");

    @TempDir
    Path tmp;

    private static Path deb() throws IOException {
        Lab.require(Files.isExecutable(LAUNCHER), "the jpackage app-image is missing (the linux-package profile builds it in 'mvn verify' on Linux)");
        try (Stream<Path> s = Files.list(APP.getParent())) {
            return s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow(() -> new AssertionError("no .deb was built"));
        }
    }

    @Test
    void theDebHasTheAppTheDesktopEntryAndTheFileTypes() throws IOException {
        Lab.requireRootAnd("dpkg-deb");
        Path deb = deb();
        String info = Exec.run("dpkg-deb", "-I", deb.toString()).orThrow().stdout();
        assertTrue(info.contains("Package: bootbench"), info);
        assertTrue(info.contains("Section: net"), info);
        String files = Exec.run("dpkg-deb", "-c", deb.toString()).orThrow().stdout();
        for (String f : List.of("./opt/bootbench/bin/Bootbench", "./opt/bootbench/bin/bootbench-cli", "./opt/bootbench/lib/bootbench-Bootbench.desktop",
                "./opt/bootbench/lib/app/bootbench.jar", "./opt/bootbench/lib/app/bootbench-privileged",
                "./opt/bootbench/lib/app/bootbench-serve.service", "./opt/bootbench/lib/bootbench-Bootbench-MimeInfo.xml",
                "./opt/bootbench/lib/app/bootbench.bash-completion")) {
            assertTrue(files.contains(f), f + " in\n" + files);
        }
        Path x = tmp.resolve("x");
        Exec.run("dpkg-deb", "-x", deb.toString(), x.toString()).orThrow();
        String desktop = Files.readString(x.resolve("opt/bootbench/lib/bootbench-Bootbench.desktop"));
        assertTrue(desktop.contains("Exec=/opt/bootbench/bin/Bootbench"), desktop);
        assertTrue(desktop.contains("text/x-ipxe"), desktop);
        String mime = Files.readString(x.resolve("opt/bootbench/lib/bootbench-Bootbench-MimeInfo.xml"));
        assertTrue(mime.contains("*.ipxe") && mime.contains("text/x-pxelinux-config"), mime);
        Path control = tmp.resolve("c");
        Exec.run("dpkg-deb", "-e", deb.toString(), control.toString()).orThrow();
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("ln -sf /opt/bootbench/bin/bootbench-cli /usr/bin/bootbench"), postinst);
        assertTrue(!files.contains("bootbench-cli.desktop"), "the terminal launcher has no menu entry: " + files);
        // the bash completion of the bootbench command: installed where bash-completion looks for it, removed with the package
        assertTrue(postinst.contains("install -D -m 0644 /opt/bootbench/lib/app/bootbench.bash-completion /usr/share/bash-completion/completions/bootbench"),
                postinst);
        assertTrue(Files.readString(control.resolve("postrm")).contains("rm -f /usr/share/bash-completion/completions/bootbench"));
        Path completion = x.resolve("opt/bootbench/lib/app/bootbench.bash-completion");
        String script = Files.readString(completion);
        for (String c : List.of("serve", "lint", "simulate", "generate", "import")) assertTrue(script.contains("_picocli_bootbench_" + c + "()"), c + " in " + completion);
        assertEquals("serve", complete(completion, "bootbench", "se"), "bash completes the commands");
        assertEquals("full proxy off", complete(completion, "bootbench", "serve", "--dhcp", ""), "and the values of serve's options");
        String unit = Files.readString(x.resolve("opt/bootbench/lib/app/bootbench-serve.service"));
        assertTrue(unit.contains("ExecStart=/opt/bootbench/bin/bootbench-cli serve"), unit);
        assertEquals(0, Exec.run("sh", "-n", control.resolve("postinst").toString()).exitCode(), "postinst is valid sh");
        assertEquals(0, Exec.run("sh", "-n", control.resolve("postrm").toString()).exitCode(), "postrm is valid sh");
    }

    /**
     * The window's JVM compiles with C1 only (it then keeps the CPU for the window) and keeps at least
     * 128 MiB of heap (G1 otherwise shrinks it to about 50 MiB, then collects and marks every few
     * seconds); serve compiles with C1 only too (a fresh serve's first clients are not slowed by C2
     * compiling) and keeps the JVM's own heap sizing.
     */
    @Test
    void bothLaunchersRunC1Only() throws IOException {
        deb();
        String desktop = Files.readString(APP.resolve("lib/app/Bootbench.cfg"));
        String cli = Files.readString(APP.resolve("lib/app/bootbench-cli.cfg"));
        assertTrue(desktop.contains("java-options=-XX:TieredStopAtLevel=1"), desktop);
        assertTrue(desktop.contains("java-options=-Xms128m"), desktop);
        assertTrue(cli.contains("java-options=-XX:TieredStopAtLevel=1"), cli);
        assertTrue(!cli.contains("Xms128m"), cli);
        for (String cfg : List.of(desktop, cli)) assertTrue(cfg.contains("java-options=-Xmx1g") && cfg.contains("app.mainclass=dev.bootbench.Main"), cfg);
        // and each JVM really runs that way: the flags it ends up with, as its launcher starts it
        assertEquals("1", jvmFlag(LAUNCHER, "TieredStopAtLevel"), "the desktop launcher's JVM stops at C1");
        assertEquals("1", jvmFlag(CLI, "TieredStopAtLevel"), "the terminal launcher's JVM stops at C1");
        assertEquals(String.valueOf(128L << 20), jvmFlag(LAUNCHER, "MinHeapSize"), "the desktop launcher's heap never shrinks below 128 MiB");
        // the terminal launcher compiles sooner (a fresh serve's first DHCP clients: src/bench/dhcp/run.sh MODE=cold)
        assertTrue(cli.contains("java-options=-XX:CompileThresholdScaling=0.2"), cli);
        assertEquals("0.200000", jvmFlag(CLI, "CompileThresholdScaling"), "the terminal launcher's JVM compiles after a fifth of the usual calls");
        assertEquals("1.000000", jvmFlag(LAUNCHER, "CompileThresholdScaling"), "the desktop launcher keeps the usual thresholds");
        assertEquals("true", jvmFlag(CLI, "UseSerialGC"), "the terminal launcher's JVM collects with Serial");
        assertEquals(String.valueOf(64L << 20), jvmFlag(CLI, "NewSize"), "with a 64 MiB young generation");
        assertEquals("true", jvmFlag(LAUNCHER, "UseG1GC"), "the desktop launcher keeps G1");
    }

    /**
     * The bundled runtime carries the JDK's class-data-sharing archive (jlink --generate-cds-archive), which the jlinked
     * runtime otherwise lacks: both launchers map it (with -Xshare:on a JVM that cannot exits with an error), so their
     * JDK classes load from it, and the .deb installs it.
     */
    @Test
    void bothLaunchersMapTheRuntimesClassDataArchive() throws IOException {
        Path deb = deb();
        Path archive = APP.resolve("lib/runtime/lib/server/classes.jsa");
        assertTrue(Files.size(archive) > 1 << 20, archive + " is missing or too small");
        for (Path launcher : List.of(CLI, LAUNCHER)) {
            Exec.Result r = Exec.run(Duration.ofSeconds(60), List.of("env", "JAVA_TOOL_OPTIONS=-Xshare:on -Xlog:cds=info,class+load=info",
                    launcher.toString(), "--version"));
            assertEquals(0, r.exitCode(), launcher + " could not map its CDS archive:\n" + r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("Opened archive " + archive), r.stdout());
            assertTrue(r.stdout().contains("java.lang.Object source: shared objects file"), r.stdout());
        }
        Exec.Result contents = Exec.run("dpkg-deb", "--contents", deb.toString()).orThrow();
        assertTrue(contents.stdout().contains("./opt/bootbench/lib/runtime/lib/server/classes.jsa"), contents.stdout());
    }

    /** The words bash offers with the completion {@code script} for {@code words} (the last one being typed), separated by spaces. */
    private static String complete(Path script, String... words) {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w).append("'");
        Exec.Result r = Exec.run("bash", "-c", "source '" + script + "'\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\n_complete_bootbench 2>/dev/null\necho \"${COMPREPLY[*]}\"\n").orThrow();
        return r.stdout().strip();
    }

    /** A flag of the JVM the launcher starts ({@code -XX:+PrintFlagsFinal} through JAVA_TOOL_OPTIONS). */
    private static String jvmFlag(Path launcher, String flag) throws IOException {
        Exec.Result r = Exec.run(Duration.ofSeconds(60), List.of("env", "JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal", launcher.toString(), "--version"));
        assertEquals(0, r.exitCode(), r.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" " + flag + "\\s+=\\s+([\\w.]+)").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return m.group(1);
    }

    @Test
    void thePackagedLauncherRunsHeadless() throws IOException {
        deb();
        Exec.Result help = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "serve", "--help"));
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("--ipxe-script"), help.stdout());
        Exec.Result version = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "--version"));
        assertTrue(version.stdout().startsWith("bootbench 0.1.0"), version.stdout());
        // lint through the packaged launcher: a clean sample passes, a broken one names file, line and column
        Path good = tmp.resolve("good.ipxe");
        Files.writeString(good, "#!ipxe\nmenu Bench\nitem shell iPXE shell\nitem exit Local disk\nchoose --default exit --timeout 5000 target && goto ${target}\n"
                + ":shell\nshell\n:exit\nexit\n");
        Exec.Result clean = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "lint", good.toString()));
        assertEquals(0, clean.exitCode(), clean.stdout() + clean.stderr());
        Path broken = tmp.resolve("broken.ipxe");
        Files.writeString(broken, "#!ipxe\ngoto nowhere\n");
        Exec.Result lint = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "lint", broken.toString()));
        assertEquals(1, lint.exitCode(), lint.stdout() + lint.stderr());
        assertTrue(lint.stdout().contains(broken + ":2:6: error:"), lint.stdout());
        Exec.Result bad = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "serve", "--dhcp", "sideways"));
        assertEquals(2, bad.exitCode(), "a usage error exits 2");
        assertTrue(bad.stderr().contains("full, proxy or off"), bad.stderr());
        // the command line is read by picocli, which the packaged jar carries
        Exec.Result typed = Exec.run(Duration.ofSeconds(60), List.of(CLI.toString(), "serve", "--http-port", "abc"));
        assertEquals(2, typed.exitCode(), typed.stdout() + typed.stderr());
        assertTrue(typed.stderr().contains("Invalid value for option '--http-port': 'abc' is not an int"), typed.stderr());
    }

    /**
     * The documented way to run without root: an ordinary user with CAP_NET_BIND_SERVICE and CAP_NET_RAW
     * only (what bootbench-privileged and the systemd unit grant). Without them serve says what to do.
     */
    @Test
    void anOrdinaryUserWithOnlyTheTwoCapabilitiesServesAndWithoutThemIsToldWhatToDo() throws Exception {
        Lab.requireRootAnd("setpriv", "busybox", "ip");
        deb();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Segment seg = new Segment()) {
            Netns srv = seg.host("srv", "bench0", "10.77.0.1/24");
            List<String> base = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
            List<String> serve = List.of(CLI.toString(), "serve", "--iface", "bench0", "--workspace", ws.toString(),
                    "--range", "10.77.0.100-10.77.0.110", "--no-detect");

            List<String> unprivileged = new ArrayList<>(base);
            unprivileged.addAll(serve);
            Exec.Result denied = srv.exec(Duration.ofSeconds(60), unprivileged.toArray(String[]::new));
            assertEquals(1, denied.exitCode(), denied.stdout() + denied.stderr());
            String text = denied.stdout() + denied.stderr();
            assertTrue(text.contains("ports below 1024 need root or CAP_NET_BIND_SERVICE"), text);
            assertTrue(text.contains("Do not setcap the java binary"), text);

            List<String> privileged = new ArrayList<>(base);
            privileged.addAll(List.of("--inh-caps=+net_bind_service,+net_raw", "--ambient-caps=+net_bind_service,+net_raw"));
            privileged.addAll(serve);
            Path log = tmp.resolve("serve.log");
            srv.start(privileged, log);
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end && !(Files.exists(log) && Files.readString(log).contains("serve: ready"))) Thread.sleep(200);
            assertTrue(Files.readString(log).contains("listening on bench0"), Files.readString(log));
            Netns cli = seg.host("cli", "eth0", null);
            Exec.Result lease = cli.exec(Duration.ofSeconds(40), "busybox", "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "4", "-T", "2", "-s", "/bin/true");
            assertTrue(lease.stderr().contains("lease of 10.77.0.1") || lease.stdout().contains("lease of 10.77.0.1"), lease.stdout() + lease.stderr() + Files.readString(log));
            String status = srv.exec("sh", "-c", "for p in $(pgrep -f 'ws " + "|bootbench-cli'); do grep -H Uid /proc/$p/status; done").stdout();
            assertTrue(Files.readString(log).contains("answering IPv6 router solicitations"), "CAP_NET_RAW is enough for the advertisements: " + Files.readString(log) + status);
        }
    }
}
