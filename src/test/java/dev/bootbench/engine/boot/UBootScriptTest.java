package dev.bootbench.engine.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.testlab.Lab;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uImage writer read by U-Boot's own tools (u-boot-tools): {@code mkimage -l} lists it as a script of the right
 * architecture with valid CRCs, {@code dumpimage} gets the script back, and {@code mkimage -T script} makes the same
 * bytes from the same script, name and time.
 */
class UBootScriptTest {
    static final long TIME = 1_765_000_000L;

    @TempDir
    Path dir;

    static void requireTools() {
        Lab.require(Lab.which("mkimage") != null && Lab.which("dumpimage") != null,
                "mkimage and dumpimage are not installed (Debian: u-boot-tools; bash .ci/run installs it)");
    }

    record Run(int exit, String out) {}

    static Run run(Path dir, List<String> cmd, String sourceDateEpoch) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (sourceDateEpoch != null) pb.environment().put("SOURCE_DATE_EPOCH", sourceDateEpoch);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " ended");
        return new Run(p.exitValue(), out);
    }

    @Test
    void mkimageListsTheScriptAsAValidArm64ScriptImage() throws Exception {
        requireTools();
        String script = UBootScript.menuScript();
        Path f = dir.resolve("boot.scr.uimg");
        Files.write(f, UBootScript.uImage("Bootbench pxelinux menu", UBootScript.Arch.ARM64, script, TIME));
        Run l = run(dir, List.of("mkimage", "-l", f.toString()), null);
        assertEquals(0, l.exit(), l.out());
        assertTrue(l.out().contains("Image Name:   Bootbench pxelinux menu"), l.out());
        assertTrue(l.out().contains("Image Type:   AArch64 Linux Script (uncompressed)"), l.out());
        int data = 8 + script.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(l.out().contains("Data Size:    " + data + " Bytes"), l.out());
        assertTrue(l.out().contains("Image 0: " + script.getBytes(StandardCharsets.UTF_8).length + " Bytes"), l.out());

        // dumpimage extracts the script part (with its length table in this version), after checking both CRCs
        Path out = dir.resolve("script.out");
        Run d = run(dir, List.of("dumpimage", "-T", "script", "-p", "0", "-o", out.toString(), f.toString()), null);
        assertEquals(0, d.exit(), d.out());
        byte[] got = Files.readAllBytes(out);
        byte[] text = script.getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOfRange(got, got.length - text.length, got.length);
        assertEquals(script, new String(tail, StandardCharsets.UTF_8), "the script comes back whole");
        assertTrue(got.length == text.length || got.length == text.length + 8, "the script, or the script after its length table: " + got.length);
    }

    @Test
    void theSameBytesAsMkimageMakesForArm64AndArm() throws Exception {
        requireTools();
        String script = "echo hello from ${serverip}\npxe get && pxe boot\n";
        Path txt = dir.resolve("s.txt");
        Files.writeString(txt, script);
        for (UBootScript.Arch arch : UBootScript.Arch.values()) {
            Path theirs = dir.resolve("mk-" + arch + ".uimg");
            Run mk = run(dir, List.of("mkimage", "-A", arch == UBootScript.Arch.ARM ? "arm" : "arm64", "-O", "linux", "-T", "script",
                    "-C", "none", "-n", "Bootbench test", "-d", txt.toString(), theirs.toString()), Long.toString(TIME));
            assertEquals(0, mk.exit(), mk.out());
            assertArrayEquals(Files.readAllBytes(theirs), UBootScript.uImage("Bootbench test", arch, script, TIME),
                    "header (CRCs, time, sizes, OS, arch, type, name) and data as mkimage writes them, " + arch);
            Path ours = dir.resolve("ours-" + arch + ".uimg");
            Files.write(ours, UBootScript.uImage("Bootbench test", arch, script, TIME));
            Run l = run(dir, List.of("mkimage", "-l", ours.toString()), null);
            assertTrue(l.out().contains(arch == UBootScript.Arch.ARM ? "ARM Linux Script" : "AArch64 Linux Script"), l.out());
        }
    }

    @Test
    void aChangedByteBreaksTheCrcThatMkimageChecks() throws Exception {
        requireTools();
        byte[] image = UBootScript.uImage("x", UBootScript.Arch.ARM64, "echo hi\n", TIME);
        image[image.length - 2] ^= 1; // a byte of the script
        Path f = dir.resolve("bad.uimg");
        Files.write(f, image);
        Run l = run(dir, List.of("mkimage", "-l", f.toString()), null);
        assertFalse(l.exit() == 0 && l.out().contains("Linux Script"), "mkimage -l refuses a bad data CRC: " + l.out());
    }

    @Test
    void headerFieldsWithoutTheTools() {
        String script = "pxe get\n";
        byte[] image = UBootScript.uImage("a name longer than the thirty-two bytes of the field", UBootScript.Arch.ARM, script, TIME);
        ByteBuffer b = ByteBuffer.wrap(image);
        assertEquals(0x27051956, b.getInt(0), "magic");
        assertEquals((int) TIME, b.getInt(8), "time");
        assertEquals(8 + script.length(), b.getInt(12), "data size");
        assertEquals(64 + 8 + script.length(), image.length);
        assertEquals(5, image[28], "OS Linux");
        assertEquals(2, image[29], "arch ARM");
        assertEquals(6, image[30], "type script");
        assertEquals(0, image[31], "no compression");
        assertEquals(0, image[63], "the name ends in a NUL however long it was");
        assertEquals(script.length(), b.getInt(64), "the script's length");
        assertEquals(0, b.getInt(68), "end of the length table");
        assertTrue(UBootScript.isScriptName("boot.scr.uimg"));
        assertTrue(UBootScript.isScriptName("arm/BOOT.SCR.UIMG"));
        assertFalse(UBootScript.isScriptName("boot.scr.uimg.bak"));
        assertFalse(UBootScript.isScriptName(null));
    }
}
