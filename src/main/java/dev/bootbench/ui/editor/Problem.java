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

    public String text() {
        return finding.severity().label() + ": " + finding.message() + (finding.code().isEmpty() ? "" : " [" + finding.code() + "]");
    }
}
