package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Firmware platform as iPXE names it in {@code ${platform}}. */
public enum Platform {
    PCBIOS, EFI;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform parse(String s) {
        for (Platform p : values()) if (p.id().equalsIgnoreCase(s.trim())) return p;
        throw new IllegalArgumentException("unknown platform '" + s + "' (pcbios or efi)");
    }
}
