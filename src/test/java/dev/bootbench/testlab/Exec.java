package dev.bootbench.testlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit; output goes to temp files so nothing can block. */
public final class Exec {
    private Exec() {}

    public record Result(int exitCode, String stdout, String stderr) {
        public Result orThrow() {
            if (exitCode != 0) throw new IllegalStateException("exit " + exitCode + ": " + stderr + stdout);
            return this;
        }
    }

    public static Result run(Duration timeout, List<String> cmd) {
        try {
            Path out = Files.createTempFile("bb-exec", ".out");
            Path err = Files.createTempFile("bb-exec", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Result(-1, Files.readString(out, StandardCharsets.ISO_8859_1),
                            Files.readString(err, StandardCharsets.ISO_8859_1) + "\n[timed out after " + timeout + ": " + cmd + "]");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err, StandardCharsets.ISO_8859_1));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    public static Result run(String... cmd) {
        return run(Duration.ofSeconds(60), List.of(cmd));
    }
}
