package dev.vigil.vrrp.codec;

import dev.vigil.linux.packet.InternetChecksum;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Writes the VRRP message of an {@link Advertisement}: the bytes that follow the IP header.
 * Pure; no sockets.
 *
 * <p>Layout (RFC 3768 §5.1 / RFC 5798 §5.1): version/type, VRID, priority, count, then v2
 * auth type + interval in seconds or v3 4 reserved bits + 12 bits of centiseconds, checksum,
 * the addresses in order, and for v2 over IPv4 the 8 auth bytes.
 */
public final class VrrpEncoder {

    private VrrpEncoder() {
    }

    /**
     * Encodes {@code advert}, filling the checksum as {@code rule} says. A rule that does not
     * fit the advertisement's family (an IPv4 pseudo-header for an IPv6 advertisement, or the
     * reverse) is a programming error: {@link IllegalArgumentException}.
     */
    public static byte[] encode(Advertisement advert, ChecksumRule rule) {
        byte[] out = new byte[advert.wireLength()];
        writeHeader(advert, out);
        int offset = VrrpWire.HEADER_LENGTH;
        for (var address : advert.addresses()) {
            byte[] raw = address.getAddress();
            System.arraycopy(raw, 0, out, offset, raw.length);
            offset += raw.length;
        }
        if (advert.carriesAuthData()) {
            advert.authData().copyTo(out, offset);
        }
        int checksum = checksum(advert, rule, out);
        out[VrrpWire.CHECKSUM_OFFSET] = (byte) (checksum >>> 8);
        out[VrrpWire.CHECKSUM_OFFSET + 1] = (byte) checksum;
        return out;
    }

    /**
     * The checksum keepalived itself would send: v2 message-only; v3 over IPv4 with the
     * pseudo-header of {@code source}/{@code destination} unless {@code v3ChecksumAsV2}; over
     * IPv6 left to the kernel.
     */
    public static ChecksumRule keepalivedRule(Advertisement advert, InetAddress source,
                                              InetAddress destination, boolean v3ChecksumAsV2) {
        if (advert.family() == AddressFamily.IPV6) {
            return ChecksumRule.LEFT_FOR_KERNEL;
        }
        if (advert.version() == VrrpVersion.V2 || v3ChecksumAsV2) {
            return ChecksumRule.MESSAGE_ONLY;
        }
        if (source instanceof Inet4Address src && destination instanceof Inet4Address dst) {
            return new ChecksumRule.Ipv4PseudoHeader(src, dst);
        }
        throw new IllegalArgumentException("IPv4 advertisement needs IPv4 source and destination");
    }

    private static void writeHeader(Advertisement advert, byte[] out) {
        out[0] = (byte) ((advert.version().wire() << 4) | advert.type());
        out[1] = (byte) advert.vrid();
        out[2] = (byte) advert.priority();
        out[3] = (byte) advert.addresses().size();
        if (advert.version() == VrrpVersion.V2) {
            out[4] = (byte) advert.authType().wire();
            // RFC 3768 §5.3.7: whole seconds; the record guarantees a multiple of 100 cs.
            out[5] = (byte) (advert.advertIntervalCentis() / 100);
        } else {
            // RFC 5798 §5.2.5-5.2.7: 4 reserved bits (0), 12 bits of centiseconds.
            int interval = advert.advertIntervalCentis() & Advertisement.MAX_V3_INTERVAL_CENTIS;
            out[4] = (byte) (interval >>> 8);
            out[5] = (byte) interval;
        }
    }

    private static int checksum(Advertisement advert, ChecksumRule rule, byte[] message) {
        return switch (rule) {
            case ChecksumRule.LeftForKernel ignored -> 0;
            case ChecksumRule.MessageOnly ignored -> InternetChecksum.of(message, 0, message.length);
            case ChecksumRule.Ipv4PseudoHeader p -> {
                requireFamily(advert, AddressFamily.IPV4, rule);
                yield withPseudoHeader(PseudoHeader.ipv4(p.source(), p.destination(), message.length), message);
            }
            case ChecksumRule.Ipv6PseudoHeader p -> {
                requireFamily(advert, AddressFamily.IPV6, rule);
                yield withPseudoHeader(PseudoHeader.ipv6(p.source(), p.destination(), message.length), message);
            }
        };
    }

    private static int withPseudoHeader(InternetChecksum pseudoHeader, byte[] message) {
        return pseudoHeader.add(message).value();
    }

    private static void requireFamily(Advertisement advert, AddressFamily family, ChecksumRule rule) {
        if (advert.family() != family) {
            throw new IllegalArgumentException(rule + " does not fit an " + advert.family() + " advertisement");
        }
    }
}
