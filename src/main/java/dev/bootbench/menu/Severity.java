package dev.bootbench.menu;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
