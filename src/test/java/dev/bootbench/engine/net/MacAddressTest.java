package dev.bootbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacAddressTest {
    @Test
    void textIsLowerCaseColonSeparatedWithLeadingZeros() {
        MacAddress m = MacAddress.of(new byte[] {0x00, 0x0a, (byte) 0xff, (byte) 0x80, 0x7f, 0x01});
        assertEquals("00:0a:ff:80:7f:01", m.toString());
        assertSame(m.toString(), m.toString(), "made once");
        assertEquals("01-00-0a-ff-80-7f-01", m.pxelinuxName());
        assertEquals("00:0A:FF", m.oui());
    }

    @Test
    void everyWrittenFormParsesBackToTheSameAddress() {
        MacAddress m = MacAddress.parse("52:54:00:AB:cd:0F");
        assertEquals("52:54:00:ab:cd:0f", m.toString());
        assertEquals(m, MacAddress.parse("52-54-00-ab-cd-0f"));
        assertEquals(m, MacAddress.parse("525400abcd0f"));
        assertEquals(m, MacAddress.parse(m.toString()));
        assertEquals(m.hashCode(), MacAddress.parse(m.toString()).hashCode());
    }

    @Test
    void refusesWhatIsNotAMac() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:ab:cd"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:ab:cd:zz"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(new byte[5]));
    }
}
