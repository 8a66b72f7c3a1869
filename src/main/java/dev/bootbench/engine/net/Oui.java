package dev.bootbench.engine.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Vendor names for the first three bytes of a MAC address, from a small table of common NIC and VM vendors. */
public final class Oui {
    private static final Map<String, String> TABLE = load();

    private Oui() {}

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = Oui.class.getResourceAsStream("oui.txt")) {
            if (in == null) return m;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                if (tab == 6) m.put(line.substring(0, 6).toUpperCase(Locale.ROOT), line.substring(7).trim());
            }
        } catch (IOException e) {
            // no table: vendors show as unknown
        }
        return Map.copyOf(m);
    }

    public static Optional<String> vendor(MacAddress mac) {
        return Optional.ofNullable(TABLE.get(mac.oui().replace(":", "")));
    }

    public static int size() {
        return TABLE.size();
    }
}
