package dev.bootbench.menu.grub;

import dev.bootbench.menu.Finding;
import java.util.List;

/** A parsed GRUB script ({@code grub.cfg}): its statements, its text, and what the parser found wrong. */
public record GrubScript(String file, String text, List<GrubNode> nodes, List<Finding> problems) {
    public GrubScript {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    /** The text of a statement as written. */
    public String source(GrubNode n) {
        return text.substring(Math.max(0, n.start()), Math.min(text.length(), n.end()));
    }
}
