package dev.bootbench.testlab;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Preconditions of the real-peer tests. On an ordinary machine a missing precondition skips the test
 * with a message saying what is missing; in CI ({@code CI=true}) it fails the test instead, so CI
 * can never pass by skipping.
 */
public final class Lab {
    private Lab() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean condition, String whatIsMissing) {
        if (condition) return;
        if (inCi()) fail("CI must run this test, but " + whatIsMissing);
        assumeTrue(false, "skipped: " + whatIsMissing);
    }

    public static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Root (network namespaces) and every named program on the PATH. */
    public static void requireRootAnd(String... programs) {
        require(isRoot(), "it needs root to create network namespaces (run as root, or see README 'Tests')");
        for (String p : programs) require(which(p) != null, "'" + p + "' is not installed (bash .ci/run installs the test peers)");
    }

    public static Path which(String program) {
        if (program.contains("/")) return Files.isExecutable(Paths.get(program)) ? Paths.get(program) : null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Paths.get(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            Path p = Paths.get(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The build's output folder (failsafe runs in the project folder): logs and reports of real-peer tests go here. */
    public static Path targetDir() {
        return Paths.get(System.getProperty("bootbench.target", "target")).toAbsolutePath();
    }

    /** The packaged jar under test (failsafe sets bootbench.jar; it is built by 'mvn package'). */
    public static Path jar() {
        Path p = Paths.get(System.getProperty("bootbench.jar", "target/bootbench.jar")).toAbsolutePath();
        require(Files.isRegularFile(p), p + " is missing (run 'mvn verify', which packages it before the integration tests)");
        return p;
    }
}
