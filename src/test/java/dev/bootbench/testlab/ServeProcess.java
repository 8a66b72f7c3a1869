package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar target/bootbench.jar serve ...} running inside a test namespace. */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts serve with the given options (inside {@code ns}, or here when null) and waits until it logs that it is ready. */
    public static ServeProcess start(Netns ns, Path logFile, String... options) throws IOException {
        return start(ns, Lab.jar(), logFile, options);
    }

    /** The same, from another build's jar (the boot-time benchmark compares two). */
    public static ServeProcess start(Netns ns, Path jar, Path logFile, String... options) throws IOException {
        return start(ns, jar, List.of("-Xmx256m"), logFile, options);
    }

    /** The same with these JVM options (the boot-time benchmark gives those of the packaged launcher, as users run it). */
    public static ServeProcess start(Netns ns, Path jar, List<String> jvmOptions, Path logFile, String... options) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        cmd.addAll(List.of(options));
        Files.deleteIfExists(logFile);
        Files.createFile(logFile);
        Process p;
        if (ns != null) {
            p = ns.start(cmd, logFile);
        } else {
            // on this machine's loopback: for tests that need no interface of their own (and no root)
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        }
        ServeProcess s = new ServeProcess(p, logFile);
        s.awaitLog(l -> l.contains("serve: ready"), Duration.ofSeconds(60));
        return s;
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public Path logFile() {
        return log;
    }

    /** Waits for a log line; fails with the whole log when it does not come in time. */
    public String awaitLog(Predicate<String> line, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String l : log().split("\n")) if (line.test(l)) return l;
            if (!process.isAlive()) throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + log());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("serve did not log the expected line within " + timeout + ":\n" + log());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd or a terminal would; returns the exit code (143 is not clean: serve must exit 0). */
    public int stop() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy); // ip netns exec -> java
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("serve did not stop within 20 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL of serve's JVM (and the {@code ip netns exec} in front of it): a crash, no chance to save anything. */
    public void kill9() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) throw new AssertionError("serve did not die of SIGKILL within 20 s");
    }

    /** The serve JVM's process id (the {@code ip netns exec} in front of it execs java, or forks it). */
    public long javaPid() {
        return process.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("java")).map(ProcessHandle::pid)
                .findFirst().orElse(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
