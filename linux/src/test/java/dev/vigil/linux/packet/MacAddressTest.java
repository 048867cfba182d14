package dev.vigil.linux.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MacAddressTest {

    @Test
    void parsesAndPrints() {
        MacAddress mac = MacAddress.parse("02:AB:0c:00:00:ff").orElseThrow();
        assertEquals("02:ab:0c:00:00:ff", mac.toString());
        assertArrayEquals(new byte[] {2, (byte) 0xAB, 12, 0, 0, (byte) 0xFF}, mac.bytes());
        assertEquals(mac, MacAddress.of(mac.bytes()));
        assertEquals(mac, MacAddress.parse("02-ab-0c-00-00-ff").orElseThrow());
    }

    @Test
    void rejectsMalformedText() {
        List<String> bad = List.of("", "02:ab:0c:00:00", "02:ab:0c:00:00:ff:11", "02:ab:0c:00:00:fg", "02::0c:00:00:ff",
                "123:ab:0c:00:00:ff", "zz:zz:zz:zz:zz:zz");
        assertTrue(bad.size() > 0);
        for (String text : bad) {
            assertTrue(MacAddress.parse(text).isEmpty(), text);
        }
    }

    @Test
    void rejectsWrongLengths() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
    }
}
