package dev.vigil.healthcheck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.UrlSpec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckPolicyTest {

    private static final ConnectOptions TARGET = ConnectOptions.to(new InetSocketAddress("127.0.0.1", 80));

    @Test
    void keepalivedDefaultsPerChecker() {
        CheckTiming tcp = CheckTiming.defaults(CheckKind.TCP_CHECK);
        assertEquals(Duration.ofSeconds(60), tcp.delayLoop());
        assertEquals(1, tcp.retry());
        assertEquals(Duration.ofSeconds(1), tcp.delayBeforeRetry());
        assertEquals(Duration.ofSeconds(60), tcp.warmup());
        assertFalse(tcp.alpha());

        assertEquals(Duration.ofSeconds(3), CheckTiming.defaults(CheckKind.HTTP_GET).delayBeforeRetry());
        assertEquals(Duration.ofSeconds(3), CheckTiming.defaults(CheckKind.SSL_GET).delayBeforeRetry());
        assertEquals(3, CheckTiming.defaults(CheckKind.DNS_CHECK).retry());
        assertEquals(0, CheckTiming.defaults(CheckKind.MISC_CHECK).retry());

        CheckTiming dns = CheckTiming.resolve(CheckKind.DNS_CHECK, Optional.of(Duration.ofSeconds(7)),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), false, false);
        assertEquals(Duration.ofSeconds(7), dns.delayBeforeRetry(), "DNS retries after delay_loop");
        assertEquals(Duration.ofSeconds(7), dns.warmup(), "warmup defaults to delay_loop");
    }

    @Test
    void httpRechecksADownServerAfterTheLongerOfTheTwoDelays() {
        CheckTiming timing = CheckTiming.resolve(CheckKind.HTTP_GET, Optional.of(Duration.ofSeconds(2)),
                OptionalInt.of(1), Optional.of(Duration.ofSeconds(5)), Optional.empty(), false, false);
        CheckSpec http = new CheckSpec.HttpGetCheck(TARGET, timing, HttpSettings.of(UrlSpec.path("/")));
        assertEquals(Duration.ofSeconds(5).toNanos(), CheckPolicy.of(http).downRecheckNanos());

        CheckSpec tcp = new CheckSpec.TcpCheck(TARGET, CheckTiming.resolve(CheckKind.TCP_CHECK,
                Optional.of(Duration.ofSeconds(2)), OptionalInt.of(1), Optional.of(Duration.ofSeconds(5)),
                Optional.empty(), false, false));
        assertEquals(Duration.ofSeconds(2).toNanos(), CheckPolicy.of(tcp).downRecheckNanos());
        assertFalse(CheckPolicy.of(tcp).delayFromAttemptStart());
    }

    @Test
    void miscSchedulesFromTheStartOfTheScript() {
        CheckSpec misc = new CheckSpec.MiscCheck(CheckTiming.defaults(CheckKind.MISC_CHECK), List.of("/bin/true"),
                Optional.empty(), false, Optional.empty());
        assertTrue(CheckPolicy.of(misc).delayFromAttemptStart());
        assertFalse(CheckPolicy.of(misc).retryEveryCycle());
        CheckSpec smtp = new CheckSpec.SmtpCheck(TARGET, CheckTiming.defaults(CheckKind.SMTP_CHECK), "x");
        assertTrue(CheckPolicy.of(smtp).retryEveryCycle());
    }

    @Test
    void warmupIsBootstrapPlusAtMostTheWarmup() {
        CheckPolicy policy = CheckPolicy.of(1, 10, 1, 10, 1_000, false);
        SplittableRandom random = new SplittableRandom(42);
        int samples = 0;
        for (int i = 0; i < 1_000; i++) {
            long delay = Warmup.firstDelayNanos(policy, 500, random);
            assertTrue(delay >= 500 && delay <= 1_500, "delay " + delay);
            samples++;
        }
        assertEquals(1_000, samples);
        CheckPolicy noWarmup = CheckPolicy.of(1, 10, 1, 10, 0, false);
        assertEquals(500, Warmup.firstDelayNanos(noWarmup, 500, random));
    }
}
