package dev.bootbench.ui;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the JVM's JIT compiler threads a lower CPU priority than the window's own threads (Linux).
 *
 * <p>When many clients appear at once, much UI code runs for the first time, and the compiler
 * threads compile it while the FX thread needs the CPU to lay out and style the new rows. On a
 * machine with two cores they took most of a CPU in the first second of a 200-client burst, and the
 * FX thread spent much of its longest pulses waiting for a CPU (src/bench/README.md). At a higher nice
 * value the compilers still get every idle moment, but no longer take a CPU from the window.
 *
 * <p>Raising one's own threads' nice value needs no privilege on Linux. Compiler threads the JVM
 * adds later are started by a compiler thread and inherit its priority. Elsewhere this does nothing.
 */
final class CompilerThreads {
    private static final Logger log = LoggerFactory.getLogger(CompilerThreads.class);
    /**
     * The nice value given to the compiler threads, the lowest priority: a compiler thread sharing a
     * CPU with the FX thread (nice 0) gets about 1.5 % of it, and all of any CPU that is idle. 19 kept the
     * longest pulse gaps of the 200-client replay shorter than 10 did (src/bench/README.md).
     */
    static final int NICE = 19;
    /** Thread names (as the kernel shows them, cut to 15 characters) of HotSpot's compiler threads. */
    private static final List<String> NAMES = List.of("C1 CompilerThre", "C2 CompilerThre", "JVMCI CompilerT");
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final int PRIO_PROCESS = 0;

    interface LibC extends Library {
        /** With {@code PRIO_PROCESS} and a thread id, Linux sets the priority of that one thread. */
        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    private CompilerThreads() {}

    /** Lowers the compiler threads to {@link #NICE}; logs what it did, never fails. */
    static void lower() {
        if (!Platform.isLinux()) return;
        try {
            int n = lower(NICE);
            log.debug("JIT compiler threads at nice {}: {}", NICE, n);
        } catch (IOException | RuntimeException | LinkageError e) {
            log.info("could not lower the JIT compiler threads' priority: {}", e.toString());
        }
    }

    /**
     * Sets every compiler thread whose nice value is below {@code nice} to it.
     *
     * @return how many compiler threads are at {@code nice} or lower priority now
     */
    static int lower(int nice) throws IOException {
        LibC c = Native.load("c", LibC.class);
        int done = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                int now;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    if (NAMES.stream().noneMatch(name::startsWith)) continue;
                    now = nice(task);
                } catch (IOException e) {
                    continue; // the thread ended while we looked
                }
                if (now < nice) {
                    try {
                        c.setpriority(PRIO_PROCESS, Integer.parseInt(task.getFileName().toString()), nice);
                    } catch (LastErrorException e) {
                        log.debug("setpriority({}, {}): errno {}", name, task.getFileName(), e.getErrorCode());
                        continue;
                    }
                }
                done++;
            }
        }
        return done;
    }

    /** A thread's nice value: field 19 of {@code /proc/self/task/TID/stat}, counted after the name in parentheses. */
    static int nice(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]); // fields from 3 (state) on: nice is field 19
    }
}
