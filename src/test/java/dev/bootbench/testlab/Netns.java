package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace the test creates and removes: a host of the test bench. Everything a test
 * sends stays inside namespaces like this one; nothing touches the machine's own interfaces.
 */
public final class Netns implements AutoCloseable {
    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create(String role) {
        String name = "bb" + role + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Exec.run("ip", "netns", "add", name).orThrow();
        Netns ns = new Netns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip ARGS} inside this namespace. */
    public Exec.Result ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return Exec.run(Duration.ofSeconds(20), cmd).orThrow();
    }

    public Exec.Result exec(Duration timeout, String... cmd) {
        return Exec.run(timeout, wrap(List.of(cmd)));
    }

    public Exec.Result exec(String... cmd) {
        return exec(Duration.ofSeconds(60), cmd);
    }

    /** Starts a long-running program inside the namespace; it is killed by {@link #close()}. */
    public Process start(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(wrap(cmd)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (log != null) pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        else pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    public List<String> wrap(List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(cmd);
        return full;
    }

    /** A veth pair between two namespaces, each end given an address (CIDR) or none (null), both up. */
    public static void link(Netns a, String ifA, String cidrA, Netns b, String ifB, String cidrB) {
        String tmp = "bbv" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        Exec.run("ip", "link", "add", tmp + "a", "type", "veth", "peer", "name", tmp + "b").orThrow();
        Exec.run("ip", "link", "set", tmp + "a", "netns", a.name, "name", ifA).orThrow();
        Exec.run("ip", "link", "set", tmp + "b", "netns", b.name, "name", ifB).orThrow();
        if (cidrA != null) a.ip("addr", "add", cidrA, "dev", ifA);
        if (cidrB != null) b.ip("addr", "add", cidrB, "dev", ifB);
        a.ip("link", "set", ifA, "up");
        b.ip("link", "set", ifB, "up");
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // anything else still running in the namespace (dhclient daemons, qemu) goes too
        Exec.Result pids = Exec.run("ip", "netns", "pids", name);
        for (String pid : pids.stdout().split("\\s+")) {
            if (!pid.isBlank()) Exec.run("kill", "-9", pid.trim());
        }
        Exec.run("ip", "netns", "del", name);
    }
}
