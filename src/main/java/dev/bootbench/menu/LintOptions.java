package dev.bootbench.menu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a lint run may look at.
 *
 * @param roots          folders served to clients; local files must exist under one of them (none: no file checks)
 * @param checkRemote    send HEAD to http(s) URLs and report those answering 404 (off by default)
 * @param remoteTimeout  timeout of each HEAD request
 * @param inheritedVars  iPXE settings already set when the script runs (settings survive {@code chain})
 */
public record LintOptions(List<Path> roots, boolean checkRemote, Duration remoteTimeout, Set<String> inheritedVars) {
    public LintOptions {
        roots = roots == null ? List.of() : List.copyOf(roots);
        if (remoteTimeout == null) remoteTimeout = Duration.ofSeconds(3);
        inheritedVars = inheritedVars == null ? Set.of() : Set.copyOf(inheritedVars);
    }

    public static LintOptions defaults() {
        return new LintOptions(List.of(), false, null, Set.of());
    }

    public LintOptions withInherited(Set<String> vars) {
        return new LintOptions(roots, checkRemote, remoteTimeout, vars);
    }
}
