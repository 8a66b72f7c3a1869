package dev.bootbench.engine.boot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * U-Boot's boot script over the network: {@value #FILE}, which U-Boot's default boot command fetches over TFTP from the
 * next-server DHCP named, then runs ({@code source}). It is a legacy uImage of type "script": a 64-byte big-endian
 * header (magic {@code 0x27051956}, a CRC-32 of the header, the time, the data size, load address and entry point, a
 * CRC-32 of the data, then one byte each for OS, architecture, image type and compression, and a 32-byte name), and
 * as data a table of part lengths (one 32-bit length, then 0) followed by the script text. {@code mkimage -T script}
 * makes the same.
 *
 * <p>Bootbench's script runs the pxelinux menu with U-Boot's {@code pxe} command, which looks for
 * {@code pxelinux.cfg/01-MAC}, the client's address in hex (shortened one digit at a time), {@code default-arm} and
 * {@code default} on the server the script came from: the menu Bootbench serves to pxelinux clients.
 */
public final class UBootScript {
    private UBootScript() {}

    /** The file U-Boot's default boot command asks for over TFTP ({@code boot_script_dhcp}). */
    public static final String FILE = "boot.scr.uimg";

    /** The legacy image magic number. */
    static final int MAGIC = 0x27051956;
    static final int HEADER_LENGTH = 64, NAME_LENGTH = 32;
    /** OS Linux, image type script, no compression: the values of U-Boot's image format. */
    static final int OS_LINUX = 5, TYPE_SCRIPT = 6, COMPRESSION_NONE = 0;

    /** The architecture byte of the header. */
    public enum Arch {
        ARM(2), ARM64(22);

        final int code;

        Arch(int code) {
            this.code = code;
        }
    }

    /** Whether a name asked for over TFTP is U-Boot's boot script ({@value #FILE}, in any folder). */
    public static boolean isScriptName(String name) {
        if (name == null) return false;
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.equalsIgnoreCase(FILE);
    }

    /**
     * The script that runs the pxelinux menu: {@code pxe get} finds the menu on the server the script came from
     * ({@code serverip}, set by DHCP's next-server or by the TFTP transfer itself), {@code pxe boot} shows and boots it.
     * When neither works, a note on the console, and U-Boot goes on with its next boot source.
     */
    public static String menuScript() {
        return """
                # Made by Bootbench: boot the pxelinux menu served here. U-Boot's pxe command looks for
                # pxelinux.cfg/01-MAC, the address in hex, default-arm and default, beside this script.
                echo Bootbench: the pxelinux menu from ${serverip}
                if pxe get; then
                  pxe boot
                fi
                echo Bootbench: no pxelinux menu booted. Publish a menu, or put pxelinux.cfg/default in the served folder.
                """;
    }

    /**
     * A legacy uImage holding one script.
     *
     * @param name  the image name shown by U-Boot and {@code mkimage -l} (cut to 31 bytes)
     * @param arch  the client's architecture
     * @param script the script text
     * @param time  the creation time in seconds since 1970 (kept as 32 bits, as the format has it)
     */
    public static byte[] uImage(String name, Arch arch, String script, long time) {
        byte[] text = script.getBytes(StandardCharsets.UTF_8);
        // the data: the length of each part, a 0 after the last, then the parts (a script has one)
        ByteBuffer data = ByteBuffer.allocate(8 + text.length);
        data.putInt(text.length).putInt(0).put(text);
        byte[] d = data.array();
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH + d.length);
        h.putInt(MAGIC);
        h.putInt(0); // header CRC, filled in below
        h.putInt((int) time);
        h.putInt(d.length);
        h.putInt(0); // load address: a script is run where it was loaded
        h.putInt(0); // entry point
        h.putInt((int) crc32(d, 0, d.length));
        h.put((byte) OS_LINUX).put((byte) arch.code).put((byte) TYPE_SCRIPT).put((byte) COMPRESSION_NONE);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        h.put(n, 0, Math.min(n.length, NAME_LENGTH - 1));
        h.position(HEADER_LENGTH);
        h.put(d);
        byte[] out = h.array();
        ByteBuffer.wrap(out).putInt(4, (int) crc32(out, 0, HEADER_LENGTH));
        return out;
    }

    private static long crc32(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
