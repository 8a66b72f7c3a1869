package dev.bootbench.menu.ipxe;

import java.util.List;
import java.util.Set;

/** Control flow facts about iPXE command lines. */
public final class IpxeFlow {
    private IpxeFlow() {}

    /** Commands that never return to the next command. */
    static final Set<String> ALWAYS_LEAVE = Set.of("goto", "exit");
    /** Commands that do not return when they succeed. */
    static final Set<String> LEAVE_ON_SUCCESS = Set.of("boot", "reboot", "poweroff");

    /**
     * Whether running this line can continue with the next line. A command that fails with no {@code ||} after it
     * ends the script, as iPXE does.
     */
    public static boolean canFallThrough(IpxeLine line) {
        if (line.isLabel() || line.isBlank()) return true;
        // branches: status after each processed command; true = ok
        boolean okAlive = true, failAlive = false; // before the first command: "ok"
        List<IpxeCommand> cs = line.commands();
        for (IpxeCommand c : cs) {
            boolean runFromOk, runFromFail;
            switch (c.op()) {
                case FIRST -> { runFromOk = okAlive; runFromFail = false; }
                case AND -> { runFromOk = okAlive; runFromFail = false; }
                default -> { runFromOk = false; runFromFail = failAlive; }
            }
            boolean keepOk = okAlive && !(c.op() != IpxeCommand.Op.OR);
            boolean keepFail = failAlive && c.op() != IpxeCommand.Op.OR;
            if (c.op() == IpxeCommand.Op.FIRST) { keepOk = false; keepFail = false; }
            boolean runs = runFromOk || runFromFail;
            boolean newOk = keepOk, newFail = keepFail;
            if (runs) {
                String n = c.name();
                if (n.isEmpty()) newOk = true;
                else if (ALWAYS_LEAVE.contains(n)) { /* leaves */ }
                else if (LEAVE_ON_SUCCESS.contains(n)) newFail = true;
                else { newOk = true; newFail = true; }
            }
            okAlive = newOk;
            failAlive = newFail;
        }
        return okAlive;
    }

    /** Whether a block of script text can run off its end. */
    public static boolean canFallThrough(String body) {
        IpxeScript s = IpxeParser.parse("-", body);
        IpxeLine last = null;
        for (IpxeLine l : s.lines()) if (!l.isBlank()) last = l;
        return last == null || last.isLabel() || canFallThrough(last);
    }
}
