package dev.bootbench.menu.pxelinux;

import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.Severity;
import dev.bootbench.menu.SimulationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Simulates pxelinux for a client: the config file lookup (pxelinux.cfg/01-MAC, then the IP address in upper-case
 * hex shortened one digit at a time, then default; no UUID step, as Debian's pxelinux never asks for one), the
 * menu, and the chosen label's action, following CONFIG into further files.
 */
public final class PxelinuxSimulator {
    private static final int MAX_CONFIGS = 32;

    private PxelinuxSimulator() {}

    /** The files pxelinux tries, in order, relative to its working directory. */
    public static List<String> lookupOrder(ClientProfile c) {
        List<String> out = new ArrayList<>();
        out.add("pxelinux.cfg/01-" + c.mac().toLowerCase(Locale.ROOT).replace(':', '-'));
        String hex = ipHex(c.ip());
        if (hex != null) for (int n = hex.length(); n >= 1; n--) out.add("pxelinux.cfg/" + hex.substring(0, n));
        out.add("pxelinux.cfg/default");
        return out;
    }

    static String ipHex(String ip) {
        String[] p = ip.trim().split("\\.");
        if (p.length != 4) return null;
        StringBuilder sb = new StringBuilder();
        try {
            for (String x : p) {
                int v = Integer.parseInt(x);
                if (v < 0 || v > 255) return null;
                sb.append(String.format("%02X", v));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return sb.toString();
    }

    /** @param files reads a file by its path relative to the working directory (as TFTP would) */
    public static SimulationResult run(ClientProfile client, Function<String, Optional<String>> files) {
        List<Screen> screens = new ArrayList<>();
        List<String> console = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Deque<String> choices = new ArrayDeque<>(client.choices());
        String path = null, text = null;
        for (String candidate : lookupOrder(client)) {
            Optional<String> t = read(files, candidate);
            console.add("tftp " + candidate + (t.isPresent() ? "" : ": not found"));
            if (t.isPresent()) {
                path = candidate;
                text = t.get();
                break;
            }
        }
        if (path == null) return new SimulationResult(screens, console, FinalAction.failed("no config file found"), findings);
        for (int round = 0; round < MAX_CONFIGS; round++) {
            PxelinuxConfig cfg = PxelinuxParser.parse(path, text, n -> read(files, n));
            for (PxDirective d : cfg.globals()) if (d.is("SAY")) console.add(d.arg());
            List<PxLabel> labels = cfg.labels();
            if (labels.isEmpty())
                return new SimulationResult(screens, console, FinalAction.failed(path + " has no LABEL"), findings);
            String dflt = null;
            for (PxLabel l : labels) if (l.has("MENU DEFAULT")) dflt = l.name();
            if (dflt == null) dflt = cfg.global("DEFAULT").map(d -> d.arg().split("\\s+")[0]).filter(n -> cfg.label(n).isPresent()).orElse(null);
            Integer timeout = cfg.global("TIMEOUT").map(d -> {
                try {
                    int t = Integer.parseInt(d.arg().trim());
                    return t > 0 ? t * 100 : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }).orElse(null);
            List<Screen.Line> lines = new ArrayList<>();
            for (PxNode n : cfg.nodes()) {
                if (n instanceof PxSeparator) {
                    lines.add(new Screen.Line(null, ""));
                    continue;
                }
                PxLabel l = (PxLabel) n;
                if (l.has("MENU HIDE")) continue;
                String text2 = l.first("MENU LABEL").map(PxDirective::arg).orElse(l.name()).replace("^", "");
                lines.add(l.has("MENU DISABLE") ? new Screen.Line(null, text2) : new Screen.Line(l.name(), text2));
            }
            String highlighted = dflt != null ? dflt : lines.stream().filter(x -> !x.gap()).map(Screen.Line::id).findFirst().orElse(labels.get(0).name());
            String title = cfg.global("MENU TITLE").map(PxDirective::arg).orElse(null);
            String choice = choices.poll();
            String chosen = choice == null ? highlighted : choice;
            Optional<PxLabel> label = cfg.label(chosen);
            if (label.isEmpty() || label.get().has("MENU DISABLE")) {
                findings.add(new Finding(path, 0, 0, Severity.WARNING, "no-such-label", "choice '" + chosen + "' is not a LABEL of " + path));
                screens.add(new Screen(title, lines, highlighted, timeout, null));
                return new SimulationResult(screens, console, FinalAction.failed("no LABEL '" + chosen + "'"), findings);
            }
            screens.add(new Screen(title, lines, highlighted, timeout, chosen));
            PxLabel l = label.get();
            Optional<PxDirective> boot = l.bootDirective();
            if (boot.isEmpty())
                return new SimulationResult(screens, console, FinalAction.failed("LABEL " + chosen + " has nothing to boot"), findings);
            PxDirective b = boot.get();
            String[] w = b.arg().split("\\s+", 2);
            String file = w[0];
            String inlineArgs = w.length > 1 ? w[1] : "";
            if (b.is("CONFIG")) {
                Optional<String> next = read(files, file);
                console.add("tftp " + file + (next.isPresent() ? "" : ": not found"));
                if (next.isEmpty()) return new SimulationResult(screens, console, FinalAction.failed("CONFIG " + file + ": file not found"), findings);
                path = file;
                text = next.get();
                continue;
            }
            if (b.is("LOCALBOOT")) return new SimulationResult(screens, console, FinalAction.of(FinalAction.Kind.LOCALBOOT, file), findings);
            List<String> initrds = new ArrayList<>();
            l.first("INITRD").ifPresent(d -> {
                for (String s : d.arg().split(",")) if (!s.isBlank()) initrds.add(s.trim());
            });
            List<String> args = new ArrayList<>();
            if (!inlineArgs.isBlank()) args.add(inlineArgs.trim());
            for (String t : l.first("APPEND").map(PxDirective::arg).orElse("").split("\\s+")) {
                if (t.isEmpty()) continue;
                if (t.startsWith("initrd=")) {
                    for (String s : t.substring(7).split(",")) if (!s.isBlank()) initrds.add(s);
                } else args.add(t);
            }
            String argText = String.join(" ", args);
            String name = PxelinuxLinter.fileName(file);
            FinalAction action;
            if (b.is("COM32") || name.endsWith(".c32")) {
                action = switch (name) {
                    case "reboot.c32" -> FinalAction.of(FinalAction.Kind.REBOOT, null);
                    case "poweroff.c32" -> FinalAction.of(FinalAction.Kind.POWEROFF, null);
                    case "pxechn.c32" -> new FinalAction(FinalAction.Kind.CHAIN, args.isEmpty() ? "" : args.get(0), String.join(" ", args.subList(Math.min(1, args.size()), args.size())), List.of(), "");
                    default -> new FinalAction(FinalAction.Kind.COM32, file, argText, List.of(), "");
                };
            } else if (name.equals("memdisk") && client.platform() == Platform.EFI) {
                action = FinalAction.failed("memdisk does not run on EFI");
            } else {
                action = new FinalAction(FinalAction.Kind.BOOT, file, argText, initrds, "");
            }
            return new SimulationResult(screens, console, action, findings);
        }
        findings.add(new Finding(path, 0, 0, Severity.WARNING, "step-limit", "stopped after " + MAX_CONFIGS + " CONFIG files: they seem to loop"));
        return new SimulationResult(screens, console, new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "CONFIG loop"), findings);
    }

    private static Optional<String> read(Function<String, Optional<String>> files, String name) {
        try {
            Optional<String> r = files.apply(name);
            return r == null ? Optional.empty() : r;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
