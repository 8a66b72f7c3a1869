package dev.bootbench.testlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A minimal writer of the cpio "newc" format (the one the Linux kernel unpacks as an initramfs):
 * directories, regular files, symlinks and character devices, then the TRAILER!!! entry.
 */
public final class Cpio {
    private static final int S_IFDIR = 0040000, S_IFREG = 0100000, S_IFLNK = 0120000, S_IFCHR = 0020000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int ino = 1;

    public Cpio dir(String path, int perm) {
        return entry(path, S_IFDIR | perm, 2, 0, 0, new byte[0]);
    }

    public Cpio file(String path, int perm, byte[] content) {
        return entry(path, S_IFREG | perm, 1, 0, 0, content);
    }

    public Cpio symlink(String path, String target) {
        return entry(path, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    public Cpio charDevice(String path, int perm, int major, int minor) {
        return entry(path, S_IFCHR | perm, 1, major, minor, new byte[0]);
    }

    private Cpio entry(String path, int mode, int nlink, int rdevMajor, int rdevMinor, byte[] data) {
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        for (int v : new int[] {ino++, mode, 0, 0, nlink, 0, data.length, 0, 0, rdevMajor, rdevMinor, name.length, 0}) {
            h.append(String.format("%08x", v));
        }
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        pad();
        out.writeBytes(data);
        pad();
        return this;
    }

    private void pad() {
        while (out.size() % 4 != 0) out.write(0);
    }

    /** The archive, with its trailer. */
    public byte[] toByteArray() {
        Cpio copy = new Cpio();
        copy.out.writeBytes(out.toByteArray());
        copy.ino = ino;
        copy.entry("TRAILER!!!", 0, 1, 0, 0, new byte[0]);
        while (copy.out.size() % 512 != 0) copy.out.write(0);
        return copy.out.toByteArray();
    }

    public byte[] toGzip() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(toByteArray());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
