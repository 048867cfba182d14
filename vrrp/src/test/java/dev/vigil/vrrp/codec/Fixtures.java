package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

/** Small helpers for codec tests: literal addresses and hex. */
final class Fixtures {

    static final Inet4Address GROUP4 = ip4("224.0.0.18");
    static final Inet6Address GROUP6 = ip6("ff02::12");
    /** The VIPs of the reference's worked examples (§2.2-2.3). */
    static final List<InetAddress> REFERENCE_VIPS =
            List.of(ip4("192.168.200.16"), ip4("192.168.200.17"), ip4("192.168.200.18"));

    private Fixtures() {
    }

    static Inet4Address ip4(String literal) {
        return Inet4Address.ofLiteral(literal);
    }

    static Inet6Address ip6(String literal) {
        return (Inet6Address) Inet6Address.ofLiteral(literal);
    }

    static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
