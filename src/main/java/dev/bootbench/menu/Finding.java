package dev.bootbench.menu;

import java.util.Comparator;

/**
 * One problem found in a script, config or model: {@code FILE:LINE:COLUMN: severity: message}.
 * Lines and columns start at 1; 0 means "the whole file". {@code entry} is the id of the menu entry the finding is
 * about, when the model's check or a generator knows it (the editor marks that entry), else null. {@code subject} is the
 * file or module a finding about a missing file names, as the served root would hold it ({@code vmlinuz},
 * {@code menu.c32}), so the editor can offer to add it; null for other findings.
 */
public record Finding(String file, int line, int column, Severity severity, String code, String message, String entry, String subject) {
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::code)
            .thenComparing(Finding::message);

    public Finding {
        if (file == null) file = "-";
        if (code == null) code = "";
    }

    public Finding(String file, int line, int column, Severity severity, String code, String message) {
        this(file, line, column, severity, code, message, null, null);
    }

    public Finding(String file, int line, int column, Severity severity, String code, String message, String entry) {
        this(file, line, column, severity, code, message, entry, null);
    }

    /** The same finding, about the entry with this id. */
    public Finding about(String entryId) {
        return new Finding(file, line, column, severity, code, message, entryId, subject);
    }

    /** The same finding, naming this file or module (see {@link #subject}). */
    public Finding naming(String what) {
        return new Finding(file, line, column, severity, code, message, entry, what);
    }

    /** The same finding with another severity and message (the editor's softer wording of a missing file). */
    public Finding as(Severity s, String m) {
        return new Finding(file, line, column, s, code, m, entry, subject);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Finding inFile(String f) {
        return new Finding(f, line, column, severity, code, message, entry, subject);
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
