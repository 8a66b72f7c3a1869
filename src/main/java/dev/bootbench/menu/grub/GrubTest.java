package dev.bootbench.menu.grub;

import java.util.List;
import java.util.function.Predicate;

/**
 * GRUB's {@code test} / {@code [ ... ]} on expanded words: {@code ! -a -o ( )}, string tests ({@code = == != < >},
 * {@code -n -z}, a lone word), numbers ({@code -eq -ne -lt -le -gt -ge}) and files ({@code -e -f -d -s}).
 */
final class GrubTest {
    private final List<String> a;
    private final Predicate<String> exists;
    private int i;

    private GrubTest(List<String> a, Predicate<String> exists) {
        this.a = a;
        this.exists = exists;
    }

    /** @param args the words between {@code [} and {@code ]} (null: a {@code [} without {@code ]}, which fails) */
    static boolean evaluate(List<String> args, Predicate<String> exists) {
        if (args == null) return false;
        if (args.isEmpty()) return false;
        GrubTest t = new GrubTest(args, exists);
        try {
            boolean r = t.or();
            return t.i == args.size() && r;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean more() {
        return i < a.size();
    }

    private boolean or() {
        boolean r = and();
        while (more() && a.get(i).equals("-o")) {
            i++;
            boolean b = and();
            r = r || b;
        }
        return r;
    }

    private boolean and() {
        boolean r = not();
        while (more() && a.get(i).equals("-a")) {
            i++;
            boolean b = not();
            r = r && b;
        }
        return r;
    }

    private boolean not() {
        if (more() && a.get(i).equals("!") && i + 1 < a.size()) {
            i++;
            return !not();
        }
        return primary();
    }

    private boolean primary() {
        if (!more()) throw new IllegalStateException("missing operand");
        String w = a.get(i);
        if (w.equals("(")) {
            i++;
            boolean r = or();
            if (!more() || !a.get(i).equals(")")) throw new IllegalStateException("missing )");
            i++;
            return r;
        }
        if (i + 2 < a.size() + 0 && binary(a.get(i + 1))) {
            String l = w, op = a.get(i + 1), r = a.get(i + 2);
            i += 3;
            return compare(l, op, r);
        }
        if (i + 1 < a.size() && w.length() == 2 && w.charAt(0) == '-' && "nzefds".indexOf(w.charAt(1)) >= 0) {
            String v = a.get(i + 1);
            i += 2;
            return switch (w.charAt(1)) {
                case 'n' -> !v.isEmpty();
                case 'z' -> v.isEmpty();
                default -> exists.test(v);
            };
        }
        i++;
        return !w.isEmpty();
    }

    private static boolean binary(String op) {
        return switch (op) {
            case "=", "==", "!=", "<", ">", "<=", ">=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> true;
            default -> false;
        };
    }

    private static boolean compare(String l, String op, String r) {
        switch (op) {
            case "=", "==" -> {
                return l.equals(r);
            }
            case "!=" -> {
                return !l.equals(r);
            }
            case "<" -> {
                return l.compareTo(r) < 0;
            }
            case ">" -> {
                return l.compareTo(r) > 0;
            }
            case "<=" -> {
                return l.compareTo(r) <= 0;
            }
            case ">=" -> {
                return l.compareTo(r) >= 0;
            }
            default -> {
                long x = Long.parseLong(l.trim()), y = Long.parseLong(r.trim());
                return switch (op) {
                    case "-eq" -> x == y;
                    case "-ne" -> x != y;
                    case "-lt" -> x < y;
                    case "-le" -> x <= y;
                    case "-gt" -> x > y;
                    default -> x >= y;
                };
            }
        }
    }
}
