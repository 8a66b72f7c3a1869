package dev.bootbench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Headless entry point: {@code bootbench COMMAND [options]}. */
public final class Cli {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli() {
        add(new ServeCommand());
        add(new LintCommand());
        add(new SimulateCommand());
        add(new GenerateCommand());
        add(new ImportCommand());
        add(new ExportCommand());
    }

    private void add(Command c) {
        commands.put(c.name(), c);
    }

    public boolean has(String name) {
        return commands.containsKey(name) || name.equals("help") || name.equals("--help") || name.equals("-h")
                || name.equals("--version") || name.equals("version");
    }

    public int run(String[] argv, PrintStream out, PrintStream err) {
        String name = argv[0];
        List<String> rest = new ArrayList<>(List.of(argv).subList(1, argv.length));
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage(out);
            return 0;
        }
        if (name.equals("version") || name.equals("--version")) {
            out.println("bootbench " + version());
            return 0;
        }
        Command c = commands.get(name);
        if (c == null) {
            err.println("bootbench: unknown command '" + name + "'");
            usage(err);
            return 2;
        }
        try {
            return c.run(rest, out, err);
        } catch (UsageException e) {
            err.println("bootbench " + name + ": " + e.getMessage());
            err.println("Try 'bootbench " + name + " --help'.");
            return 2;
        } catch (Exception e) {
            err.println("bootbench " + name + ": " + e.getMessage());
            return 1;
        }
    }

    public void usage(PrintStream out) {
        out.println("usage: bootbench [COMMAND] [options]   (no command: the desktop app)");
        out.println();
        for (Command c : commands.values()) out.printf("  %-10s %s%n", c.name(), c.summary());
        out.printf("  %-10s %s%n", "help", "this list; 'bootbench COMMAND --help' for a command's options");
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
