package dev.bootbench.menu;

import java.util.List;

/**
 * Where a simulated boot ends. {@code target} is the kernel, chain URL, SAN target, module or label as resolved;
 * {@code args} the command line; {@code initrds} the further images. {@link Kind#WAIT}: a menu without a timeout is
 * shown and the simulated user has no more choices, so the client waits there (its screen is the last one).
 */
public record FinalAction(Kind kind, String target, String args, List<String> initrds, String message) {
    public enum Kind { BOOT, CHAIN, SANBOOT, EXIT, SHELL, REBOOT, POWEROFF, LOCALBOOT, COM32, FAILED, STOPPED, WAIT }

    public FinalAction {
        if (args == null) args = "";
        initrds = initrds == null ? List.of() : List.copyOf(initrds);
        if (message == null) message = "";
    }

    public static FinalAction of(Kind k, String target) {
        return new FinalAction(k, target, "", List.of(), "");
    }

    public static FinalAction failed(String why) {
        return new FinalAction(Kind.FAILED, null, "", List.of(), why);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (target != null) sb.append(' ').append(target);
        if (!args.isEmpty()) sb.append(" args: ").append(args);
        for (String i : initrds) sb.append("\n  initrd ").append(i);
        if (!message.isEmpty()) sb.append(target == null && args.isEmpty() ? ": " : " (").append(message).append(target == null && args.isEmpty() ? "" : ")");
        return sb.toString();
    }
}
