package dev.vigil.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Literal parsing and glibc inet_ntop-compatible rendering. */
class IpAddressTest {

    @Test
    void rendersLikeGlibcInetNtop() {
        List<String[]> cases = List.of(
                new String[] {"10.0.0.1", "10.0.0.1"},
                new String[] {"2001:db8::1", "2001:db8::1"},
                new String[] {"2001:DB8:0:0:1:0:0:a", "2001:db8::1:0:0:a"},
                new String[] {"2001:db8:0:1:0:0:0:a", "2001:db8:0:1::a"},
                new String[] {"::", "::"},
                new String[] {"::1", "::1"},
                new String[] {"1::", "1::"},
                new String[] {"1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"},
                new String[] {"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
                new String[] {"::192.0.2.1", "::192.0.2.1"},
                new String[] {"fe80::1:2", "fe80::1:2"});
        for (String[] c : cases) {
            assertEquals(c[1], IpAddress.of(c[0]).toString(), c[0]);
        }
        assertTrue(cases.size() > 0);
    }

    @Test
    void rejectsNonLiterals() {
        for (String bad : List.of("", "localhost", "1.2.3", "1.2.3.256", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
                "01.2.3.4.5", "[::1]", "1.2.3.-4")) {
            assertTrue(IpAddress.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void foldMaskAndBytes() {
        IpAddress v6 = IpAddress.of("2001:db8::1:2");
        assertEquals(0x20010db8 ^ 0x00010002, v6.fold());
        assertEquals(IpAddress.of("10.1.2.0"), IpAddress.of("10.1.2.3").masked(24));
        assertEquals(IpAddress.of("2001:db8::"), v6.masked(64));
        assertEquals(IpAddress.of("2001:db8::1:0"), v6.masked(112));
        assertEquals(v6, IpAddress.fromBytes(v6.toBytes()).orElseThrow());
        assertEquals(IpAddress.of("255.255.255.0"), IpAddress.ipv4(-1).masked(24));
        assertTrue(IpAddress.of("10.0.0.1").compareTo(IpAddress.of("192.168.0.1")) < 0);
    }
}
