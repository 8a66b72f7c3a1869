package dev.bootbench.publish;

import dev.bootbench.engine.http.BootScriptProvider;
import dev.bootbench.engine.http.BootScriptRequest;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code /boot.ipxe} answers once a menu is published: the menu's iPXE script, with {@code ${base-url}} set to
 * the address the client reached us on (unless the menu sets its own), and each client's "next boot" honoured:
 * {@code local} leaves network boot at once, an entry id boots that entry without showing the menu (the menu comes
 * back when it fails), {@code menu} or nothing shows the menu.
 */
public final class MenuScriptProvider implements BootScriptProvider {
    private final Menu menu;
    private final Function<String, String> nextBoot;

    /** @param nextBoot a client's next boot by MAC ({@code 52:54:00:12:34:56}), or null */
    public MenuScriptProvider(Menu menu, Function<String, String> nextBoot) {
        this.menu = menu;
        this.nextBoot = nextBoot == null ? m -> null : nextBoot;
    }

    public Menu menu() {
        return menu;
    }

    @Override
    public String script(BootScriptRequest r) {
        String mac = r.mac() == null ? null : r.mac().toString().toLowerCase(Locale.ROOT);
        String next = null;
        if (mac != null) {
            try {
                next = nextBoot.apply(mac);
            } catch (RuntimeException e) {
                next = null; // settings being edited: show the menu
            }
        }
        return script(menu, r.baseUrl(), mac, next);
    }

    /** The script for one client; {@code baseUrl} is used when the menu has none. */
    public static String script(Menu menu, String baseUrl, String mac, String next) {
        if (next != null && next.equalsIgnoreCase("local"))
            return "#!ipxe\n# Bootbench: the next boot of " + mac + " is the local disk\nexit\n";
        Menu.Builder b = menu.toBuilder();
        if (menu.baseUrl() == null && baseUrl != null) b.baseUrl(baseUrl);
        if (next != null && !next.isBlank() && !next.equalsIgnoreCase("menu") && menu.allEntries().anyMatch(e -> e.id().equals(next))) {
            String pre = menu.ipxePreamble();
            b.ipxePreamble((pre == null ? "" : pre + "\n") + "# Bootbench: the next boot of " + mac + " is '" + next + "'\ngoto " + next);
        }
        return IpxeGenerator.generate(b.build());
    }
}
