package dev.vigil.vrrp.codec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as it travels on the wire, without the IP header.
 *
 * <p>The interval is always held in centiseconds. VRRPv2 carries whole seconds (RFC 3768
 * §5.3.7), so a v2 value must be a multiple of 100 and at most 255 s; VRRPv3 carries 12 bits
 * of centiseconds (RFC 5798 §5.2.7), so at most 4095. Priority 0 (master resigning) and 255
 * (address owner) are legal values (RFC 3768 §5.3.4).
 *
 * <p>Authentication exists only in v2: a v3 advertisement has {@link AuthType#NONE} and zero
 * auth data. The 8 auth bytes are carried only by v2 over IPv4; keepalived's non-RFC "v2 over
 * IPv6" keeps the auth type byte but sends no auth bytes, so IPv6 advertisements have zero
 * auth data.
 *
 * <p>The constructor rejects values that cannot be encoded with {@link IllegalArgumentException}
 * (a programming error); decoded advertisements always satisfy it.
 *
 * @param version       VRRP version
 * @param type          packet type nibble; {@link #TYPE_ADVERTISEMENT} is the only one defined
 * @param vrid          virtual router id, 0..255 on the wire (keepalived configures 1..255)
 * @param priority      0..255
 * @param authType      v2 auth type; {@link AuthType#NONE} for v3
 * @param authData      the 8 auth bytes (v2 IPv4 only, else zero)
 * @param advertIntervalCentis advertisement interval in centiseconds
 * @param family        address family of {@code addresses}
 * @param addresses     the virtual addresses, in wire order, at most {@link #MAX_ADDRESSES}
 */
public record Advertisement(
        VrrpVersion version,
        int type,
        int vrid,
        int priority,
        AuthType authType,
        AuthData authData,
        int advertIntervalCentis,
        AddressFamily family,
        List<InetAddress> addresses) {

    /** RFC 3768 §5.3.2 / RFC 5798 §5.2.2: the only defined type. */
    public static final int TYPE_ADVERTISEMENT = 1;
    /** The count field is one byte ({@code VRRP_MAX_ADDR} in keepalived). */
    public static final int MAX_ADDRESSES = 255;
    /** v3 interval field is 12 bits (RFC 5798 §5.2.7, keepalived mask 0x0FFF). */
    public static final int MAX_V3_INTERVAL_CENTIS = 0x0FFF;
    /** v2 interval field is one byte of seconds (RFC 3768 §5.3.7). */
    public static final int MAX_V2_INTERVAL_CENTIS = 255 * 100;

    public Advertisement {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        Objects.requireNonNull(family, "family");
        addresses = List.copyOf(addresses);
        requireRange("type", type, 0, 15);
        requireRange("vrid", vrid, 0, 255);
        requireRange("priority", priority, 0, 255);
        requireRange("address count", addresses.size(), 0, MAX_ADDRESSES);
        for (InetAddress a : addresses) {
            if (!family.holds(a)) {
                throw new IllegalArgumentException(a + " is not an " + family + " address");
            }
        }
        if (version == VrrpVersion.V2) {
            requireRange("v2 interval (centiseconds)", advertIntervalCentis, 0, MAX_V2_INTERVAL_CENTIS);
            if (advertIntervalCentis % 100 != 0) {
                throw new IllegalArgumentException("v2 carries whole seconds, got " + advertIntervalCentis + " cs");
            }
        } else {
            requireRange("v3 interval (centiseconds)", advertIntervalCentis, 0, MAX_V3_INTERVAL_CENTIS);
            if (authType != AuthType.NONE) {
                throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 §9)");
            }
        }
        if (!carriesAuthData(version, family) && !authData.isZero()) {
            throw new IllegalArgumentException("only v2 over IPv4 carries auth data");
        }
    }

    /** A VRRPv2 advertisement. */
    public static Advertisement v2(int vrid, int priority, AuthType authType, AuthData authData,
                                   int intervalSeconds, AddressFamily family, List<InetAddress> addresses) {
        return new Advertisement(VrrpVersion.V2, TYPE_ADVERTISEMENT, vrid, priority, authType, authData,
                intervalSeconds * 100, family, addresses);
    }

    /** A VRRPv3 advertisement. */
    public static Advertisement v3(int vrid, int priority, int intervalCentis,
                                   AddressFamily family, List<InetAddress> addresses) {
        return new Advertisement(VrrpVersion.V3, TYPE_ADVERTISEMENT, vrid, priority, AuthType.NONE,
                AuthData.ZERO, intervalCentis, family, addresses);
    }

    /** Whether the wire form has the 8 auth bytes: v2 over IPv4 only (keepalived vrrp.c). */
    public boolean carriesAuthData() {
        return carriesAuthData(version, family);
    }

    /** Length of the VRRP message: header, addresses and (v2 IPv4) auth bytes. */
    public int wireLength() {
        return messageLength(version, family, addresses.size());
    }

    /** Same advertisement with another priority (what a tracker or resignation changes). */
    public Advertisement withPriority(int newPriority) {
        return new Advertisement(version, type, vrid, newPriority, authType, authData,
                advertIntervalCentis, family, addresses);
    }

    static boolean carriesAuthData(VrrpVersion version, AddressFamily family) {
        return version == VrrpVersion.V2 && family == AddressFamily.IPV4;
    }

    static int messageLength(VrrpVersion version, AddressFamily family, int addressCount) {
        return VrrpWire.HEADER_LENGTH + addressCount * family.addressLength()
                + (carriesAuthData(version, family) ? AuthData.LENGTH : 0);
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
