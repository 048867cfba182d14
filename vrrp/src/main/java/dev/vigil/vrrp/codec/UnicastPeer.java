package dev.vigil.vrrp.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One {@code unicast_peer} entry with its optional {@code min_ttl} / {@code max_ttl}.
 *
 * @param address the peer's address
 * @param minTtl  lowest accepted TTL / hop limit (0 when not configured)
 * @param maxTtl  highest accepted TTL / hop limit (255 when not configured)
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {

    public UnicastPeer {
        Objects.requireNonNull(address, "address");
        if (minTtl < 0 || maxTtl > 255 || minTtl > maxTtl) {
            throw new IllegalArgumentException("TTL range " + minTtl + ".." + maxTtl + " is not within 0..255");
        }
    }

    /** A peer with no TTL limits. */
    public static UnicastPeer of(InetAddress address) {
        return new UnicastPeer(address, 0, 255);
    }
}
