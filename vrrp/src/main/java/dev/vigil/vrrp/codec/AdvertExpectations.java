package dev.vigil.vrrp.codec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one VRRP instance expects of the advertisements it receives: the part of its
 * configuration {@link AdvertChecker} needs. The runtime builds it from the instance's settings.
 *
 * @param version              configured VRRP version
 * @param family               the instance's address family
 * @param authType             configured v2 auth type ({@link AuthType#NONE} for v3)
 * @param password             configured {@code auth_pass}, 8 bytes zero-padded ({@link AuthData#ZERO} if none):
 *                             the PASS password or the AH HMAC key
 * @param advertIntervalCentis configured {@code advert_int} (v2: a multiple of 100)
 * @param unicast              the instance has unicast peers
 * @param vips                 configured virtual addresses (eVIPs excluded), in order
 * @param ownerIgnoreAdverts   {@code owner_ignore_adverts}
 * @param checkUnicastSource   {@code check_unicast_src}, the global {@code vrrp_check_unicast_src},
 *                             or a peer with {@code min_ttl}/{@code max_ttl}
 * @param unicastPeers         configured peers
 */
public record AdvertExpectations(
        VrrpVersion version,
        AddressFamily family,
        AuthType authType,
        AuthData password,
        int advertIntervalCentis,
        boolean unicast,
        List<InetAddress> vips,
        boolean ownerIgnoreAdverts,
        boolean checkUnicastSource,
        List<UnicastPeer> unicastPeers) {

    public AdvertExpectations {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(password, "password");
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
    }

    /** A multicast instance without authentication and with default flags. */
    public static AdvertExpectations multicast(VrrpVersion version, AddressFamily family, int advertIntervalCentis,
                                               List<InetAddress> vips) {
        return new AdvertExpectations(version, family, AuthType.NONE, AuthData.ZERO, advertIntervalCentis, false,
                vips, false, false, List.of());
    }

    /** Same expectations with IPsec AH authentication keyed with this password (first 8 bytes, zero-padded). */
    public AdvertExpectations withIpsecAh(String password) {
        return new AdvertExpectations(version, family, AuthType.AH, AuthData.fromPassword(password),
                advertIntervalCentis, unicast, vips, ownerIgnoreAdverts, checkUnicastSource, unicastPeers);
    }

    /** Same expectations with PASS authentication and this password (first 8 bytes, zero-padded). */
    public AdvertExpectations withPassword(String password) {
        return new AdvertExpectations(version, family, AuthType.PASS, AuthData.fromPassword(password),
                advertIntervalCentis, unicast, vips, ownerIgnoreAdverts, checkUnicastSource, unicastPeers);
    }
}
