package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.RawIpv4Socket;
import dev.vigil.linux.socket.RawIpv6Socket;
import dev.vigil.linux.socket.ReceivedIpv4;
import dev.vigil.linux.socket.ReceivedIpv6;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The receive side of a raw VRRP socket bound to one interface and joined to the VRRP groups
 * on it, the IANA one and any configured {@code mcast_dst_ip} (a raw socket sees link-local
 * multicast only with the membership). Unicast adverts to the interface's addresses arrive on
 * the same socket. IPv4 packets come with their header;
 * IPv6 ones with source, destination and hop limit from ancillary data, the checksum already
 * verified by the kernel ({@code IPV6_CHECKSUM} 6, RFC 3542 §3.1).
 */
final class RawSocketReceiver {

    private RawSocketReceiver() {
    }

    /**
     * Opens, binds and joins an IPv4 receiver for {@code protocol} (112, or 51 for IPsec AH) in
     * the calling thread's namespace, joined to {@code groups}.
     */
    static PacketReceiver ipv4(String interfaceName, int interfaceIndex, int protocol, Set<InetAddress> groups)
            throws NativeException {
        RawIpv4Socket socket = RawIpv4Socket.open(protocol);
        try {
            socket.bindToDevice(interfaceName);
            for (InetAddress group : groups) {
                socket.joinGroup((Inet4Address) group, interfaceIndex);
            }
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new PacketReceiver() {
            @Override
            public Optional<RawPacket> receive() throws NativeException {
                while (socket.isOpen()) {
                    Optional<ReceivedIpv4> got = socket.receive(null);
                    if (got.isPresent()) {
                        return Optional.of(new RawPacket(got.get().packet(), RxMeta.ipv4WithHeader()));
                    }
                }
                return Optional.empty();
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    /** Opens, binds and joins an IPv6 receiver in the calling thread's namespace. */
    static PacketReceiver ipv6(String interfaceName, int interfaceIndex, Set<InetAddress> groups)
            throws NativeException {
        RawIpv6Socket socket = RawIpv6Socket.open(VrrpWire.PROTOCOL);
        try {
            socket.setChecksumOffset(VrrpWire.CHECKSUM_OFFSET);
            socket.bindToDevice(interfaceName);
            for (InetAddress group : groups) {
                socket.joinGroup((Inet6Address) group, interfaceIndex);
            }
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new PacketReceiver() {
            @Override
            public Optional<RawPacket> receive() throws NativeException {
                while (socket.isOpen()) {
                    Optional<ReceivedIpv6> got = socket.receive(null);
                    if (got.isPresent() && got.get().destination() != null) {
                        ReceivedIpv6 p = got.get();
                        int hopLimit = p.hopLimit() < 0 ? RxMeta.UNKNOWN_HOP_LIMIT : p.hopLimit();
                        return Optional.of(new RawPacket(p.payload(),
                                RxMeta.ipv6(p.source(), p.destination(), hopLimit, true)));
                    }
                }
                return Optional.empty();
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
