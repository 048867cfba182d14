package dev.vigil.daemon.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * Vigil-only (keepalived makes one attempt and forgets the mail): how hard
 * {@link SmtpAlerter} tries.
 *
 * @param maxAttempts   attempts per mail, at least 1; a 5xx rejection is never retried
 * @param backoff       the wait before the second attempt; each further wait doubles, up to
 *                      {@link #MAX_BACKOFF}
 * @param queueCapacity mails waiting or in flight before {@code submit} drops new ones
 */
public record DeliveryPolicy(int maxAttempts, Duration backoff, int queueCapacity) {

    /** Three attempts, 5 s then 10 s apart, 64 mails queued: a brief SMTP outage loses nothing. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(3, Duration.ofSeconds(5), 64);
    /** A cap so that doubling never waits longer than a few minutes. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    public DeliveryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1 || queueCapacity < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("need maxAttempts >= 1, queueCapacity >= 1, backoff >= 0");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = backoff;
        for (int i = 1; i < attempt && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
