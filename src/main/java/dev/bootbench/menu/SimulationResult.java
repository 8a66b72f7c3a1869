package dev.bootbench.menu;

import java.util.List;

/**
 * What a simulated client saw and did: the menus drawn, the console text, the final action, and problems met.
 *
 * @param consoleBefore for each screen, how many console lines had been written when it was drawn (so the lines a
 *                      client prints between two menus are known); empty when the simulator does not record it
 */
public record SimulationResult(List<Screen> screens, List<String> console, FinalAction action, List<Finding> findings,
        List<Integer> consoleBefore) {
    public SimulationResult {
        screens = List.copyOf(screens);
        console = List.copyOf(console);
        findings = List.copyOf(findings);
        consoleBefore = consoleBefore == null ? List.of() : List.copyOf(consoleBefore);
        if (!consoleBefore.isEmpty() && consoleBefore.size() != screens.size())
            throw new IllegalArgumentException("consoleBefore has " + consoleBefore.size() + " entries for " + screens.size() + " screens");
    }

    public SimulationResult(List<Screen> screens, List<String> console, FinalAction action, List<Finding> findings) {
        this(screens, console, action, findings, List.of());
    }

    /**
     * The console lines written after screen {@code i - 1} was left and before screen {@code i} was drawn (for
     * {@code i == screens().size()}, up to the end), or null when not recorded.
     */
    public List<String> consoleBetween(int i) {
        if (consoleBefore.isEmpty() || i <= 0 || i > screens.size()) return null;
        int from = consoleBefore.get(i - 1), to = i < screens.size() ? consoleBefore.get(i) : console.size();
        return console.subList(from, to);
    }

    /** Whether screen {@code i} is the menu the client ends up waiting at ({@link FinalAction.Kind#WAIT}). */
    public boolean waitsAt(int i) {
        return action.kind() == FinalAction.Kind.WAIT && i == screens.size() - 1;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < screens.size(); i++) sb.append(screens.get(i).render(waitsAt(i))).append('\n');
        sb.append("action: ").append(action.describe()).append('\n');
        for (Finding f : findings) sb.append(f.format()).append('\n');
        return sb.toString();
    }
}
