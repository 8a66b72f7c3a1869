package dev.bootbench.engine.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
    @TempDir Path tmp;
    Path root;
    Path secret;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("boot/x64"));
        Files.writeString(root.resolve("boot/x64/wimboot"), "wimboot");
        Files.writeString(root.resolve("pxelinux.0"), "pxelinux");
        Files.createDirectories(root.resolve("pxelinux.cfg"));
        Files.writeString(root.resolve("pxelinux.cfg/default"), "default");
        Files.writeString(root.resolve("Boot.SDI"), "sdi");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), secret);
        Files.createSymbolicLink(root.resolve("escapedir"), outside);
        Files.createSymbolicLink(root.resolve("rel-escape"), Path.of("../outside/secret"));
        Files.createSymbolicLink(root.resolve("inside-link"), Path.of("pxelinux.0"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Files.createDirectories(root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("sub/upup"), Path.of("../.."));
    }

    @Test
    void ordinaryNames() throws IOException {
        var r = new PathResolver(root, false);
        for (String n : List.of("pxelinux.0", "/pxelinux.0", "./pxelinux.0", "//pxelinux.0".substring(1), "boot/x64/wimboot",
                "\\boot\\x64\\wimboot", "boot//x64/./wimboot", "pxelinux.cfg/default", root + "/pxelinux.0")) {
            var res = r.resolve(n);
            assertInstanceOf(PathResolver.Found.class, res, n + " -> " + res);
        }
        assertEquals("boot/x64/wimboot", r.resolve("\\boot\\x64\\wimboot").name());
        var link = (PathResolver.Found) r.resolve("inside-link");
        assertEquals(root.toRealPath().resolve("pxelinux.0"), link.file());
        assertEquals("inside-link", link.name());
        // a link that goes up and back down stays inside
        assertInstanceOf(PathResolver.Found.class, r.resolve("sub/up/pxelinux.0"));
    }

    @Test
    void missingNamesAreNotFound() throws IOException {
        var r = new PathResolver(root, false);
        for (String n : List.of("pxelinux.cfg/01-52-54-00-12-34-56", "nothing", "boot", "boot/", "/", "dangling", "PXELINUX.0", "boot.sdi")) {
            assertInstanceOf(PathResolver.NotFound.class, r.resolve(n), n);
        }
    }

    @Test
    void caseInsensitiveMatching() throws IOException {
        var r = new PathResolver(root, true);
        var res = (PathResolver.Found) r.resolve("\\BOOT\\X64\\WimBoot");
        assertEquals("boot/x64/wimboot", res.name());
        assertEquals("Boot.SDI", ((PathResolver.Found) r.resolve("boot.sdi")).name());
        assertInstanceOf(PathResolver.Denied.class, r.resolve("ESCAPE"));
    }

    /** Every attempt to leave the root: refused (or at worst not found), and nothing outside is ever returned. */
    @Test
    void traversalCorpus() throws IOException {
        List<String> denied = List.of(
                "..", "../outside/secret", "../../../../etc/passwd", "boot/../../outside/secret", "boot/../pxelinux.0",
                "..\\outside\\secret", "\\..\\..\\outside\\secret", "boot\\..\\..\\outside\\secret",
                "%2e%2e/outside/secret", "%2E%2E%2Foutside%2Fsecret", "..%2foutside%2fsecret", "%252e%252e/secret",
                "pxelinux.0%00.txt", "pxelinux.0\0.txt", "a\nb", "\u007f",
                "C:\\Windows\\win.ini", "c:/windows/win.ini", "C:pxelinux.0", "boot/x64/wimboot:stream", "file::$DATA",
                "\\\\server\\share\\secret", "//server/share/secret",
                "escape", "rel-escape", "escapedir/secret", "sub/upup/outside/secret",
                "CON", "nul.txt", "boot/COM1", "lpt9.bin",
                "", "x".repeat(5000));
        List<String> harmless = List.of("/etc/passwd", "/../outside/secret".replace("/..", ""), tmp + "/outside/secret", "...", "....//....//secret");
        for (PathResolver r : List.of(new PathResolver(root, false), new PathResolver(root, true))) {
            for (String n : denied) {
                var res = r.resolve(n);
                assertInstanceOf(PathResolver.Denied.class, res, "'" + n + "' gave " + res);
                assertFalse(res.name().contains("\0"), "log names are printable");
            }
            for (String n : denied) assertNotOutside(r, n);
            for (String n : harmless) {
                var res = r.resolve(n);
                assertFalse(res instanceof PathResolver.Found, "'" + n + "' gave " + res);
                assertNotOutside(r, n);
            }
        }
    }

    private void assertNotOutside(PathResolver r, String n) throws IOException {
        if (r.resolve(n) instanceof PathResolver.Found f) {
            assertTrue(f.file().startsWith(root.toRealPath()), n + " resolved outside: " + f.file());
        }
    }

    @Test
    void rootMustExist() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new PathResolver(tmp.resolve("missing"), false)).getMessage() != null);
    }
}
