package dev.vigil.daemon.alert;

import dev.vigil.common.text.InetText;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A service address as keepalived prints it in alerts: {@code [ip]:proto:port}, for example
 * {@code [192.168.200.2]:tcp:1358} or {@code [fe80::1]:udp:53} (lib/utils.c,
 * {@code inet_sockaddrtotrio_r}). A real server is printed with its virtual server's protocol
 * ({@code format_rs()} in check_data.c), so the daemon builds it with that protocol.
 */
public record Endpoint(InetAddress address, ServiceProtocol protocol, int port) {

    /** Largest TCP/UDP/SCTP port number. */
    private static final int MAX_PORT = 65_535;

    public Endpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** keepalived's text for this endpoint. */
    public String text() {
        return "[" + InetText.format(address) + "]:" + protocol.text() + ":" + port;
    }
}
