package dev.bootbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small parser for {@code --name value}, {@code --name=value}, {@code --flag} and positional words. */
final class Args {
    final List<String> positional = new ArrayList<>();
    final Map<String, List<String>> values = new LinkedHashMap<>();
    final List<String> flags = new ArrayList<>();

    static Args parse(List<String> argv, Set<String> valued, Set<String> flagNames) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String w = argv.get(i);
            if (w.equals("--")) {
                a.positional.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2), value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.size()) throw new UsageException("--" + name + " needs a value");
                        value = argv.get(++i);
                    }
                    a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else if (flagNames.contains(name) && value == null) {
                    a.flags.add(name);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else if (w.equals("-h")) {
                a.flags.add("help");
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String one(String name) {
        List<String> v = values.get(name);
        if (v == null) return null;
        if (v.size() > 1) throw new UsageException("--" + name + " given more than once");
        return v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
