package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.LvsTimeouts;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import dev.vigil.ipvs.netlink.IpvsTimeouts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** keepalived's lvs_timeouts rules (libipvs.c ipvs_set_timeout, check_daemon.c start_check). */
class IpvsTimeoutSetterTest {

    private static final IpvsTimeouts KERNEL = new IpvsTimeouts(900, 120, 300);

    private static LvsTimeouts lvs(int tcp, int fin, int udp) {
        return new LvsTimeouts(part(tcp), part(fin), part(udp));
    }

    private static Optional<Duration> part(int seconds) {
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    @Test
    void partsLeftOutOrZeroGetTheOriginals() {
        assertEquals(new IpvsTimeouts(3600, 120, 60), IpvsTimeoutSetter.wanted(lvs(3600, -1, 60), KERNEL));
        assertEquals(new IpvsTimeouts(900, 30, 300), IpvsTimeoutSetter.wanted(lvs(0, 30, -1), KERNEL));
        assertTrue(IpvsTimeoutSetter.anySet(lvs(-1, -1, 1)));
        assertFalse(IpvsTimeoutSetter.anySet(lvs(0, 0, 0)), "keepalived ignores all-zero timeouts");
        assertFalse(IpvsTimeoutSetter.anySet(lvs(-1, -1, -1)));
    }

    @Test
    void nothingConfiguredNothingDoneAndABackendWithoutTimeoutsSaysSo() {
        IpvsTimeoutSetter setter = new IpvsTimeoutSetter();
        FakeIpvsBackend fake = new FakeIpvsBackend();
        assertEquals(Optional.empty(), setter.apply(fake, Optional.empty()));
        assertEquals(Optional.empty(), setter.apply(fake, Optional.of(lvs(0, 0, 0))));
        assertEquals(Optional.of("lvs_timeouts not applied: this IPVS backend has no connection timeouts"),
                setter.apply(fake, Optional.of(lvs(10, 10, 10))));
        assertEquals(Optional.empty(), setter.restore(fake), "nothing was changed, nothing to put back");
    }
}
