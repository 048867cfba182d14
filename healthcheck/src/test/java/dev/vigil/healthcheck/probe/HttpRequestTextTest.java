package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.healthcheck.HttpProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRequestTextTest {

    /** keepalived writes the Host header's IPv6 address with inet_ntop: the short form. */
    @Test
    void hostHeaderUsesTheShortForm() throws Exception {
        byte[] request = HttpRequestText.build(HttpProtocol.HTTP_1_0, "/", Optional.empty(),
                new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:5"), 443));
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::5]:443\r\n\r\n",
                new String(request, StandardCharsets.ISO_8859_1));
    }
}
