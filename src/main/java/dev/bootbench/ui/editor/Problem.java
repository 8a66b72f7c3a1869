package dev.bootbench.ui.editor;

import dev.bootbench.menu.Finding;

/**
 * A finding shown in the problems panel: where it comes from (the model, the iPXE script, the pxelinux config or the
 * GRUB config),
 * and the entry it concerns when known (a click then selects it in the tree).
 */
public record Problem(Source source, Finding finding, String entryId) {
    public enum Source { MODEL, IPXE, PXELINUX, GRUB }

    public String location() {
        String where = switch (source) {
            case MODEL -> "menu";
            case IPXE -> "iPXE";
            case PXELINUX -> "pxelinux";
            case GRUB -> "GRUB";
        };
        if (finding.line() > 0) where += " line " + finding.line();
        if (entryId != null) where += " · " + entryId;
        return where;
    }

    /**
     * What Bootbench can do about this problem in one click, or null: a syslinux module it can copy from the system's
     * packages (or a folder picked in Files), a file the user can pick to be copied into the root under the name the
     * menu uses.
     */
    public Fix fix() {
        String s = finding.subject();
        if (s == null || s.isBlank() || s.startsWith("/") || s.contains("..") || s.contains("://")) return null;
        return switch (finding.code()) {
            case "missing-module" -> new Fix(Fix.Kind.COPY_MODULES, s, "Copy from the system");
            case "missing-file" -> new Fix(Fix.Kind.ADD_FILE, s, "Choose file…");
            default -> null;
        };
    }

    /** An action the problems panel offers beside a problem; {@code target} is the file or module, under the root. */
    public record Fix(Kind kind, String target, String label) {
        public enum Kind { COPY_MODULES, ADD_FILE }
    }

    public String text() {
        return finding.severity().label() + ": " + finding.message() + (finding.code().isEmpty() ? "" : " [" + finding.code() + "]");
    }
}
