package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.IpsecAhPacketEncoder;
import dev.vigil.vrrp.codec.Ipv4HeaderFields;
import dev.vigil.vrrp.codec.Ipv4PacketEncoder;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Sends IPv4 adverts the way keepalived does ({@code vrrp_build_ip4}, reference §2.2): the
 * whole datagram built here and sent on an {@code IP_HDRINCL} raw socket, TOS 0xC0, TTL 255
 * (unicast: {@code unicast_ttl}), protocol 112 (51 with the IPsec AH header of
 * {@code auth_type AH}), an identification counter of its own that starts at 1 and skips 0, to the
 * group or to each unicast peer in turn (the v3 checksum is computed per destination).
 * Confined to the event loop.
 */
final class Ipv4AdvertSender implements AdvertSender {

    /** The IP identification field is 16 bits. */
    private static final int ID_MODULUS = 1 << 16;

    private final RawIpv4Socket socket;
    private final Inet4Address source;
    private final List<Inet4Address> destinations;
    private final int ttl;
    private final boolean v3ChecksumAsV2;
    private int identification;

    Ipv4AdvertSender(RawIpv4Socket socket, Inet4Address source, List<Inet4Address> destinations) {
        this(socket, source, destinations, VrrpWire.REQUIRED_TTL, false);
    }

    /**
     * @param ttl            the TTL of every packet (255, or {@code unicast_ttl} for unicast)
     * @param v3ChecksumAsV2 {@code v3_checksum_as_v2}: VRRPv3 checksum without the pseudo-header
     */
    Ipv4AdvertSender(RawIpv4Socket socket, Inet4Address source, List<Inet4Address> destinations, int ttl,
                     boolean v3ChecksumAsV2) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.source = Objects.requireNonNull(source, "source");
        this.destinations = List.copyOf(destinations);
        this.ttl = ttl;
        this.v3ChecksumAsV2 = v3ChecksumAsV2;
    }

    @Override
    public void send(Advertisement advert) throws NativeException {
        for (Inet4Address destination : destinations) {
            byte[] packet = Ipv4PacketEncoder.encode(advert,
                    new Ipv4HeaderFields(nextIdentification(), ttl, source, destination), v3ChecksumAsV2);
            socket.sendPacket(ByteBuffer.wrap(packet));
        }
    }

    /**
     * keepalived {@code vrrp_update_pkt}: one sequence number per advert, the same to each
     * unicast peer; the TTL is out of the ICV for unicast instances only.
     */
    @Override
    public void sendWithIpsecAh(Advertisement advert, AuthData key, long sequence) throws NativeException {
        boolean unicast = !destinations.getFirst().isMulticastAddress();
        for (Inet4Address destination : destinations) {
            byte[] packet = IpsecAhPacketEncoder.encode(advert,
                    new Ipv4HeaderFields(nextIdentification(), ttl, source, destination), key, sequence, unicast);
            socket.sendPacket(ByteBuffer.wrap(packet));
        }
    }

    private int nextIdentification() {
        identification = followingIdentification(identification);
        return identification;
    }

    /**
     * keepalived vrrp.c: the ID is incremented for each packet and never 0 (with IP_HDRINCL an
     * ID of 0 lets the kernel choose one); so 1, 2, ... 65535, 1, ...
     */
    static int followingIdentification(int current) {
        int next = (current + 1) % ID_MODULUS;
        return next == 0 ? 1 : next;
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }
}
