package dev.bootbench.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HighlighterTest {
    /** "style:text" for each span. */
    static String render(String text, List<Highlighter.Span> spans) {
        return spans.stream().map(s -> s.style() + ":" + text.substring(s.start(), s.end())).collect(Collectors.joining(" | "));
    }

    @Test
    void ipxeTokens() {
        String t = "#!ipxe\n:start\nkernel --name k ${base-url}/vmlinuz quiet || goto failed # note\nitem --key l linux Linux ${ver:string}\n";
        String r = render(t, Highlighter.ipxe(t));
        assertEquals("comment:#!ipxe | label::start | command:kernel | option:--name | variable:${base-url} | operator:|| | command:goto"
                + " | comment:# note | command:item | option:--key | string:l | string:linux | string:Linux | variable:${ver:string}", r);
    }

    @Test
    void nestedVariablesAndContinuations() {
        String t = "echo ${net${idx}/ip} \\\n  more\nset x 1";
        String r = render(t, Highlighter.ipxe(t));
        assertTrue(r.startsWith("command:echo | variable:${net${idx}/ip} | string:\\"), r);
        assertTrue(!r.contains("command:more"), "a continued line has no command: " + r);
        assertTrue(r.endsWith("command:set"), r);
    }

    /**
     * A script pasted from a web page can carry an em space: iPXE reads "kernel\u2003vmlinuz" as one word (a command it
     * does not know), so it is highlighted as one, as the parser splits it, not as "kernel" and a file.
     */
    @Test
    void ipxeWordsSplitAsTheParserSplitsThem() {
        String t = "kernel\u2003vmlinuz quiet\n";
        String r = render(t, Highlighter.ipxe(t));
        assertEquals("command:kernel\u2003vmlinuz", r);
        var first = dev.bootbench.menu.ipxe.IpxeParser.parse("t.ipxe", t).lines().get(0).commands().get(0);
        assertEquals("kernel\u2003vmlinuz", first.name(), "the parser's command");
    }

    @Test
    void pxelinuxTokens() {
        String t = "# hi\nUI menu.c32\nMENU TITLE Bench\nLABEL linux\n  MENU LABEL ^Linux\n  APPEND initrd=initrd.img quiet\n";
        String r = render(t, Highlighter.pxelinux(t));
        assertEquals("comment:# hi | keyword:UI | keyword:MENU TITLE | string:Bench | keyword:LABEL | label:linux | keyword:MENU LABEL | string:^Linux"
                + " | keyword:APPEND | option:initrd=initrd.img", r);
    }

    @Test
    void spansNeverOverlapOrLeaveTheText() {
        String t = "a ${b ${c} ||&& :x #y \\\n${}";
        int end = 0;
        for (Highlighter.Span s : Highlighter.ipxe(t)) {
            assertTrue(s.start() >= end && s.end() <= t.length() && s.start() < s.end(), s.toString());
            end = s.end();
        }
    }

    @Test
    void grubTokens() {
        String t = "# hi\nif [ \"$grub_platform\" = efi ]; then\nmenuentry 'Linux' --id linux {\n  linux /k ip=${net_default_ip} $x\n}\nfi\n";
        String r = render(t, Highlighter.grub(t));
        assertEquals("comment:# hi | keyword:if | command:[ | string:\" | variable:$grub_platform | string:\" | operator:; | keyword:then"
                + " | keyword:menuentry | string:'Linux' | option:--id | operator:{ | command:linux | variable:${net_default_ip} | variable:$x"
                + " | operator:} | keyword:fi", r);
        int end = 0;
        for (Highlighter.Span s : Highlighter.grub("a \"${b\" 'c ${ $ \\\n{ } ; # x\n\"unterminated")) {
            assertTrue(s.start() >= end && s.start() < s.end(), s.toString());
            end = s.end();
        }
    }
}
