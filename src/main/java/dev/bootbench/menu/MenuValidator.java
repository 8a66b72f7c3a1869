package dev.bootbench.menu;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a menu model before it is generated: entry ids usable as iPXE labels and pxelinux LABELs and unique across
 * submenus (iPXE labels share one script), and defaults, fallbacks and cancel targets that name something.
 */
public final class MenuValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private MenuValidator() {}

    public static List<Finding> validate(Menu menu, String file) {
        List<Finding> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        collect(menu, labels, out, file, true);
        check(menu, labels, out, file);
        return out;
    }

    private static void collect(Menu m, Set<String> labels, List<Finding> out, String file, boolean root) {
        if (root) labels.add(m.idOrDefault());
        for (Section s : m.ipxeSections()) labels.add(s.label());
        for (Entry e : m.entries()) {
            if (!ID.matcher(e.id()).matches())
                out.add(new Finding(file, 0, 0, Severity.ERROR, "bad-id", "entry id '" + e.id() + "' must be letters, digits, '_', '-' or '.'").about(e.id()));
            if (!labels.add(e.id()))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "duplicate-id", "entry id '" + e.id() + "' is used twice (ids are script labels)").about(e.id()));
            if (e.action() instanceof BootAction.Submenu s) collect(s.menu(), labels, out, file, false);
        }
    }

    private static void check(Menu m, Set<String> labels, List<Finding> out, String file) {
        if (m.defaultEntry() != null && !m.defaultEntry().contains("${") && m.entry(m.defaultEntry()).isEmpty())
            out.add(new Finding(file, 0, 0, Severity.ERROR, "bad-default", "default entry '" + m.defaultEntry() + "' is not an entry of menu '"
                    + (m.title() == null ? "" : m.title()) + "'"));
        for (String target : new String[] {m.fallback(), m.onCancel()})
            if (target != null && !labels.contains(target))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "bad-target", "'" + target + "' is not an entry id or section label"));
        for (Entry e : m.entries()) {
            if (e.fallback() != null && !labels.contains(e.fallback()))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "bad-target", "fallback '" + e.fallback() + "' of entry '" + e.id() + "' is not an entry id").about(e.id()));
            BootAction a = e.action();
            if (a instanceof BootAction.Linux l && (l.kernel() == null || l.kernel().isBlank()))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "missing-field", "entry '" + e.id() + "' has no kernel").about(e.id()));
            if (a instanceof BootAction.Chain c && (c.url() == null || c.url().isBlank()))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "missing-field", "entry '" + e.id() + "' has no URL to chain").about(e.id()));
            if (a instanceof BootAction.Wimboot w && (w.wimboot() == null || w.bcd() == null || w.bootSdi() == null || w.bootWim() == null))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "missing-field", "entry '" + e.id() + "' needs wimboot, BCD, boot.sdi and boot.wim").about(e.id()));
            if (a instanceof BootAction.Iso i && (i.iso() == null || i.iso().isBlank()))
                out.add(new Finding(file, 0, 0, Severity.ERROR, "missing-field", "entry '" + e.id() + "' has no ISO image").about(e.id()));
            if (a instanceof BootAction.Iso i && !i.sanbootOnEfi() && !e.platforms().isEmpty() && e.platforms().contains(Platform.EFI))
                out.add(new Finding(file, 0, 0, Severity.WARNING, "bios-only-on-efi", "entry '" + e.id() + "' is offered on EFI, but its ISO boots with memdisk (BIOS only)").about(e.id()));
            if (a instanceof BootAction.Submenu s) check(s.menu(), labels, out, file);
        }
    }
}
