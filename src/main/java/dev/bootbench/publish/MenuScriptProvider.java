package dev.bootbench.publish;

import dev.bootbench.engine.http.BootScriptProvider;
import dev.bootbench.engine.http.BootScriptRequest;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import java.util.Locale;
import java.util.function.Function;

/**
 * What {@code /boot.ipxe} answers once a menu is published: the menu's iPXE script, with {@code ${base-url}} set to
 * the address the client reached us on (unless the menu sets its own), {@code ${bb-event}} set to our beacon
 * ({@code http://ADDRESS/_/event?mac=MAC}, always at the address the client reached us on, so the script's stage
 * reports reach us whichever server its files come from), and each client's "next boot" honoured: {@code local}
 * leaves network boot at once (reporting stage {@code local}), an entry id boots that entry without showing the menu
 * (the menu comes back when it fails), {@code menu} or nothing shows the menu.
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

    /**
     * The script for one client.
     *
     * @param baseUrl our {@code http://ADDRESS[:PORT]} as the client reached it: the menu's files when the menu has no
     *                base URL of its own, and the beacon; null: neither
     * @param mac     the client's MAC ({@code 52:54:00:12:34:56}), or null: iPXE's {@code ${netX/mac}}
     */
    public static String script(Menu menu, String baseUrl, String mac, String next) {
        String event = eventUrl(baseUrl, mac);
        if (next != null && next.equalsIgnoreCase("local")) {
            StringBuilder sb = new StringBuilder("#!ipxe\n# Bootbench: the next boot of " + (mac != null ? mac : "this client") + " is the local disk\n");
            if (event != null) sb.append(IpxeGenerator.eventLine(event)).append('\n');
            return sb.append(IpxeGenerator.beacon("local")).append("\nexit\n").toString();
        }
        Menu.Builder b = menu.toBuilder();
        if (menu.baseUrl() == null && baseUrl != null) b.baseUrl(baseUrl);
        if (next != null && !next.isBlank() && !next.equalsIgnoreCase("menu") && menu.allEntries().anyMatch(e -> e.id().equals(next))) {
            String pre = menu.ipxePreamble();
            b.ipxePreamble((pre == null ? "" : pre + "\n") + "# Bootbench: the next boot of " + mac + " is '" + next + "'\ngoto " + next);
        }
        return IpxeGenerator.generate(b.build(), event);
    }

    /** Our beacon for this client: {@code BASE/_/event?mac=MAC}, or null without a base URL. */
    static String eventUrl(String baseUrl, String mac) {
        if (baseUrl == null || baseUrl.isBlank() || baseUrl.chars().anyMatch(Character::isWhitespace)) return null;
        String m = mac != null && mac.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}") ? mac : "${netX/mac}";
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/_/event?mac=" + m;
    }
}
