package dev.bootbench.engine.boot;

import dev.bootbench.engine.dhcp.Firmware;
import java.util.ArrayList;
import java.util.List;

/**
 * What a firmware of one system type shows of the firmware menu, for the editor's preview (a plain record: the UI shows
 * it, Jackson writes it): the prompt with its countdown as SeaBIOS's iPXE ROM and OVMF print it ({@code PROMPT (3)},
 * counting down), the items in the order they are sent (the default first) with where each leads, and what happens
 * when nobody presses a key.
 *
 * @param system       the firmware's label, e.g. "BIOS"
 * @param prompt       the prompt line as it first shows, e.g. {@code Press F8 for the boot menu (10)}; null when the
 *                     timeout is 0 (no prompt) or 255 (the menu at once)
 * @param items        the menu, in the order shown
 * @param afterTimeout what the firmware does by itself, in words
 * @param text         all of it as text (empty items: a line saying this system is not offered the menu)
 */
public record FirmwareMenuPreview(String system, String prompt, List<Line> items, String afterTimeout, String text) {
    /**
     * One item.
     *
     * @param label  as listed
     * @param type   its PXE boot server type, e.g. {@code 0x8001} (0: the local disk)
     * @param target where it leads, in words
     */
    public record Line(String label, String type, String target) {}

    /** The preview of {@code menu} for clients of {@code fw} (x64 UEFI for 7 and 9). */
    public static FirmwareMenuPreview of(FirmwareMenu menu, Firmware fw) {
        List<FirmwareMenu.Item> items = menu.itemsFor(fw);
        List<Line> lines = new ArrayList<>();
        for (FirmwareMenu.Item i : items) {
            String target = switch (i.kind()) {
                case PROGRAM -> i.bootFile() + " (over TFTP from this bench)";
                case SERVER -> "the boot server " + i.server().getHostAddress() + " (it answers itself)";
                case LOCAL -> "the local disk (the firmware's next boot option)";
            };
            lines.add(new Line(i.label(), String.format("0x%04x", i.type()), target));
        }
        if (lines.isEmpty()) {
            String none = fw.label() + " clients are not offered the firmware menu: they get their boot program as without one";
            return new FirmwareMenuPreview(fw.label(), null, List.of(), none, none + "\n");
        }
        int t = menu.timeoutSeconds();
        String prompt = t == 0 || t == 255 ? null : menu.prompt() + " (" + t + ")";
        String first = lines.get(0).label();
        String after = t == 0 ? "'" + first + "' at once, without a prompt"
                : t == 255 ? "the menu at once; it waits for a choice"
                : "after " + t + " s without a key: '" + first + "' (F8 shows the menu)";
        StringBuilder b = new StringBuilder();
        if (prompt != null) b.append(prompt).append('\n');
        int w = lines.stream().mapToInt(l -> l.label().length()).max().orElse(0);
        for (Line l : lines) b.append("  ").append(l.label()).append(" ".repeat(w - l.label().length())).append("  -> ").append(l.target()).append('\n');
        b.append(after.substring(0, 1).toUpperCase(java.util.Locale.ROOT)).append(after.substring(1)).append('\n');
        return new FirmwareMenuPreview(fw.label(), prompt, List.copyOf(lines), after, b.toString());
    }
}
