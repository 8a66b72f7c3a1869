package dev.bootbench.menu.grub;

import dev.bootbench.menu.VarText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text between the menu model and GRUB: quoting words, and iPXE settings ({@code ${mac}}) as GRUB variables
 * ({@code ${net_default_mac}}) where GRUB has one.
 */
public final class GrubText {
    private GrubText() {}

    /** iPXE setting → GRUB variable. {@code arch} is the variable the generated file sets (iPXE's {@code ${arch}}). */
    public static final Map<String, String> TO_GRUB = Map.ofEntries(
            Map.entry("mac", "net_default_mac"), Map.entry("net0/mac", "net_default_mac"),
            Map.entry("ip", "net_default_ip"), Map.entry("net0/ip", "net_default_ip"),
            Map.entry("next-server", "net_default_server"), Map.entry("net0/next-server", "net_default_server"),
            Map.entry("platform", "grub_platform"), Map.entry("buildarch", "grub_cpu"), Map.entry("arch", "arch"));

    /** GRUB variable → iPXE setting (the inverse, for imports). */
    public static final Map<String, String> FROM_GRUB = Map.of("net_default_mac", "mac", "net_default_ip", "ip", "net_default_server", "next-server",
            "grub_platform", "platform", "grub_cpu", "buildarch", "arch", "arch");

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:,=+@%^\\-()!~]+");
    private static final Set<String> RESERVED = Set.of("!", "[[", "]]", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for",
            "function", "if", "in", "menuentry", "select", "then", "time", "until", "while");
    private static final char MARK = '\u0001';

    /** Text translated to GRUB: segments of literal text and variable names, and the iPXE settings left out. */
    public record Translated(List<String> segments, List<String> dropped) {
        /** Even indexes are literal text, odd ones variable names. */
        public boolean hasVars() {
            return segments.size() > 1;
        }

        public String literal() {
            return String.join("", segments);
        }
    }

    public static Translated translate(String ipxeText) {
        String t = ipxeText == null ? "" : ipxeText.replace(MARK, ' ');
        VarText.Result r = VarText.translate(t, n -> {
            String g = TO_GRUB.get(n);
            return g == null ? null : MARK + g + MARK;
        });
        String[] parts = r.text().split(String.valueOf(MARK), -1);
        return new Translated(List.of(parts), r.dropped());
    }

    /** A GRUB word for literal text: bare when it can be, else in single quotes. */
    public static String quote(String text) {
        if (!text.isEmpty() && BARE.matcher(text).matches() && !RESERVED.contains(text) && !text.startsWith("#")) return text;
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A GRUB word for translated text: quoted literal, or in double quotes with its variables. */
    public static String word(Translated t) {
        if (!t.hasVars()) return quote(t.literal());
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < t.segments().size(); i++) {
            String s = t.segments().get(i);
            if (i % 2 == 1) sb.append("${").append(s).append('}');
            else sb.append(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$"));
        }
        return sb.append('"').toString();
    }

    /** A parsed word back as iPXE text: GRUB's variables GRUB has an iPXE setting for become that setting. */
    public static String toModel(GrubWord w) {
        StringBuilder sb = new StringBuilder();
        for (GrubWord.Part p : w.parts()) {
            if (p instanceof GrubWord.Lit l) sb.append(l.text());
            else {
                String n = ((GrubWord.Var) p).name();
                sb.append("${").append(FROM_GRUB.getOrDefault(n, n)).append('}');
            }
        }
        return sb.toString();
    }
}
