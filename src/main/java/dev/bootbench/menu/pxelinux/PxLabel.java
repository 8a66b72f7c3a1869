package dev.bootbench.menu.pxelinux;

import java.util.List;
import java.util.Optional;

/** A {@code LABEL} and the directives that belong to it. */
public record PxLabel(String name, PxDirective label, List<PxDirective> directives) implements PxNode {
    public PxLabel {
        directives = List.copyOf(directives);
    }

    public Optional<PxDirective> first(String keyword) {
        return directives.stream().filter(d -> d.is(keyword)).findFirst();
    }

    public boolean has(String keyword) {
        return first(keyword).isPresent();
    }

    /** The directive that boots something, if any. */
    public Optional<PxDirective> bootDirective() {
        return directives.stream().filter(d -> PxelinuxParser.BOOT_KEYWORDS.contains(d.keyword())).findFirst();
    }
}
