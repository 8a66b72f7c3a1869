package dev.bootbench.menu;

import java.util.Comparator;

/**
 * One problem found in a script, config or model: {@code FILE:LINE:COLUMN: severity: message}.
 * Lines and columns start at 1; 0 means "the whole file".
 */
public record Finding(String file, int line, int column, Severity severity, String code, String message) {
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::code)
            .thenComparing(Finding::message);

    public Finding {
        if (file == null) file = "-";
        if (code == null) code = "";
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Finding inFile(String f) {
        return new Finding(f, line, column, severity, code, message);
    }

    /** {@code FILE:LINE:COLUMN: error|warning|info: message [code]} */
    public String format() {
        return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message + (code.isEmpty() ? "" : " [" + code + "]");
    }

    @Override
    public String toString() {
        return format();
    }
}
