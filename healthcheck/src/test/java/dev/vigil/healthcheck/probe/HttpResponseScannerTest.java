package dev.vigil.healthcheck.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.HttpProtocol;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HttpResponseScannerTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nServer: test\r\ncontent-length: 5\r\n\r\nhelloEXTRA";

    private static ScannedResponse scan(String text, int chunk, int keep) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseScanner scanner = new HttpResponseScanner(keep);
        for (int at = 0; at < bytes.length; at += chunk) {
            scanner.feed(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return scanner.finish();
    }

    @Test
    void hashesTheBodyUpToContentLengthHoweverTheStreamIsSplit() throws Exception {
        String expected = HttpProbeTest.md5("hello");
        int splits = 0;
        for (int chunk = 1; chunk <= RESPONSE.length(); chunk++) {
            ScannedResponse response = scan(RESPONSE, chunk, 100);
            assertTrue(response.headerComplete());
            assertEquals(200, response.statusCode());
            assertEquals(OptionalLong.of(5), response.contentLength());
            assertEquals(10, response.bodyBytes(), "every body byte is counted");
            assertEquals(expected, response.bodyDigest().orElseThrow().hex(), "chunk " + chunk);
            assertArrayEquals("helloEXTRA".getBytes(StandardCharsets.ISO_8859_1), response.body());
            splits++;
        }
        assertEquals(RESPONSE.length(), splits);
    }

    @Test
    void withoutContentLengthTheWholeRestIsHashed() throws Exception {
        ScannedResponse response = scan("HTTP/1.0 302 Found\r\n\r\nabc", 3, 0);
        assertEquals(302, response.statusCode());
        assertEquals(OptionalLong.empty(), response.contentLength());
        assertEquals(HttpProbeTest.md5("abc"), response.bodyDigest().orElseThrow().hex());
        assertEquals(0, response.body().length, "nothing kept when asked to keep nothing");
    }

    @Test
    void withoutDigestNothingIsHashedButEverythingElseIsRead() {
        byte[] bytes = RESPONSE.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponseScanner scanner = new HttpResponseScanner(3, false);
        scanner.feed(bytes, 0, bytes.length);
        ScannedResponse response = scanner.finish();
        assertEquals(Optional.empty(), response.bodyDigest());
        assertEquals(200, response.statusCode());
        assertEquals(OptionalLong.of(5), response.contentLength());
        assertArrayEquals("hel".getBytes(StandardCharsets.ISO_8859_1), response.body());
        assertEquals("HTTP/1.1 200 OK\r\nServer: test\r\ncontent-length: 5\r\n\r\n", response.header());
    }

    @Test
    void contentLengthIsAnyCaseTrimmedAndTheLastOneCounts() {
        assertEquals(OptionalLong.of(12), scan("HTTP/1.0 200 OK\r\nCONTENT-LENGTH: \t12 \r\n\r\n", 5, 0)
                .contentLength(), "any case, white space around the digits");
        assertEquals(OptionalLong.of(7), scan("HTTP/1.0 200 OK\r\nContent-Length: 3\r\nContent-Length: 7\r\n\r\n",
                7, 0).contentLength(), "the last one counts");
        assertEquals(OptionalLong.empty(), scan("HTTP/1.0 200 OK\r\nContent-Length: 1x\r\n\r\n", 2, 0)
                .contentLength());
        assertEquals(OptionalLong.empty(), scan("HTTP/1.0 200 OK\r\nContent-Length : 4\r\n\r\n", 2, 0)
                .contentLength(), "no space before the colon");
        assertEquals(OptionalLong.empty(), scan("HTTP/1.0 200 OK\r\nX-Content-Length: 4\r\n\r\n", 2, 0)
                .contentLength());
    }

    @Test
    void aHeaderLargerThanTheLimitNeverCompletes() {
        String huge = "HTTP/1.0 200 OK\r\nX: " + "a".repeat(HttpResponseScanner.MAX_HEADER_BYTES) + "\r\n\r\nbody";
        ScannedResponse response = scan(huge, 4096, 0);
        assertFalse(response.headerComplete());
        assertEquals(HttpResponseScanner.MAX_HEADER_BYTES, response.header().length());
    }

    @Test
    void headerWithoutEmptyLineIsIncomplete() {
        ScannedResponse response = scan("HTTP/1.0 200 OK\r\nServer: x\r\n", 4, 0);
        assertFalse(response.headerComplete());
    }

    @Test
    void statusCodeFollowsKeepalivedsExtraction() {
        assertEquals(200, HttpResponseScanner.statusCode("HTTP/1.1 200 OK"));
        assertEquals(204, HttpResponseScanner.statusCode("HTTP/1.1 204 "));
        assertEquals(0, HttpResponseScanner.statusCode("HTTP/1.1 200"), "the space after the code is required");
        assertEquals(0, HttpResponseScanner.statusCode("HTTP/1.1 2x0 OK"));
        assertEquals(0, HttpResponseScanner.statusCode("HTTP/1.1  200 OK"));
        assertEquals(0, HttpResponseScanner.statusCode("garbage"));
    }

    @Test
    void ipv6TargetsAreBracketedAndVirtualhostsHaveNoPort() {
        byte[] v6 = HttpRequestText.build(HttpProtocol.HTTP_1_0, "/", Optional.empty(),
                new InetSocketAddress("::1", 8080));
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:8080\r\n\r\n",
                new String(v6, StandardCharsets.ISO_8859_1));
        byte[] vhost = HttpRequestText.build(HttpProtocol.HTTP_1_1, "/x?y=1", Optional.of("example.org"),
                new InetSocketAddress("::1", 8080));
        assertEquals("GET /x?y=1 HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: example.org\r\n\r\n",
                new String(vhost, StandardCharsets.ISO_8859_1));
    }
}
