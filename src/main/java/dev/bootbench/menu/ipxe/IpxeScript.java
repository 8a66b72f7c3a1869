package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed iPXE script. */
public record IpxeScript(String file, boolean shebang, List<IpxeLine> lines, List<Finding> problems) {
    public IpxeScript {
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }

    /** Label name → index of its line; the first definition wins, as in iPXE. */
    public Map<String, Integer> labels() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (IpxeLine l : lines) if (l.isLabel()) m.putIfAbsent(l.label(), l.index());
        return m;
    }
}
