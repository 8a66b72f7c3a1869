package dev.bootbench.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of {@code bootbench}. Returns the process exit code. */
public interface Command {
    String name();

    /** One line for {@code bootbench help}. */
    String summary();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
