package dev.bootbench.publish.archfixture;

import dev.bootbench.cli.Cli;

/** Breaks FRONT_ENDS_ON_TOP: publishing depending on a front end. */
public class PublishRunsTheCli {
    public Object cli(Cli c) {
        return c;
    }
}
