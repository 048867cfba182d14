package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.Fixtures.hex;
import static dev.vigil.vrrp.codec.Fixtures.ip4;
import static dev.vigil.vrrp.codec.Fixtures.ip6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.packet.InternetChecksum;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value types refuse what cannot be encoded, and the checksum matches RFC 1071's example. */
class ValuesTest {

    @Test
    void rfc1071NumericalExample() {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2; the checksum is its complement.
        assertEquals(0x220d, InternetChecksum.of(hex("00 01 f2 03 f4 f5 f6 f7"), 0, 8));
        assertEquals(0, InternetChecksum.of(hex("00 01 f2 03 f4 f5 f6 f7 22 0d"), 0, 10));
        // Odd length: the last byte is padded with a zero byte.
        assertEquals(InternetChecksum.of(hex("ab cd ef 00"), 0, 4), InternetChecksum.of(hex("ab cd ef"), 0, 3));
    }

    @Test
    void passwordIsTruncatedToEightBytesAndZeroPadded() {
        // keepalived uses the first 8 characters of auth_pass (reference §1.1, §6).
        assertEquals("3131313100000000", AuthData.fromPassword("1111").toString());
        assertEquals(AuthData.fromPassword("12345678"), AuthData.fromPassword("123456789abc"));
        assertTrue(AuthData.fromPassword("").isZero());
        assertFalse(AuthData.fromPassword("1111").matchesInConstantTime(AuthData.fromPassword("11111")));
        byte[] raw = AuthData.fromPassword("abc").bytes();
        raw[0] = 'z';
        assertEquals("6162630000000000", AuthData.fromPassword("abc").toString(), "bytes() returns a copy");
        assertThrows(IllegalArgumentException.class, () -> AuthData.of(new byte[7]));
    }

    @Test
    void advertisementRefusesWhatTheWireCannotCarry() {
        List<InetAddress> one = List.of(ip4("10.0.0.1"));
        // RFC 3768 §5.3.7: whole seconds, one byte.
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(VrrpVersion.V2, 1, 1, 100, AuthType.NONE,
                AuthData.ZERO, 150, AddressFamily.IPV4, one));
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v2(1, 100, AuthType.NONE, AuthData.ZERO, 256,
                AddressFamily.IPV4, one));
        // RFC 5798 §5.2.7: 12 bits of centiseconds; §9: no authentication.
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 100, 4096, AddressFamily.IPV4, one));
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(VrrpVersion.V3, 1, 1, 100, AuthType.PASS,
                AuthData.ZERO, 100, AddressFamily.IPV4, one));
        // Addresses of one family, at most 255, auth bytes only for v2 over IPv4.
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 100, 100, AddressFamily.IPV6, one));
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v2(1, 100, AuthType.PASS,
                AuthData.fromPassword("x"), 1, AddressFamily.IPV6, List.of(ip6("fe80::1"))));
        List<InetAddress> many = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            many.add(ip4("10.0." + (i / 250) + "." + (i % 250 + 1)));
        }
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 100, 100, AddressFamily.IPV4, many));
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v3(1, 256, 100, AddressFamily.IPV4, one));
    }

    @Test
    void withPriorityChangesOnlyThePriority() {
        var advert = Advertisement.v3(7, 100, 100, AddressFamily.IPV4, List.of(ip4("10.0.0.1")));
        var resigning = advert.withPriority(0);
        assertEquals(0, resigning.priority());
        assertEquals(advert, resigning.withPriority(100));
        assertNotEquals(advert, resigning);
    }

    @Test
    void rxMetaRefusesInconsistentSocketData() {
        assertThrows(IllegalArgumentException.class, () -> new RxMeta(AddressFamily.IPV6, true, null, null, 255, false));
        assertThrows(IllegalArgumentException.class, () -> new RxMeta(AddressFamily.IPV4, false, null, null, 255, false));
        assertThrows(IllegalArgumentException.class,
                () -> new RxMeta(AddressFamily.IPV4, false, ip6("fe80::1"), ip4("10.0.0.1"), 255, false));
        assertThrows(IllegalArgumentException.class, () -> RxMeta.ipv4(ip4("10.0.0.1"), ip4("10.0.0.2"), 256));
    }

    @Test
    void ipv4MappedIpv6AddressStaysIpv6() {
        // ::ffff:10.0.0.1 on the wire of an IPv6 advertisement must not turn into an IPv4 address.
        byte[] raw = new byte[16];
        raw[10] = (byte) 0xff;
        raw[11] = (byte) 0xff;
        raw[12] = 10;
        raw[15] = 1;
        assertEquals(AddressFamily.IPV6, AddressFamily.of(WireAddresses.read(raw, 0, AddressFamily.IPV6)));
    }
}
