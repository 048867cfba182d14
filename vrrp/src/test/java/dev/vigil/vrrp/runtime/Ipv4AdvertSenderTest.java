package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The IP identification counter keepalived keeps per instance. */
class Ipv4AdvertSenderTest {

    @Test
    void identificationStartsAtOneAndSkipsZeroWhenItWraps() {
        assertEquals(1, Ipv4AdvertSender.followingIdentification(0));
        assertEquals(2, Ipv4AdvertSender.followingIdentification(1));
        assertEquals(0xFFFF, Ipv4AdvertSender.followingIdentification(0xFFFE));
        assertEquals(1, Ipv4AdvertSender.followingIdentification(0xFFFF));
    }
}
