package dev.bootbench.engine.boot;

import java.util.Locale;

/**
 * What one client's next network boot does instead of showing the menu: boot from its local disk, or boot one entry
 * of the published menu without showing it. {@code always}: every boot, until changed; otherwise only the next boot,
 * after which the client gets the menu again (what a technician expects of "boot this machine from its disk now").
 *
 * @param choice {@code local} or a menu entry id
 */
public record NextBoot(String choice, boolean always) {
    public static final String LOCAL = "local";

    public NextBoot {
        if (choice == null || choice.isBlank() || choice.equalsIgnoreCase("menu")) {
            throw new IllegalArgumentException("a next boot names 'local' or a menu entry, not '" + choice + "'");
        }
        choice = choice.trim();
        if (choice.equalsIgnoreCase(LOCAL)) choice = LOCAL;
    }

    /** The next boot a setting asks for: null for none ("menu", blank or null). */
    public static NextBoot of(String choice, Boolean always) {
        if (choice == null || choice.isBlank() || choice.trim().equalsIgnoreCase("menu")) return null;
        return new NextBoot(choice, always != null && always);
    }

    public boolean local() {
        return choice.equals(LOCAL);
    }

    /** {@code local disk (once)}, {@code 'debian' (always)}. */
    public String describe() {
        return (local() ? "local disk" : "'" + choice + "'") + (always ? " (always)" : " (once)");
    }

    @Override
    public String toString() {
        return choice.toLowerCase(Locale.ROOT) + (always ? " always" : " once");
    }
}
