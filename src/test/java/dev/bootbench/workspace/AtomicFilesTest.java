package dev.bootbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    /** Served files we write (pxelinux.cfg/default, grub.cfg) are readable by other servers; a file's chosen mode stays (#24). */
    @Test
    void aNewFileIsReadableByAllAndAReplacedOneKeepsItsMode(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Path cfg = dir.resolve("pxelinux.cfg/default");
        AtomicFiles.write(cfg, "DEFAULT menu.c32\n".getBytes());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(cfg, "DEFAULT vesamenu.c32\n".getBytes());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        assertEquals("DEFAULT vesamenu.c32\n", Files.readString(cfg));
    }
}
