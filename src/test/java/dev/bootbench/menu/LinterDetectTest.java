package dev.bootbench.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinterDetectTest {
    @Test
    void languagesByNameAndText() {
        assertEquals(Linter.Type.IPXE, Linter.detect("x.cfg", "#!ipxe\nmenuentry\n"));
        assertEquals(Linter.Type.IPXE, Linter.detect("boot.ipxe", ""));
        assertEquals(Linter.Type.GRUB, Linter.detect("/srv/tftp/grub/grub.cfg", ""));
        assertEquals(Linter.Type.GRUB, Linter.detect("grub.cfg-01-52-54-00-12-34-56", ""));
        assertEquals(Linter.Type.GRUB, Linter.detect("netboot.grub", ""));
        assertEquals(Linter.Type.GRUB, Linter.detect("menu.cfg", "# hi\nmenuentry 'Linux' {\n  linux /k\n}\n"));
        assertEquals(Linter.Type.GRUB, Linter.detect("menu.cfg", "set timeout=5\n"));
        assertEquals(Linter.Type.PXELINUX, Linter.detect("pxelinux.cfg/default", Fixtures.seed("pxelinux-default.cfg")));
        assertEquals(Linter.Type.PXELINUX, Linter.detect("default", "DEFAULT menu.c32\nLABEL a\n  KERNEL k\n"));
    }
}
