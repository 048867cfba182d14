package dev.vigil.conf.model;

import java.util.Optional;

/** The top-level {@code SSL { password; ca; certificate; key }} block used by SSL_GET. */
public record SslContext(Optional<String> password, Optional<String> ca, Optional<String> certificate,
                         Optional<String> key) {
}
