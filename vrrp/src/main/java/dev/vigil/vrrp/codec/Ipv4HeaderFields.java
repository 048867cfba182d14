package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The per-packet fields of the IPv4 header keepalived builds itself ({@code IP_HDRINCL},
 * {@code vrrp_build_ip4}); the rest is fixed by {@link Ipv4PacketEncoder}.
 *
 * @param identification IP ID, 0..65535; keepalived keeps a per-instance counter that skips 0
 * @param ttl            255 for multicast (RFC 3768 §5.2.3), or the configured {@code unicast_ttl}
 * @param source         {@code mcast_src_ip} / {@code unicast_src_ip} or the interface's primary address
 * @param destination    the multicast group or one unicast peer
 */
public record Ipv4HeaderFields(int identification, int ttl, Inet4Address source, Inet4Address destination) {

    public Ipv4HeaderFields {
        if (identification < 0 || identification > 0xFFFF) {
            throw new IllegalArgumentException("IP identification " + identification + " is outside 0..65535");
        }
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL " + ttl + " is outside 0..255");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
