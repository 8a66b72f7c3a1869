package dev.bootbench.menu.pxelinux;

import dev.bootbench.menu.Finding;
import java.util.List;
import java.util.Optional;

/** A parsed pxelinux config with its INCLUDEs spliced in. */
public record PxelinuxConfig(String file, List<PxDirective> globals, List<PxNode> nodes, List<Finding> problems) {
    public PxelinuxConfig {
        globals = List.copyOf(globals);
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    public List<PxLabel> labels() {
        return nodes.stream().filter(PxLabel.class::isInstance).map(PxLabel.class::cast).toList();
    }

    public Optional<PxLabel> label(String name) {
        return labels().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The last value of a global directive (later ones override earlier ones). */
    public Optional<PxDirective> global(String keyword) {
        PxDirective found = null;
        for (PxDirective d : globals) if (d.is(keyword)) found = d;
        return Optional.ofNullable(found);
    }
}
