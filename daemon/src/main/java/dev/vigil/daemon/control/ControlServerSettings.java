package dev.vigil.daemon.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the control socket server runs.
 *
 * @param socket          path of the AF_UNIX socket ({@code --control-socket})
 * @param requestTimeout  a connection that has not been answered after this long is closed,
 *                        so a stalled client cannot hold a slot (default 10 s: generous for a
 *                        local client, short enough that stuck slots clear quickly)
 * @param maxConnections  connections served at once; more are answered "busy" (default 16:
 *                        an operator's shell plus monitoring, never a fan-in service)
 * @param maxRequestBytes longest request line (default 64 KiB; real requests are under 200 bytes)
 */
public record ControlServerSettings(Path socket, Duration requestTimeout, int maxConnections, int maxRequestBytes) {

    /** keepalived has no control socket; this is Vigil's documented default (DESIGN.md). */
    public static final String DEFAULT_SOCKET_NAME = "/run/vigil/vigil.sock";
    /** {@link #DEFAULT_SOCKET_NAME} as a path. */
    public static final Path DEFAULT_SOCKET = Path.of(DEFAULT_SOCKET_NAME);

    public ControlServerSettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (maxConnections < 1 || maxRequestBytes < 2) {
            throw new IllegalArgumentException("maxConnections must be >= 1 and maxRequestBytes >= 2");
        }
    }

    /** The defaults for {@code socket}. */
    public static ControlServerSettings defaults(Path socket) {
        return new ControlServerSettings(socket, Duration.ofSeconds(10), 16, 64 * 1024);
    }
}
