package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Service names and mail addresses as keepalived prints them (format_vs, format_rs); the
 * addresses themselves are dev.vigil.common.text.InetTextTest's.
 */
class AddressTextTest {

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
