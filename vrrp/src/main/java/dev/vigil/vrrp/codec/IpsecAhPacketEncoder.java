package dev.vigil.vrrp.codec;

import java.util.Objects;

/**
 * Builds a complete VRRPv2 IPv4 packet with keepalived's IPsec AH header, as keepalived sends
 * it for {@code auth_type AH} ({@code vrrp_build_ip4}, {@code vrrp_build_ipsecah},
 * {@code vrrp_update_pkt}): the IPv4 header of {@link Ipv4PacketEncoder} with protocol 51 and
 * a total length that includes the 24 AH bytes, then {@link IpsecAh}'s header (SPI = source
 * address, the caller's sequence number, the HMAC-MD5-96 ICV), then the VRRP message with auth
 * type 2, zeros in the 8 auth bytes and the usual v2 checksum. Pure; no sockets.
 */
public final class IpsecAhPacketEncoder {

    private IpsecAhPacketEncoder() {
    }

    /**
     * Encodes {@code advert} behind an IPv4 and an AH header.
     *
     * @param key      the 8-byte zero-padded {@code auth_pass}
     * @param sequence the AH sequence number, 0..2^32-1 (keepalived's first advert carries 1)
     * @param unicast  the instance sends unicast: its TTL is left out of the ICV
     */
    public static byte[] encode(Advertisement advert, Ipv4HeaderFields header, AuthData key, long sequence,
                                boolean unicast) {
        Objects.requireNonNull(key, "key");
        if (advert.version() != VrrpVersion.V2 || advert.family() != AddressFamily.IPV4
                || advert.authType() != AuthType.AH) {
            throw new IllegalArgumentException("IPsec AH needs a VRRPv2 IPv4 advertisement with auth type AH");
        }
        byte[] message = VrrpEncoder.encode(advert, ChecksumRule.MESSAGE_ONLY);
        int ahOffset = Ipv4PacketEncoder.HEADER_LENGTH;
        int total = ahOffset + IpsecAh.HEADER_LENGTH + message.length;
        byte[] out = new byte[total];
        IpsecAh.writeHeader(out, ahOffset, header.source().getAddress(), sequence);
        System.arraycopy(message, 0, out, ahOffset + IpsecAh.HEADER_LENGTH, message.length);
        Ipv4PacketEncoder.writeHeader(out, total, header, VrrpWire.PROTOCOL_AH);
        byte[] icv = IpsecAh.icv(out, ahOffset, key, unicast);
        System.arraycopy(icv, 0, out, ahOffset + IpsecAh.ICV_OFFSET, IpsecAh.ICV_LENGTH);
        return out;
    }
}
