package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Fixed numbers of the VRRP wire format (RFC 3768 §5, RFC 5798 §5, keepalived {@code vrrp.h}). */
public final class VrrpWire {

    /** IP protocol number of VRRP (RFC 3768 §5.2.4, RFC 5798 §5.1.1.4). */
    public static final int PROTOCOL = 112;
    /** IP protocol number of IPsec AH (RFC 4302): keepalived's v2 {@code auth_type AH}. */
    public static final int PROTOCOL_AH = 51;
    /** TTL / hop limit every multicast advertisement must carry (RFC 3768 §5.2.3, RFC 5798 §5.1.1.3). */
    public static final int REQUIRED_TTL = 255;
    /** Fixed header: version/type, VRID, priority, count, auth/interval, checksum. */
    public static final int HEADER_LENGTH = 8;
    /** Offset of the checksum inside the VRRP header (also the IPV6_CHECKSUM offset). */
    public static final int CHECKSUM_OFFSET = 6;
    /** IANA group for IPv4 VRRP (RFC 3768 §5.2.2). */
    public static final Inet4Address IPV4_GROUP = ipv4(224, 0, 0, 18);
    /** IANA group for IPv6 VRRP (RFC 5798 §5.1.2.2), ff02::12. */
    public static final Inet6Address IPV6_GROUP = ipv6Group();

    private VrrpWire() {
    }

    private static Inet4Address ipv4(int a, int b, int c, int d) {
        return (Inet4Address) WireAddresses.read(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, 0,
                AddressFamily.IPV4);
    }

    private static Inet6Address ipv6Group() {
        byte[] raw = new byte[16];
        raw[0] = (byte) 0xff;
        raw[1] = 0x02;
        raw[15] = 0x12;
        return (Inet6Address) WireAddresses.read(raw, 0, AddressFamily.IPV6);
    }
}
