package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void parsesIpv4AndIpv6Literals() throws Exception {
        assertEquals(InetAddress.getByName("10.0.0.1"), IpLiteral.parse("10.0.0.1").orElseThrow());
        assertEquals(InetAddress.getByName("224.0.0.18"), IpLiteral.parseIpv4("224.0.0.18").orElseThrow());
        assertEquals(InetAddress.getByName("ff02::12"), IpLiteral.parse("ff02::12").orElseThrow());
        assertEquals(InetAddress.getByName("fe80::1"), IpLiteral.parseIpv6("FE80:0:0:0:0:0:0:1").orElseThrow());
        assertEquals(InetAddress.getByName("::"), IpLiteral.parse("::").orElseThrow());
        byte[] mapped = IpLiteral.parseIpv6("::ffff:10.0.0.1").orElseThrow().getAddress();
        assertEquals(16, mapped.length);
        assertEquals(10, mapped[12]);
    }

    @Test
    void rejectsNamesAndMalformedText() {
        List<String> bad = List.of("", "localhost", "example.com", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1",
                "10..0.1", "1e.0.0.1", "-1.0.0.1", "fe80::1%eth0", "12345::", ":", "gggg::1", "10.0.0.1/24",
                " 10.0.0.1");
        assertTrue(bad.size() > 10);
        for (String text : bad) {
            assertTrue(IpLiteral.parse(text).isEmpty(), "should reject '" + text + "'");
        }
    }
}
