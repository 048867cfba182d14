package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.ChecksumRule;
import dev.vigil.vrrp.codec.VrrpEncoder;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Sends IPv6 adverts as keepalived does (reference §1.1 IPv6, §2.3): the kernel builds the
 * header with hop limit 255 and fills the checksum ({@code IPV6_CHECKSUM} offset 6, set on
 * the socket); the source is the interface's link-local address; to ff02::12 or each unicast
 * peer. Confined to the event loop.
 */
final class Ipv6AdvertSender implements AdvertSender {

    private final RawIpv6Socket socket;
    private final Inet6Address source;
    private final List<Inet6Address> destinations;
    private final int interfaceIndex;

    Ipv6AdvertSender(RawIpv6Socket socket, Inet6Address source, List<Inet6Address> destinations, int interfaceIndex) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.source = Objects.requireNonNull(source, "source");
        this.destinations = List.copyOf(destinations);
        this.interfaceIndex = interfaceIndex;
    }

    @Override
    public void sendWithIpsecAh(Advertisement advert, AuthData key, long sequence) {
        throw new IllegalStateException("IPsec AH is IPv4 only (keepalived refuses it for IPv6)");
    }

    @Override
    public void send(Advertisement advert) throws NativeException {
        byte[] message = VrrpEncoder.encode(advert, ChecksumRule.LEFT_FOR_KERNEL);
        for (Inet6Address destination : destinations) {
            socket.send(ByteBuffer.wrap(message), source, destination, interfaceIndex);
        }
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }
}
