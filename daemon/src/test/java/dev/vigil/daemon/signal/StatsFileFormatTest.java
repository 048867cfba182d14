package dev.vigil.daemon.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsFileFormatTest {

    /** The layout of keepalived's vrrp_print_stats(), one block per instance. */
    private static final String GOLDEN = """
            VRRP Instance: VI_1
              Advertisements:
                Received: 1200
                Sent: 37
              Became master: 2
              Released master: 1
              Packet Errors:
                Length: 3
                TTL: 4
                Invalid Type: 5
                Advertisement Interval: 6
                Address List: 7
              Authentication Errors:
                Invalid Type: 8
                Type Mismatch: 9
                Failure: 10
              Priority Zero:
                Received: 11
                Sent: 12
            VRRP Instance: VI_6
              Advertisements:
                Received: 0
                Sent: 0
              Became master: 0
              Released master: 0
              Packet Errors:
                Length: 0
                TTL: 0
                Invalid Type: 0
                Advertisement Interval: 0
                Address List: 0
              Authentication Errors:
                Invalid Type: 0
                Type Mismatch: 0
                Failure: 0
              Priority Zero:
                Received: 0
                Sent: 0
            """;

    static InstanceStats sample() {
        return new InstanceStats("VI_1", 1200, 37, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void matchesKeepalivedsLayout() {
        assertEquals(GOLDEN, StatsFileFormat.format(List.of(sample(), InstanceStats.zero("VI_6"))));
    }

    @Test
    void noInstancesGiveAnEmptyFile() {
        assertEquals("", StatsFileFormat.format(List.of()));
    }

    @Test
    void jsonNamesAreKeepalivedsInItsOrder() {
        assertEquals(List.of("advert_rcvd", "advert_sent", "become_master", "release_master", "packet_len_err",
                "advert_interval_err", "ip_ttl_err", "invalid_type_rcvd", "addr_list_err", "invalid_authtype",
                "authtype_mismatch", "auth_failure", "pri_zero_rcvd", "pri_zero_sent"),
                List.copyOf(sample().keepalivedJson().keySet()));
        assertEquals(6L, sample().keepalivedJson().get("advert_interval_err"));
        assertEquals(4L, sample().keepalivedJson().get("ip_ttl_err"));
    }
}
