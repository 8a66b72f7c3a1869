package dev.bootbench.menu.ipxe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bootbench.menu.Fixtures;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuJson;
import org.junit.jupiter.api.Test;

class IpxeGeneratorTest {
    static void assertGolden(String resource, String actual) throws Exception {
        Fixtures.assertGolden(resource, actual);
    }

    @Test
    void everyKindMatchesGolden() throws Exception {
        assertGolden("ipxe/every-kind.ipxe", IpxeGenerator.generate(Fixtures.everyKind()));
    }

    @Test
    void outputIsDeterministic() throws Exception {
        Menu m = Fixtures.everyKind();
        Menu viaJson = MenuJson.fromJson(MenuJson.toJson(m));
        assertEquals(IpxeGenerator.generate(m), IpxeGenerator.generate(viaJson));
    }

    @Test
    void roundTripThroughTheScript() {
        Menu m = Fixtures.withoutPxelinuxText(Fixtures.everyKind());
        Menu back = IpxeImporter.importText("every-kind.ipxe", IpxeGenerator.generate(m));
        assertEquals(MenuJson.toJson(m), MenuJson.toJson(back));
        assertEquals(m, back);
    }
}
