package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ipv6TextTest {

    private static Inet6Address v6(String hex) throws Exception {
        return Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
    }

    @Test
    void matchesGlibcInetNtop() throws Exception {
        Map<String, String> vectors = Map.of(
                "00000000000000000000000000000001", "::1",
                "00000000000000000000000000000000", "::",
                "fe800000000000000000000000000001", "fe80::1",
                "20010db8000000000001000000000001", "2001:db8::1:0:0:1",
                "00010000000000000000000000000000", "1::",
                "20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1",
                "000000000000000000000000c0000201", "::192.0.2.1",
                "00000000000000000000ffffc0000201", "::ffff:192.0.2.1",
                "000100020003000400050006000700aa", "1:2:3:4:5:6:7:aa");
        int checked = 0;
        for (Map.Entry<String, String> vector : vectors.entrySet()) {
            assertEquals(vector.getValue(), Ipv6Text.format(v6(vector.getKey())), vector.getKey());
            checked++;
        }
        assertEquals(vectors.size(), checked);
    }

    @Test
    void hostHeaderUsesTheShortForm() throws Exception {
        byte[] request = HttpRequestText.build(dev.vigil.healthcheck.HttpProtocol.HTTP_1_0, "/", java.util.Optional.empty(),
                new java.net.InetSocketAddress(InetAddress.getByName("2001:db8::5"), 443));
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::5]:443\r\n\r\n",
                new String(request, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
