package dev.vigil.vrrp.codec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The IPsec Authentication Header keepalived puts between the IPv4 header and a VRRPv2
 * message for {@code auth_type AH} (RFC 2402 §2; keepalived {@code vrrp_ipsecah.h},
 * {@code vrrp.c}), and its integrity check value. Pure; no sockets.
 *
 * <p>Layout, 24 bytes: next header (112, VRRP), payload length 4 (the header in 32-bit words
 * minus 2, RFC 2402 §2.2), 2 reserved bytes (0), the SPI (keepalived: the sender's IPv4
 * address, network order), the sequence number, and the ICV: HMAC-MD5 truncated to 96 bits
 * (RFC 2403). The IPv4 protocol field is 51.
 *
 * <p>The ICV covers the IPv4 header with TOS, flags/fragment offset and header checksum set
 * to 0, and the TTL set to 0 only for unicast instances (keepalived keeps the multicast TTL,
 * 255, in the digest), then the AH header with a zero ICV, then the VRRP message. The IP
 * identification and total length are covered. The key is the 8-byte zero-padded
 * {@code auth_pass} ({@link AuthData}); zero padding does not change an HMAC key shorter than
 * the 64-byte block (RFC 2104 §2), so this equals the HMAC over the password itself.
 */
public final class IpsecAh {

    /** Length of the header including the 96-bit ICV. */
    public static final int HEADER_LENGTH = 24;
    /** Length of the truncated HMAC-MD5 (RFC 2403 §2). */
    public static final int ICV_LENGTH = 12;
    /** Payload length field: (24 bytes / 4) - 2 (RFC 2402 §2.2). */
    public static final int PAYLOAD_LENGTH_WORDS = 4;
    /** Offset of the SPI inside the header. */
    static final int SPI_OFFSET = 4;
    /** Offset of the sequence number inside the header. */
    static final int SEQUENCE_OFFSET = 8;
    /** Offset of the ICV inside the header. */
    static final int ICV_OFFSET = 12;
    /** Largest sequence number (32 bits, unsigned). */
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    private static final String HMAC_MD5 = "HmacMD5";
    private static final int IP_TOS_OFFSET = 1;
    private static final int IP_FRAGMENT_OFFSET = 6;
    private static final int IP_TTL_OFFSET = 8;
    private static final int IP_CHECKSUM_OFFSET = 10;

    private IpsecAh() {
    }

    /**
     * Writes the AH header at {@code ahOffset} of {@code packet} (SPI = {@code spi}, the ICV
     * left as zeros), for a VRRP message that follows it.
     */
    static void writeHeader(byte[] packet, int ahOffset, byte[] spi, long sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("AH sequence number " + sequence + " is outside 0.." + MAX_SEQUENCE);
        }
        packet[ahOffset] = (byte) VrrpWire.PROTOCOL;
        packet[ahOffset + 1] = (byte) PAYLOAD_LENGTH_WORDS;
        System.arraycopy(spi, 0, packet, ahOffset + SPI_OFFSET, 4);
        for (int i = 0; i < 4; i++) {
            packet[ahOffset + SEQUENCE_OFFSET + i] = (byte) (sequence >>> (24 - 8 * i));
        }
    }

    /**
     * The 12-byte ICV of a whole IPv4 packet whose AH header starts at {@code ahOffset}: the
     * mutable IP fields and the ICV field are zeroed in a copy, as keepalived does when it
     * sends ({@code vrrp_update_pkt}) and checks ({@code vrrp_in_chk_ipsecah}).
     *
     * @param zeroTtl whether the TTL is zeroed too (keepalived: only for unicast instances)
     */
    public static byte[] icv(byte[] packet, int ahOffset, AuthData key, boolean zeroTtl) {
        if (ahOffset < Ipv4PacketEncoder.HEADER_LENGTH || packet.length < ahOffset + HEADER_LENGTH) {
            throw new IllegalArgumentException("no AH header at " + ahOffset + " in " + packet.length + " bytes");
        }
        byte[] covered = packet.clone();
        covered[IP_TOS_OFFSET] = 0;
        covered[IP_FRAGMENT_OFFSET] = 0;
        covered[IP_FRAGMENT_OFFSET + 1] = 0;
        covered[IP_CHECKSUM_OFFSET] = 0;
        covered[IP_CHECKSUM_OFFSET + 1] = 0;
        if (zeroTtl) {
            covered[IP_TTL_OFFSET] = 0;
        }
        Arrays.fill(covered, ahOffset + ICV_OFFSET, ahOffset + HEADER_LENGTH, (byte) 0);
        byte[] digest = hmacMd5(key, covered);
        return Arrays.copyOf(digest, ICV_LENGTH);
    }

    /** Whether the ICV in {@code packet} is the one {@code key} gives, compared in constant time. */
    public static boolean icvMatches(byte[] packet, int ahOffset, AuthData key, boolean zeroTtl) {
        byte[] expected = icv(packet, ahOffset, key, zeroTtl);
        byte[] received = Arrays.copyOfRange(packet, ahOffset + ICV_OFFSET, ahOffset + HEADER_LENGTH);
        return MessageDigest.isEqual(expected, received);
    }

    private static byte[] hmacMd5(AuthData key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_MD5);
            mac.init(new SecretKeySpec(key.bytes(), HMAC_MD5));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // The JDK's SunJCE provider has HmacMD5; a JDK without it cannot run AH instances.
            throw new IllegalStateException("HmacMD5 is not available in this JDK", e);
        }
    }
}
