package dev.bootbench.menu.grub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrubParserTest {
    static GrubNode.Command command(String text) {
        GrubScript s = GrubParser.parse("t", text);
        assertEquals(List.of(), s.problems());
        return (GrubNode.Command) s.nodes().get(0);
    }

    @Test
    void wordsQuotesAndVariables() {
        GrubNode.Command c = command("linux /vmlinuz 'a b' \"mac=${net_default_mac} \\\"x\\\"\" c\\ d $x$1 '$y' # comment\n");
        assertEquals("linux", c.name());
        List<String> canon = c.args().stream().map(GrubWord::canonical).toList();
        assertEquals(List.of("/vmlinuz", "a b", "mac=${net_default_mac} \"x\"", "c d", "${x}${1}", "$y"), canon);
        assertEquals(List.of("net_default_mac"), c.args().get(2).vars().stream().map(GrubWord.Var::name).toList());
        assertTrue(c.args().get(2).vars().get(0).quoted());
        assertEquals(1, c.line());
        assertEquals(16, c.args().get(1).column());
        Map<String, String> env = Map.of("x", "one two", "net_default_mac", "52:54:00:12:34:56");
        assertEquals(List.of("one", "two"), c.args().get(4).fields(env::get));
        assertEquals(List.of("mac=52:54:00:12:34:56 \"x\""), c.args().get(2).fields(env::get));
    }

    @Test
    void compoundCommands() {
        String text = """
                if [ "$grub_platform" = efi ]; then
                  set a=1
                elif test x$b = xc; then set a=2; else
                  set a=3
                fi
                for f in one two; do echo $f; done
                while false; do echo never; done
                function load_video { insmod all_video; }
                menuentry --hotkey=i 'Install' --class os --id inst extra {
                    linux /k
                }
                submenu 'More' { menuentry 'x' { true } }
                """;
        GrubScript s = GrubParser.parse("t", text);
        assertEquals(List.of(), s.problems());
        assertEquals(6, s.nodes().size());
        GrubNode.If i = (GrubNode.If) s.nodes().get(0);
        assertEquals(2, i.branches().size());
        assertEquals(1, i.otherwise().size());
        GrubNode.Loop f = (GrubNode.Loop) s.nodes().get(1);
        assertEquals(GrubNode.Loop.Kind.FOR, f.kind());
        assertEquals(2, f.items().size());
        assertEquals("load_video", ((GrubNode.Function) s.nodes().get(3)).name());
        GrubNode.Entry e = (GrubNode.Entry) s.nodes().get(4);
        assertEquals("Install", e.title().literal());
        assertEquals("inst", e.id());
        assertEquals("i", e.option("hotkey").literal());
        assertEquals(List.of("os"), e.classes());
        assertEquals(List.of("Install", "extra"), e.positional().stream().map(GrubWord::literal).toList());
        assertEquals("\n    linux /k\n", text.substring(e.bodyStart(), e.bodyEnd()));
        GrubNode.Entry sub = (GrubNode.Entry) s.nodes().get(5);
        assertTrue(sub.submenu());
        assertEquals(1, sub.body().size());
    }

    @Test
    void continuationsAndBom() {
        GrubScript s = GrubParser.parse("t", "\uFEFFlinux /k a \\\n  b\ninitrd /i\n");
        assertEquals(2, s.nodes().size());
        assertEquals(3, ((GrubNode.Command) s.nodes().get(0)).args().size());
        assertEquals(3, s.nodes().get(1).line());
    }

    @Test
    void brokenInputBecomesFindings() {
        List<String> msgs = GrubParser.parse("t", "echo 'open\n").problems().stream().map(Finding::message).toList();
        assertTrue(msgs.contains("unterminated single quote"), msgs.toString());
        Finding fi = GrubParser.parse("t", "if true; then\n  echo x\n").problems().get(0);
        assertEquals("t:1:1: error: 'fi' expected for the 'if' at line 1 [syntax]", fi.format());
        assertFalse(GrubParser.parse("t", "menuentry 'x' {\n linux /k\n").problems().isEmpty());
        assertFalse(GrubParser.parse("t", "}\n").problems().isEmpty());
        assertFalse(GrubParser.parse("t", "echo a | grep b\n").problems().isEmpty());
        assertFalse(GrubParser.parse("t", "fi\n").problems().isEmpty());
        assertTrue(GrubParser.parse("t", "menuentry {\n}\n").problems().stream().anyMatch(f -> f.message().contains("without a title")));
        // deep nesting stops with a finding, not a stack overflow
        String deep = "{ ".repeat(5000);
        assertTrue(GrubParser.parse("t", deep).problems().stream().anyMatch(f -> f.message().contains("nested more than")));
    }

    @Test
    void theDistributionShapesParse() {
        for (String f : List.of("grub/debian-netboot.cfg", "grub/ubuntu-netboot.cfg", "grub/fedora-pxe.cfg")) {
            GrubScript s = GrubParser.parse(f, Fixtures.resource(f));
            assertEquals(List.of(), s.problems(), f);
        }
        GrubScript s = GrubParser.parse("d", Fixtures.resource("grub/debian-netboot.cfg"));
        GrubNode.Entry install = (GrubNode.Entry) s.nodes().stream().filter(n -> n instanceof GrubNode.Entry e && "Install".equals(e.title().literal()))
                .findFirst().orElseThrow();
        assertNull(install.id());
        assertEquals("i", install.option("hotkey").literal());
    }
}
