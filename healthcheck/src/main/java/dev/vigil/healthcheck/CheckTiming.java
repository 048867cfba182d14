package dev.vigil.healthcheck;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a checker runs and how many failures it takes to declare a real server down: the
 * keywords keepalived's {@code install_checker_common_keywords()} gives every checker
 * ({@code delay_loop}, {@code retry}, {@code delay_before_retry}, {@code warmup},
 * {@code alpha}, {@code log_all_failures}).
 *
 * @param delayLoop        pause between regular checks (keepalived default 60 s)
 * @param retry            failed attempts retried before the server is declared down;
 *                         {@code retry} = N means N + 1 consecutive failures
 * @param delayBeforeRetry pause before a retry
 * @param warmup           the first check runs after a random delay in [0, warmup]
 * @param alpha            the server starts down and needs one success to come up
 * @param logAllFailures   every failed attempt is reported, not only state changes
 */
public record CheckTiming(Duration delayLoop, int retry, Duration delayBeforeRetry,
                          Duration warmup, boolean alpha, boolean logAllFailures) {

    /** keepalived's KEEPALIVED_DEFAULT_DELAY (check_data.h). */
    public static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);

    public CheckTiming {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(warmup, "warmup");
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop must be positive: " + delayLoop);
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
        if (delayBeforeRetry.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** keepalived's defaults for a checker of {@code kind} when nothing is configured. */
    public static CheckTiming defaults(CheckKind kind) {
        return resolve(kind, Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), false, false);
    }

    /**
     * Fills what the configuration left out the way keepalived's {@code check_data.c} does
     * (after virtual_server → real_server inheritance, which the caller applies):
     * <ul>
     *   <li>retry: 1; DNS_CHECK 3 (check_dns.c {@code DNS_DEFAULT_RETRY}); MISC_CHECK 0
     *       (check_misc.c);</li>
     *   <li>delay_before_retry: 1 s; HTTP_GET/SSL_GET 3 s (check_http.c); DNS_CHECK the
     *       delay_loop (check_dns.c sets its default to 0, meaning "use delay_loop");</li>
     *   <li>warmup: the delay_loop.</li>
     * </ul>
     */
    public static CheckTiming resolve(CheckKind kind, Optional<Duration> delayLoop,
                                      OptionalInt retry, Optional<Duration> delayBeforeRetry,
                                      Optional<Duration> warmup, boolean alpha,
                                      boolean logAllFailures) {
        Duration loop = delayLoop.orElse(DEFAULT_DELAY_LOOP);
        int retries = retry.orElse(switch (kind) {
            case DNS_CHECK -> 3;
            case MISC_CHECK -> 0;
            default -> 1;
        });
        Duration beforeRetry = delayBeforeRetry.orElseGet(() -> switch (kind) {
            case HTTP_GET, SSL_GET -> Duration.ofSeconds(3);
            case DNS_CHECK -> loop;
            default -> Duration.ofSeconds(1);
        });
        return new CheckTiming(loop, retries, beforeRetry, warmup.orElse(loop), alpha,
                logAllFailures);
    }
}
