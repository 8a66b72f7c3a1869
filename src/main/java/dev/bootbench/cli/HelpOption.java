package dev.bootbench.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help} of every command: its generated help on stdout, exit status 0. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, order = 1000, description = "this text")
    boolean help;
}
