package dev.bootbench.cli;

import dev.bootbench.workspace.Workspace;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Headless entry point: {@code bootbench COMMAND [options]}, read with picocli. Exit status: what the command returns;
 * 2 for a usage error (an unknown command or option, a missing or bad value), with the reason and where to find help on
 * stderr; 1 when a command fails otherwise.
 */
@Command(name = "bootbench", sortOptions = false, versionProvider = Cli.Version.class,
        customSynopsis = "bootbench [COMMAND] [options]   (no command: the desktop app)",
        description = "Network-boot workbench: DHCP, proxyDHCP, TFTP and HTTP with a live boot monitor and a menu editor.",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = "'bootbench COMMAND --help' or 'bootbench help COMMAND' for a command's options.",
        subcommands = {ServeCommand.class, LintCommand.class, SimulateCommand.class, GenerateCommand.class, ImportCommand.class, ExportCommand.class,
            Cli.VersionCommand.class, HelpCommand.class})
public final class Cli implements Callable<Integer> {
    /** Help lines are this wide; option names up to this wide keep their description beside them. */
    static final int WIDTH = 100, OPTION_WIDTH = 32;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "the version")
    boolean version;

    private PrintStream out = System.out, err = System.err;

    public int run(String[] argv, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        CommandLine cl = configure(new CommandLine(this));
        PrintWriter o = new PrintWriter(out, true), e = new PrintWriter(err, true);
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine where = ex.getCommandLine();
            if (where.getCommandSpec().parent() == null) {
                e.println("bootbench: " + message(ex));
                UnmatchedArgumentException.printSuggestions(ex, e);
                where.usage(e);
            } else {
                String name = where.getCommandSpec().qualifiedName();
                e.println(name + ": " + message(ex));
                UnmatchedArgumentException.printSuggestions(ex, e);
                e.println("Try '" + name + " --help'.");
            }
            e.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, where, parsed) -> {
            String name = where.getCommandSpec().qualifiedName();
            e.println(name + ": " + ex.getMessage());
            if (ex instanceof UsageException) e.println("Try '" + name + " --help'.");
            e.flush();
            return ex instanceof UsageException ? 2 : 1;
        });
        int rc = cl.execute(argv);
        o.flush();
        e.flush();
        return rc;
    }

    /** No command: what there is (the desktop app is started by Main before this). A usage error. */
    @Override
    public Integer call() {
        usage(err);
        return 2;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** The list of commands, as {@code bootbench help} prints it. */
    public void usage(PrintStream out) {
        configure(new CommandLine(this)).usage(out);
    }

    /**
     * The way every Bootbench command line is read and its help laid out: no {@code @file} arguments (a word is a word),
     * the workspace folder's default shown in the help, and for every command with {@link ServeOptions} a repeated option
     * counting once, the last one given, as serve always had it.
     */
    static CommandLine configure(CommandLine cl) {
        cl.setExpandAtFiles(false);
        cl.setUsageHelpWidth(WIDTH);
        cl.setUsageHelpLongOptionsMaxWidth(OPTION_WIDTH);
        cl.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && o.longestName().equals("--workspace")
                ? Workspace.defaultDir().toString() : null);
        layout(cl);
        return cl;
    }

    private static void layout(CommandLine cl) {
        cl.getCommandSpec().usageMessage().synopsisHeading("usage: ").descriptionHeading("%n").parameterListHeading("%n").optionListHeading("%n");
        if (cl.getCommandSpec().mixins().values().stream().anyMatch(m -> m.userObject() instanceof ServeOptions)) {
            cl.setOverwrittenOptionsAllowed(true);
        }
        for (CommandLine sub : cl.getSubcommands().values()) layout(sub);
    }

    /** The reason a command line was refused, in words that name the option or the word at fault. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-") && first.length() > 1) {
                int eq = first.indexOf('=');
                return "unknown option " + (eq > 0 ? first.substring(0, eq) : first);
            }
            return u.getCommandLine().getCommandSpec().parent() == null ? "unknown command '" + first + "'"
                    : "unexpected argument '" + first + "'";
        }
        if (e instanceof MissingParameterException m && m.getMissing().size() == 1 && e.getMessage().startsWith("Missing required parameter for option")) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) return o.longestName() + " needs a value";
        }
        return e.getMessage();
    }

    /** The bash completion script of {@code bootbench}: every command, option and the values some options take. */
    public static String bashCompletion() {
        return AutoComplete.bash("bootbench", configure(new CommandLine(new Cli())));
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bootbench " + version()};
        }
    }

    /** {@code bootbench version}, as {@code bootbench --version}. */
    @Command(name = "version", description = "Print the version.")
    static final class VersionCommand implements Callable<Integer> {
        @ParentCommand
        private Cli cli;

        @CommandLine.Mixin
        HelpOption help;

        @Override
        public Integer call() {
            cli.out().println("bootbench " + version());
            return 0;
        }
    }

    /** For the packaging: {@code java -cp bootbench.jar dev.bootbench.cli.Cli FILE} writes the bash completion script to FILE. */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: dev.bootbench.cli.Cli COMPLETION-FILE");
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), bashCompletion());
    }
}
