package dev.vigil.healthcheck.probe;

import dev.vigil.common.text.InetText;
import dev.vigil.healthcheck.HttpProtocol;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The GET request HTTP_GET/SSL_GET send, byte for byte as keepalived's
 * {@code http_request()} (check_http.c) writes it:
 *
 * <pre>
 * GET &lt;path&gt; HTTP/1.&lt;0|1&gt;\r\n
 * User-Agent: KeepAliveClient\r\n
 * [Connection: close\r\n]            (1.0C and 1.1)
 * Host: &lt;virtualhost&gt;\r\n\r\n           (a virtualhost is sent without a port)
 * Host: &lt;ip&gt;:&lt;port&gt;\r\n\r\n          (no virtualhost: the target, always with its port,
 *                                  IPv6 in brackets as RFC 2732 writes it, in
 *                                  inet_ntop's form)
 * </pre>
 */
public final class HttpRequestText {

    private HttpRequestText() {
    }

    /** The request for {@code path}, with the virtualhost that applies, if any. */
    public static byte[] build(HttpProtocol protocol, String path, Optional<String> virtualhost,
                               InetSocketAddress target) {
        StringBuilder text = new StringBuilder(128)
                .append("GET ").append(path).append(" HTTP/1.").append(protocol.minorVersion()).append("\r\n")
                .append("User-Agent: KeepAliveClient\r\n");
        if (protocol.connectionClose()) {
            text.append("Connection: close\r\n");
        }
        text.append("Host: ").append(virtualhost.orElseGet(() -> hostAndPort(target))).append("\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hostAndPort(InetSocketAddress target) {
        String host = switch (target.getAddress()) {
            case null -> target.getHostString();
            case Inet6Address v6 -> "[" + InetText.format(v6) + "]";
            default -> target.getAddress().getHostAddress();
        };
        return host + ":" + target.getPort();
    }
}
