package dev.bootbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CompilerThreadsTest {
    /** comm -> nice of every thread of this JVM. */
    private static Map<String, Integer> niceByTask() throws Exception {
        Map<String, Integer> m = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    m.put(t.getFileName() + " " + Files.readString(t.resolve("comm")).strip(), CompilerThreads.nice(t));
                } catch (java.io.IOException gone) {
                    // the thread ended
                }
            }
        }
        return m;
    }

    @Test
    void compilerThreadsGetTheLowerPriorityAndNoOtherThreadDoes() throws Exception {
        assumeTrue(Platform.isLinux(), "thread priorities through /proc and setpriority are Linux only");
        long self = Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
        int mineBefore = CompilerThreads.nice(Path.of("/proc/self/task/" + self));
        Map<String, Integer> before = niceByTask();

        int lowered = CompilerThreads.lower(CompilerThreads.NICE);

        Map<String, Integer> after = niceByTask();
        int compilers = 0;
        for (var e : after.entrySet()) {
            boolean compiler = e.getKey().contains(" C1 CompilerThre") || e.getKey().contains(" C2 CompilerThre");
            if (compiler) {
                compilers++;
                assertTrue(e.getValue() >= CompilerThreads.NICE, e.getKey() + " is at nice " + e.getValue());
            } else if (before.containsKey(e.getKey())) {
                assertEquals(before.get(e.getKey()), e.getValue(), e.getKey() + " is not a compiler thread and must keep its priority");
            }
        }
        assertTrue(compilers >= 1, "a HotSpot JVM has compiler threads: " + after.keySet());
        assertTrue(lowered >= 1, "lower() counts the compiler threads it saw");
        assertEquals(mineBefore, CompilerThreads.nice(Path.of("/proc/self/task/" + self)), "the calling thread keeps its priority");
    }
}
