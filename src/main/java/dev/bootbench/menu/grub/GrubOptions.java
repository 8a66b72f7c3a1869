package dev.bootbench.menu.grub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code menuentry} and {@code submenu} ({@code --class}, {@code --users}, {@code --hotkey},
 * {@code --id} with a value, as {@code --x=v} or {@code --x v}; {@code --unrestricted} without). Options may stand
 * anywhere among the arguments; {@code --} ends them.
 */
final class GrubOptions {
    static final Set<String> VALUED = Set.of("class", "users", "hotkey", "id", "source");
    static final Set<String> FLAGS = Set.of("unrestricted");

    private GrubOptions() {}

    private static String optionName(GrubWord w) {
        String t = w.literal();
        if (t == null) {
            // "--id=$x": the name part is literal
            if (!w.parts().isEmpty() && w.parts().get(0) instanceof GrubWord.Lit l && !l.quoted() && l.text().startsWith("--")) t = l.text();
            else return null;
        } else if (!w.parts().isEmpty() && w.parts().get(0) instanceof GrubWord.Lit l && l.quoted()) {
            return null;
        }
        if (!t.startsWith("--") || t.equals("--")) return null;
        String n = t.substring(2);
        int eq = n.indexOf('=');
        return eq >= 0 ? n.substring(0, eq) : n;
    }

    private static boolean inline(GrubWord w) {
        if (w.parts().isEmpty()) return false;
        String t = w.parts().get(0) instanceof GrubWord.Lit l ? l.text() : "";
        return t.indexOf('=') > 2;
    }

    /** The value of {@code --name=value} as a word of its own. */
    private static GrubWord after(GrubWord w) {
        List<GrubWord.Part> ps = new ArrayList<>(w.parts());
        GrubWord.Lit first = (GrubWord.Lit) ps.get(0);
        int eq = first.text().indexOf('=');
        ps.set(0, new GrubWord.Lit(first.text().substring(eq + 1), first.quoted()));
        if (((GrubWord.Lit) ps.get(0)).text().isEmpty() && ps.size() > 1) ps.remove(0);
        int rawEq = w.raw().indexOf('=');
        return new GrubWord(rawEq >= 0 ? w.raw().substring(rawEq + 1) : "", ps, w.line(), w.column() + eq + 1);
    }

    static List<GrubWord> positional(List<GrubWord> args) {
        List<GrubWord> out = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < args.size(); i++) {
            GrubWord w = args.get(i);
            if (!ended && w.is("--")) {
                ended = true;
                continue;
            }
            String n = ended ? null : optionName(w);
            if (n != null && (VALUED.contains(n) || FLAGS.contains(n))) {
                if (VALUED.contains(n) && !inline(w)) i++;
                continue;
            }
            out.add(w);
        }
        return out;
    }

    static List<GrubWord> values(List<GrubWord> args, String name) {
        List<GrubWord> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            GrubWord w = args.get(i);
            if (w.is("--")) break;
            String n = optionName(w);
            if (n == null || !VALUED.contains(n)) continue;
            GrubWord v = inline(w) ? after(w) : i + 1 < args.size() ? args.get(i + 1) : null;
            if (!inline(w)) i++;
            if (n.equals(name) && v != null) out.add(v);
        }
        return out;
    }

    static boolean flag(List<GrubWord> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            GrubWord w = args.get(i);
            if (w.is("--")) return false;
            String n = optionName(w);
            if (n == null) continue;
            if (n.equals(name) && FLAGS.contains(n)) return true;
            if (VALUED.contains(n) && !inline(w)) i++;
        }
        return false;
    }
}
