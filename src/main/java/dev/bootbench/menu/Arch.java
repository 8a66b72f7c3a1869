package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** CPU architecture as iPXE names it in {@code ${buildarch}}. */
public enum Arch {
    I386, X86_64, ARM64;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Arch parse(String s) {
        for (Arch a : values()) if (a.id().equalsIgnoreCase(s.trim())) return a;
        throw new IllegalArgumentException("unknown arch '" + s + "' (i386, x86_64 or arm64)");
    }
}
