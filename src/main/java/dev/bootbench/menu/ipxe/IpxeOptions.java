package dev.bootbench.menu.ipxe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of iPXE's commands (ipxe.org/cmd), so positional arguments can be told from option values. Like iPXE's
 * getopt, option parsing stops at the first non-option word or at {@code --}.
 */
final class IpxeOptions {
    private IpxeOptions() {}

    /** command → long option names that take a value; short forms are their first letter. */
    private static final Map<String, Set<String>> VALUED = Map.ofEntries(
            Map.entry("choose", Set.of("menu", "default", "timeout", "retimeout")),
            Map.entry("item", Set.of("menu", "key", "form")),
            Map.entry("menu", Set.of("name")),
            Map.entry("form", Set.of("name")),
            Map.entry("prompt", Set.of("key", "timeout")),
            Map.entry("imgfetch", Set.of("name", "timeout")),
            Map.entry("module", Set.of("name", "timeout")),
            Map.entry("initrd", Set.of("name", "timeout")),
            Map.entry("kernel", Set.of("name", "timeout")),
            Map.entry("imgselect", Set.of("name", "timeout")),
            Map.entry("chain", Set.of("name", "timeout")),
            Map.entry("imgexec", Set.of("name", "timeout")),
            Map.entry("imgload", Set.of("name", "timeout")),
            Map.entry("imgextract", Set.of("name", "timeout")),
            Map.entry("sanboot", Set.of("drive", "filename", "extra", "label", "uuid")),
            Map.entry("sanhook", Set.of("drive", "filename", "extra", "label", "uuid")),
            Map.entry("sanunhook", Set.of("drive")),
            Map.entry("cpair", Set.of("foreground", "background")),
            Map.entry("colour", Set.of("basic", "rgb")),
            Map.entry("console", Set.of("x", "y", "left", "right", "top", "bottom", "depth", "picture")),
            Map.entry("ifconf", Set.of("configurator", "timeout")),
            Map.entry("dhcp", Set.of("timeout")),
            Map.entry("ifopen", Set.of("timeout")),
            Map.entry("params", Set.of("name")),
            Map.entry("param", Set.of("params")),
            Map.entry("imgverify", Set.of("signer", "timeout")),
            Map.entry("imgtrust", Set.of()),
            Map.entry("vcreate", Set.of("tag", "priority")),
            Map.entry("pxebs", Set.of()),
            Map.entry("ntp", Set.of()),
            Map.entry("sync", Set.of("timeout")),
            Map.entry("echo", Set.of()),
            Map.entry("cpuid", Set.of()));

    static Set<String> valued(String command) {
        return VALUED.getOrDefault(command, Set.of());
    }

    private static boolean takesValue(String command, String word) {
        Set<String> v = valued(command);
        if (word.startsWith("--")) {
            String n = word.substring(2);
            int eq = n.indexOf('=');
            if (eq >= 0) return false;
            return v.contains(n);
        }
        if (word.length() == 2) {
            char c = word.charAt(1);
            for (String n : v) if (n.charAt(0) == c) return true;
        }
        return false;
    }

    private static boolean isOption(String w) {
        return w.length() >= 2 && w.charAt(0) == '-' && !w.equals("-") && !Character.isDigit(w.charAt(1));
    }

    static List<Word> positional(IpxeCommand c) {
        List<Word> out = new ArrayList<>();
        List<Word> a = c.args();
        int i = 0;
        for (; i < a.size(); i++) {
            String w = a.get(i).text();
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!isOption(w)) break;
            if (takesValue(c.name(), w)) i++;
        }
        for (; i < a.size(); i++) out.add(a.get(i));
        return out;
    }

    static String value(IpxeCommand c, String longName) {
        List<Word> a = c.args();
        String shortName = "-" + longName.charAt(0);
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i).text();
            if (w.equals("--") || !isOption(w)) return null;
            if (w.equals("--" + longName) || (w.equals(shortName) && valued(c.name()).contains(longName)))
                return i + 1 < a.size() ? a.get(i + 1).text() : null;
            if (w.startsWith("--" + longName + "=")) return w.substring(longName.length() + 3);
            if (takesValue(c.name(), w)) i++;
        }
        return null;
    }

    static boolean flag(IpxeCommand c, String longName) {
        List<Word> a = c.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i).text();
            if (w.equals("--") || !isOption(w)) return false;
            if (w.equals("--" + longName) || (w.length() == 2 && w.charAt(1) == longName.charAt(0) && !valued(c.name()).contains(longName)
                    && !takesValue(c.name(), w))) return true;
            if (takesValue(c.name(), w)) i++;
        }
        return false;
    }
}
