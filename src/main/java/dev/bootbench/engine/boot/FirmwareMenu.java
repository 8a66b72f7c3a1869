package dev.bootbench.engine.boot;

import dev.bootbench.engine.dhcp.Firmware;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PXE firmware's own boot menu (PXE 2.1, option 43), frozen: items per client system type, each a boot program of
 * ours (a file of the served root, answered on port 4011), a boot server elsewhere (e.g. WDS: the client asks it
 * directly) or the local disk (type 0); a prompt shown with a countdown, after which the firmware takes the first item
 * of the menu it was sent: the default, which goes first.
 *
 * <p>Sent as option 43's sub-options 6 (discovery control 3: no broadcast or multicast discovery, the boot servers of
 * 8 only), 8 (boot servers: ours for our items, the other server's for its), 9 (the menu) and 10 (prompt and timeout);
 * the firmware then asks the boot server of the chosen item on port 4011 with a DHCPREQUEST carrying sub-option 71
 * (boot item type and layer), answered with that item's boot file and 71 echoed.
 *
 * @param prompt         the text the firmware shows before its countdown (printable ASCII)
 * @param timeoutSeconds 0 to 255: after so many seconds without a key the default item is taken; 0 takes it at once
 *                       without a prompt, 255 waits for a key
 * @param defaultLabel   the label of the item taken after the timeout (put first for each system type that has it), or
 *                       null: the first item of each system type
 * @param items          the items, in menu order
 */
public record FirmwareMenu(String prompt, int timeoutSeconds, String defaultLabel, List<Item> items) {
    /** The prompt when none is given. */
    public static final String DEFAULT_PROMPT = "Press F8 for the boot menu";
    public static final int DEFAULT_TIMEOUT = 10;
    /** The first boot server type given to our items and to other servers' items without a type of their own. */
    public static final int FIRST_TYPE = 0x8001;
    /** PXE 2.1 discovery control: no broadcast (bit 0) and no multicast (bit 1) discovery, the servers of 43.8 only. */
    public static final int DISCOVERY_CONTROL = 3;

    /** What an item boots. */
    public enum Kind {
        /** A boot program of ours: a file of the served root, given on port 4011. */
        PROGRAM,
        /** A boot server elsewhere (e.g. WDS), which the firmware asks itself. */
        SERVER,
        /** The local disk: PXE boot server type 0, the firmware goes on to its next boot option. */
        LOCAL
    }

    /**
     * One item.
     *
     * @param system   the client system type (option 93) it is shown to: 0 x86 BIOS, 7 (or 9) x64 UEFI, 11 arm64 UEFI, ...;
     *                 x64 UEFI's 7 and 9 are one system
     * @param label    what the firmware lists (printable ASCII)
     * @param bootFile the boot program (a file of the root) for {@link Kind#PROGRAM}, else null
     * @param server   the boot server's address for {@link Kind#SERVER}, else null
     * @param type     the PXE boot server type: 0 for {@link Kind#LOCAL}; -1 to have one given ({@value #FIRST_TYPE} and up)
     */
    public record Item(int system, String label, Kind kind, String bootFile, Inet4Address server, int type) {
        public Item {
            if (kind == null) throw new IllegalArgumentException("item '" + label + "': no kind");
            if (label == null || label.isBlank()) throw new IllegalArgumentException("a menu item needs a label");
            checkText("item label '" + label + "'", label);
            if (system < 0 || system > 0xffff) throw new IllegalArgumentException("item '" + label + "': system type " + system + " is not 0-65535");
            if (kind == Kind.PROGRAM && (bootFile == null || bootFile.isBlank())) {
                throw new IllegalArgumentException("item '" + label + "' has no boot program");
            }
            if (kind == Kind.SERVER && server == null) throw new IllegalArgumentException("item '" + label + "' has no boot server address");
            if (kind != Kind.PROGRAM) bootFile = null;
            if (kind != Kind.SERVER) server = null;
            if (kind == Kind.LOCAL) type = 0;
            else if (type == 0 || type > 0xffff || type < -1) {
                throw new IllegalArgumentException("item '" + label + "': boot server type " + type + " (1-65535; 0 is the local disk)");
            }
        }

        public static Item program(int system, String label, String bootFile) {
            return new Item(system, label, Kind.PROGRAM, bootFile, null, -1);
        }

        public static Item server(int system, String label, Inet4Address server, int type) {
            return new Item(system, label, Kind.SERVER, null, server, type);
        }

        public static Item local(int system, String label) {
            return new Item(system, label, Kind.LOCAL, null, null, 0);
        }

        /** The firmware that sends this system type (x64 UEFI for 7 and 9). */
        public Firmware firmware() {
            return Firmware.fromArchCode(system);
        }

        Item withType(int t) {
            return new Item(system, label, kind, bootFile, server, t);
        }
    }

    public FirmwareMenu {
        if (prompt == null || prompt.isBlank()) prompt = DEFAULT_PROMPT;
        checkText("the prompt", prompt);
        if (timeoutSeconds < 0 || timeoutSeconds > 255) throw new IllegalArgumentException("the timeout is 0 to 255 seconds, not " + timeoutSeconds);
        if (defaultLabel != null && defaultLabel.isBlank()) defaultLabel = null;
        if (items == null || items.isEmpty()) throw new IllegalArgumentException("a firmware menu needs at least one item");
        // give types: our items and other servers' without one get FIRST_TYPE and up, in order, unused by explicit ones
        List<Integer> taken = new ArrayList<>();
        for (Item i : items) if (i.type() > 0) taken.add(i.type());
        List<Item> typed = new ArrayList<>(items.size());
        int next = FIRST_TYPE;
        for (Item i : items) {
            if (i.type() < 0) {
                while (taken.contains(next)) next++;
                if (next > 0xffff) throw new IllegalArgumentException("too many items");
                taken.add(next);
                i = i.withType(next++);
            }
            typed.add(i);
        }
        items = List.copyOf(typed);
        // one type per system names one item (the 4011 request carries only the type)
        for (int a = 0; a < items.size(); a++) {
            for (int b = a + 1; b < items.size(); b++) {
                Item x = items.get(a), y = items.get(b);
                if (x.kind() != Kind.LOCAL && x.type() == y.type() && x.firmware() == y.firmware()) {
                    throw new IllegalArgumentException("items '" + x.label() + "' and '" + y.label() + "' have the same boot server type " + x.type());
                }
            }
        }
        for (Firmware fw : systems(items)) {
            int n = vendorOptions(fw, items, prompt, timeoutSeconds, defaultLabel, null).length;
            if (n > 255) {
                throw new IllegalArgumentException("the firmware menu for " + fw.label() + " takes " + n
                        + " bytes of option 43, at most 255 fit: shorten its labels or the prompt, or offer fewer items");
            }
        }
    }

    private static List<Firmware> systems(List<Item> items) {
        List<Firmware> out = new ArrayList<>();
        for (Item i : items) if (!out.contains(i.firmware())) out.add(i.firmware());
        return out;
    }

    private static void checkText(String what, String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException(what + ": only printable ASCII shows on a firmware's screen");
        }
        if (s.length() > 200) throw new IllegalArgumentException(what + " is longer than 200 characters");
    }

    /**
     * The items a client of this firmware is shown, in the order sent: the default first (when this system has it),
     * then the others in their order. Empty when the menu has none for it; {@link Firmware#UNKNOWN} has none.
     */
    public List<Item> itemsFor(Firmware fw) {
        return ordered(items, defaultLabel, fw);
    }

    private static List<Item> ordered(List<Item> all, String defaultLabel, Firmware fw) {
        List<Item> out = new ArrayList<>();
        if (fw == null || fw == Firmware.UNKNOWN) return out;
        for (Item i : all) if (i.firmware() == fw) out.add(i);
        if (defaultLabel != null) {
            for (int k = 0; k < out.size(); k++) {
                if (out.get(k).label().equals(defaultLabel)) {
                    out.add(0, out.remove(k));
                    break;
                }
            }
        }
        return out;
    }

    /** The item of a firmware's menu with a boot server type, or null. */
    public Item item(Firmware fw, int type) {
        for (Item i : itemsFor(fw)) if (i.type() == type) return i;
        return null;
    }

    /**
     * Option 43 for a client of this firmware with our boot server at {@code us}: sub-options 6, 8, 9, 10 and the end
     * mark. Empty when the menu has no items for it.
     */
    public byte[] vendorOptions(Firmware fw, Inet4Address us) {
        return vendorOptions(fw, items, prompt, timeoutSeconds, defaultLabel, us);
    }

    private static byte[] vendorOptions(Firmware fw, List<Item> all, String prompt, int timeout, String defaultLabel, Inet4Address us) {
        List<Item> mine = ordered(all, defaultLabel, fw);
        if (mine.isEmpty()) return new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(6);
        out.write(1);
        out.write(DISCOVERY_CONTROL);
        ByteArrayOutputStream servers = new ByteArrayOutputStream();
        for (Item i : mine) {
            if (i.kind() == Kind.LOCAL) continue;
            servers.write(i.type() >> 8);
            servers.write(i.type());
            servers.write(1);
            byte[] a = i.kind() == Kind.SERVER ? i.server().getAddress() : us != null ? us.getAddress() : new byte[4];
            servers.writeBytes(a);
        }
        if (servers.size() > 0) {
            out.write(8);
            out.write(servers.size());
            out.writeBytes(servers.toByteArray());
        }
        ByteArrayOutputStream menu = new ByteArrayOutputStream();
        for (Item i : mine) {
            byte[] l = i.label().getBytes(StandardCharsets.US_ASCII);
            menu.write(i.type() >> 8);
            menu.write(i.type());
            menu.write(l.length);
            menu.writeBytes(l);
        }
        out.write(9);
        out.write(Math.min(255, menu.size()));
        out.writeBytes(menu.toByteArray());
        byte[] p = prompt.getBytes(StandardCharsets.US_ASCII);
        out.write(10);
        out.write(Math.min(255, 1 + p.length));
        out.write(timeout);
        out.writeBytes(p);
        out.write(255);
        return out.toByteArray();
    }

    // ---- system type names, for settings and serve ----

    /**
     * A system type by name or number: {@code bios} (0), {@code x64}/{@code efi64}/{@code uefi} (7), {@code ia32} (6),
     * {@code arm64} (11), {@code arm32} (10), or the option 93 code itself.
     */
    public static int parseSystem(String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("no system type");
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "bios", "x86", "pcbios" -> 0;
            case "x64", "efi64", "uefi", "x86_64", "efi-x64", "uefi-x64" -> 7;
            case "ia32", "efi32", "uefi-ia32" -> 6;
            case "arm64", "aa64", "efi-arm64", "uefi-arm64" -> 11;
            case "arm32", "uefi-arm32" -> 10;
            default -> {
                try {
                    int n = Integer.parseInt(v);
                    if (n < 0 || n > 0xffff) throw new IllegalArgumentException("system type " + n + " is not 0-65535");
                    yield n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown system type '" + s + "' (bios, x64, ia32, arm64, arm32 or a number of option 93)");
                }
            }
        };
    }

    /** The name {@link #parseSystem} reads back: bios, x64, ia32, arm64, arm32, or the number. */
    public static String systemName(int code) {
        return switch (code) {
            case 0 -> "bios";
            case 7 -> "x64";
            case 6 -> "ia32";
            case 11 -> "arm64";
            case 10 -> "arm32";
            default -> Integer.toString(code);
        };
    }
}
