package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses and service names as keepalived prints them (glibc inet_ntop, format_vs, format_rs). */
class AddressTextTest {

    /** Expected column: glibc inet_ntop output (checked with Python's socket.inet_ntop on glibc). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.168.200.2                  | 192.168.200.2
            ::                             | ::
            ::1                            | ::1
            fe80:0:0:0:0:0:0:1             | fe80::1
            2001:db8:0:0:1:0:0:1           | 2001:db8::1:0:0:1
            2001:db8:0:1:0:0:0:1           | 2001:db8:0:1::1
            2001:0db8:0001:0002:0003:0004:0005:0006 | 2001:db8:1:2:3:4:5:6
            1:0:2:0:3:0:4:0                | 1:0:2:0:3:0:4:0
            1:0:0:0:0:0:0:0                | 1::
            0:0:0:0:0:0:102:304            | ::1.2.3.4
            0:0:0:0:1:0:0:0                | ::1:0:0:0
            FFFF:0:0:ABCD:0:0:0:1          | ffff:0:0:abcd::1
            """)
    void inetNtop(String input, String expected) throws UnknownHostException {
        assertEquals(expected, InetText.format(InetAddress.getByName(input)));
    }

    @Test
    void virtualServerTexts() throws UnknownHostException {
        Endpoint v6 = new Endpoint(InetAddress.getByName("2001:db8::10"), ServiceProtocol.UDP, 53);
        assertEquals("[2001:db8::10]:udp:53", new VirtualServerId.Service(v6).text());
        assertEquals("[10.0.0.1]:sctp:9", new Endpoint(InetAddress.getByName("10.0.0.1"), ServiceProtocol.SCTP, 9).text());
        assertEquals("[10.0.0.1]:none:0", new Endpoint(InetAddress.getByName("10.0.0.1"), ServiceProtocol.NONE, 0).text());
        assertEquals("FWM 4294967295", new VirtualServerId.Fwmark(4_294_967_295L).text());
        assertEquals("[web_group]:443", new VirtualServerId.Group("web_group", 443).text());
        assertEquals(510, new VirtualServerId.Group("g".repeat(600), 443).text().length());
        assertThrows(IllegalArgumentException.class, () -> new VirtualServerId.Fwmark(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new Endpoint(InetAddress.getByName("10.0.0.1"), ServiceProtocol.TCP, 65_536));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ops@example.org                  | ops@example.org
            <ops@example.org>                | <ops@example.org>
            Ops Team <ops@example.org>       | Ops Team <ops@example.org>
            Ops, Paris <ops@example.org>     | "Ops, Paris" <ops@example.org>
            Ops, Paris  <ops@example.org>    | "Ops, Paris"  <ops@example.org>
            J. "Jo" Doe <jo@example.org>     | "J. \\"Jo\\" Doe" <jo@example.org>
            a\\b. <x@y>                      | "a\\\\b." <x@y>
            broken@example.org>              | broken@example.org>
            """)
    void configAddressForm(String input, String expected) {
        assertEquals(expected, EmailAddresses.keepalivedForm(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ops@example.org                | <ops@example.org>
            Ops Team <ops@example.org>     | <ops@example.org>
            "Ops, Paris" <ops@example.org> | <ops@example.org>
            a <b> <c@d>                    | <c@d>
            broken@example.org>            | <broken@example.org>>
            """)
    void smtpPath(String input, String expected) {
        assertEquals(expected, EmailAddresses.smtpPath(input));
    }
}
