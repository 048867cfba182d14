package dev.vigil.healthcheck.genhash;

import dev.vigil.healthcheck.HttpProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * genhash's options (keepalived check_genhash.c).
 *
 * @param server      {@code -s}/{@code -p}: address and port to connect to
 * @param path        {@code -u}: the url path
 * @param ssl         {@code -S}: use TLS
 * @param sni         {@code -I}: send the virtualhost as SNI
 * @param virtualhost {@code -V}: Host header (and SNI name)
 * @param protocol    {@code -P}: 1.0, 1.0c or 1.1 (default 1.0)
 * @param timeout     {@code -t}: connect and read timeout
 * @param verbose     {@code -v}: dump header, body and digest
 */
public record GenhashRequest(InetSocketAddress server, String path, boolean ssl, boolean sni,
                             Optional<String> virtualhost, HttpProtocol protocol, Duration timeout,
                             boolean verbose) {

    /** Used when no -t is given (keepalived's checker default connect_timeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public GenhashRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Plain HTTP/1.0, no virtualhost, default timeout, not verbose. */
    public static GenhashRequest of(InetSocketAddress server, String path) {
        return new GenhashRequest(server, path, false, false, Optional.empty(), HttpProtocol.HTTP_1_0,
                DEFAULT_TIMEOUT, false);
    }
}
