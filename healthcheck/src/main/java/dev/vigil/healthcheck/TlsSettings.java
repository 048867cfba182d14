package dev.vigil.healthcheck;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for SSL_GET: SNI from the checker keywords and the certificate files of keepalived's
 * global {@code SSL { }} block.
 *
 * <p>keepalived never verifies the server certificate: it loads {@code ca} but leaves
 * OpenSSL's verify mode at SSL_VERIFY_NONE (check_ssl.c). Vigil does the same when
 * {@code caFile} is empty; when it is given, Vigil goes further and requires the server's
 * chain to lead to one of its certificates (without host name checks), so a CA file means
 * what an operator would expect.
 *
 * @param enableSni        {@code enable_sni} (also implied by {@code sni_name})
 * @param sniName          {@code sni_name}; without it SNI uses the url's virtualhost, then
 *                         the checker's
 * @param caFile           PEM file of trusted certificates ({@code ca})
 * @param certificateChain PEM client certificate chain ({@code certificate})
 * @param privateKey       PEM PKCS#8 private key for it ({@code key})
 * @param keyPassword      password of the key ({@code password})
 */
public record TlsSettings(boolean enableSni, Optional<String> sniName, Optional<Path> caFile,
                          Optional<Path> certificateChain, Optional<Path> privateKey,
                          Optional<String> keyPassword) {

    public TlsSettings {
        Objects.requireNonNull(sniName, "sniName");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyPassword, "keyPassword");
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key and vice versa");
        }
    }

    /** keepalived's default: no SNI, no verification, no client certificate. */
    public static TlsSettings defaults() {
        return new TlsSettings(false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public TlsSettings withSni(String name) {
        return new TlsSettings(true, Optional.of(name), caFile, certificateChain, privateKey,
                keyPassword);
    }

    public TlsSettings withCaFile(Path file) {
        return new TlsSettings(enableSni, sniName, Optional.of(file), certificateChain,
                privateKey, keyPassword);
    }
}
