package dev.bootbench.ui.editor;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import java.util.List;
import java.util.Locale;

/**
 * What a file dropped on the menu editor proposes, by its name: a kernel (vmlinuz*, bzImage*, linux, *.krn) a Linux
 * entry; an initrd (initrd*, initramfs*, *.cpio*, *.img except disk images) an initrd of the selected Linux entry; an
 * ISO an ISO entry; a WIM a WinPE (wimboot) entry; a boot program or iPXE script a chain entry.
 */
public final class DropProposals {
    private DropProposals() {}

    public enum Kind { KERNEL, INITRD, ISO, WIM, CHAIN }

    public static Kind classify(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".iso")) return Kind.ISO;
        if (n.endsWith(".wim")) return Kind.WIM;
        if (n.startsWith("vmlinuz") || n.startsWith("vmlinux") || n.startsWith("bzimage") || n.equals("linux") || n.startsWith("kernel") || n.endsWith(".krn"))
            return Kind.KERNEL;
        if (n.startsWith("initrd") || n.startsWith("initramfs") || n.contains(".cpio") || n.equals("initrd.gz") || n.endsWith(".img") && !n.contains("disk"))
            return Kind.INITRD;
        if (n.endsWith(".efi") || n.endsWith(".kpxe") || n.endsWith(".pxe") || n.endsWith(".0") || n.endsWith(".ipxe") || n.endsWith(".com"))
            return Kind.CHAIN;
        return null;
    }

    /** The entry a dropped file (already in the root, as {@code ref}) proposes; null for initrds and unknown files. */
    public static Entry entryFor(Menu menu, String ref, Kind kind) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        String base = name.contains(".") && kind != Kind.KERNEL ? name.substring(0, name.lastIndexOf('.')) : name;
        String id = MenuEdits.freeId(menu, base);
        return switch (kind) {
            case KERNEL -> new Entry(id, "Linux: " + ref, new BootAction.Linux(ref, List.of(), ""));
            case ISO -> new Entry(id, "ISO image: " + name, new BootAction.Iso(ref, null, true));
            case WIM -> {
                String dir = ref.contains("/") ? ref.substring(0, ref.lastIndexOf('/') + 1) : "";
                // Windows media keep boot.wim in sources/ and BCD, boot.sdi in boot/
                String media = dir.endsWith("sources/") ? dir.substring(0, dir.length() - "sources/".length()) : dir;
                yield new Entry(id, "Windows PE: " + name,
                        new BootAction.Wimboot("wimboot", media + "boot/bcd", media + "boot/boot.sdi", ref));
            }
            case CHAIN -> new Entry(id, "Chain: " + name, new BootAction.Chain(ref, false));
            case INITRD -> null;
        };
    }

    /** The Linux entry with one more initrd (and {@code initrd=NAME} for EFI stub kernels when it is the first). */
    public static Entry withInitrd(Entry linux, String ref) {
        BootAction.Linux l = (BootAction.Linux) linux.action();
        List<String> initrds = new java.util.ArrayList<>(l.initrds());
        if (!initrds.contains(ref)) initrds.add(ref);
        return linux.withAction(new BootAction.Linux(l.kernel(), initrds, l.args()));
    }
}
