package dev.bootbench.menu;

import java.util.List;

/** What a simulated client saw and did: the menus drawn, the console text, the final action, and problems met. */
public record SimulationResult(List<Screen> screens, List<String> console, FinalAction action, List<Finding> findings) {
    public SimulationResult {
        screens = List.copyOf(screens);
        console = List.copyOf(console);
        findings = List.copyOf(findings);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Screen s : screens) sb.append(s.render()).append('\n');
        sb.append("action: ").append(action.describe()).append('\n');
        for (Finding f : findings) sb.append(f.format()).append('\n');
        return sb.toString();
    }
}
