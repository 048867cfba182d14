package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.Ipv4HeaderFields;
import dev.vigil.vrrp.codec.Ipv4PacketEncoder;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.VrrpDecoder;
import dev.vigil.vrrp.codec.VrrpWire;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test packets built and read with the real codec. */
final class Packets {

    private Packets() {
    }

    static Inet4Address v4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The IPv4 datagram {@code source} would multicast for {@code advert}. */
    static byte[] ipv4(Advertisement advert, Inet4Address source) {
        return Ipv4PacketEncoder.encode(advert, new Ipv4HeaderFields(7, 255, source, VrrpWire.IPV4_GROUP), false);
    }

    /** What the decoder makes of {@code bytes} (IPv4 with header). */
    static DecodeResult decode(byte[] bytes) {
        return new VrrpDecoder().decode(bytes, RxMeta.ipv4WithHeader());
    }

    /** {@code advert} from {@code source}, decoded (must be well formed). */
    static Decoded decoded(Advertisement advert, Inet4Address source) {
        return (Decoded) decode(ipv4(advert, source));
    }
}
