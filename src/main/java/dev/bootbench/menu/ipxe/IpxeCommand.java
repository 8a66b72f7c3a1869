package dev.bootbench.menu.ipxe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One command of a command line. {@code op} says how it joins the previous command: FIRST for the first one,
 * AND for {@code &&}, OR for {@code ||}. An empty {@code name} is the empty command (as after a trailing {@code ||}).
 */
public record IpxeCommand(String name, List<Word> args, Op op, int line, int column) {
    public enum Op { FIRST, AND, OR }

    public IpxeCommand {
        args = List.copyOf(args);
    }

    public boolean isEmpty() {
        return name.isEmpty();
    }

    /** The arguments that are not options ({@code --x} and, for options taking a value, the value). */
    public List<Word> positional() {
        return IpxeOptions.positional(this);
    }

    /** Value of {@code --name v} / {@code -n v} / {@code --name=v}, or null. */
    public String option(String longName) {
        return IpxeOptions.value(this, longName);
    }

    public boolean flag(String longName) {
        return IpxeOptions.flag(this, longName);
    }

    public String argText() {
        return args.stream().map(Word::text).collect(Collectors.joining(" "));
    }

    public String text() {
        return args.isEmpty() ? name : name + " " + argText();
    }
}
