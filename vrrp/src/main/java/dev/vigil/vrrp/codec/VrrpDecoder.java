package dev.vigil.vrrp.codec;

import dev.vigil.common.text.InetText;
import dev.vigil.linux.packet.InternetChecksum;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult.Rejected;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads received VRRP packets. Pure and independent of any instance: it applies the checks
 * of keepalived's {@code vrrp_check_packet} that need only the packet and the socket
 * (reference §2.4, in keepalived's order: length #2, TTL #3, version #4, auth type #6, type
 * #11, IPv4 total length #12, checksum #14) and leaves the rest to {@link AdvertChecker}.
 *
 * <p>Never throws for any input bytes: every length is checked before it is read, and every
 * problem is a {@link Rejected} with a {@link RejectReason}. Immutable and thread-safe.
 */
public final class VrrpDecoder {

    /**
     * Ethernet pads frames to 60 bytes (ETH_ZLEN) before the FCS; less the 14-byte header,
     * a packet of fewer than 46 bytes may arrive padded to 46. VLAN tags (4 bytes each) are
     * stripped before the socket sees the frame, so the padding is known only modulo 4.
     */
    private static final int MIN_ETHERNET_PAYLOAD = 46;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int PADDING_REMAINDER =
            (VLAN_TAG_LENGTH - MIN_ETHERNET_PAYLOAD % VLAN_TAG_LENGTH) % VLAN_TAG_LENGTH;
    private static final int MIN_IPV4_HEADER = 20;

    private final DecodeOptions options;

    public VrrpDecoder(DecodeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A decoder with keepalived's default checksum handling. */
    public VrrpDecoder() {
        this(DecodeOptions.DEFAULT);
    }

    public DecodeOptions options() {
        return options;
    }

    /** Decodes the bytes between {@code buffer}'s position and limit; the buffer is not changed. */
    public DecodeResult decode(ByteBuffer buffer, RxMeta meta) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(buffer.position(), copy);
        return decode(copy, meta);
    }

    /** Decodes one received packet (with the IPv4 header first when {@code meta} says so). */
    public DecodeResult decode(byte[] packet, RxMeta meta) {
        Rejected ipProblem = checkIpHeader(packet, meta);
        if (ipProblem != null) {
            return ipProblem;
        }
        IpLayer ip = IpLayer.read(packet, meta);
        Header header = Header.read(packet, ip.vrrpOffset(), meta.family());
        Rejected problem = checkBeforeChecksum(packet.length, ip, header);
        if (problem != null) {
            return problem;
        }
        ChecksumMatch match = verifyChecksum(packet, ip, header, meta);
        if (match == null) {
            return checksumRejection(header, meta);
        }
        Optional<ReceivedAh> ah = ip.ahOffset() < 0 ? Optional.empty()
                : Optional.of(new ReceivedAh(packet, ip.ahOffset()));
        return new Decoded(advertisement(packet, ip.vrrpOffset(), header), ip.source(), ip.destination(),
                ip.hopLimit(), match, ah);
    }

    /**
     * The IPv4 header, when included: long enough, version 4, IHL ≥ 5, protocol 112, or 51
     * with room for the AH header before the VRRP header ({@code vrrp_get_header}).
     */
    private static Rejected checkIpHeader(byte[] packet, RxMeta meta) {
        if (!meta.ipHeaderIncluded()) {
            return packet.length < VrrpWire.HEADER_LENGTH
                    ? reject(RejectReason.TOO_SHORT_FOR_HEADER, "%d bytes, need %d", packet.length, VrrpWire.HEADER_LENGTH)
                    : null;
        }
        if (packet.length < MIN_IPV4_HEADER) {
            return reject(RejectReason.TOO_SHORT_FOR_HEADER, "%d bytes, no room for an IPv4 header", packet.length);
        }
        int version = (packet[0] & 0xF0) >>> 4;
        int headerLength = (packet[0] & 0x0F) * 4;
        if (version != 4 || headerLength < MIN_IPV4_HEADER) {
            return reject(RejectReason.MALFORMED_IP_HEADER, "IP version %d, header length %d", version, headerLength);
        }
        if (packet.length < headerLength + VrrpWire.HEADER_LENGTH) {
            return reject(RejectReason.TOO_SHORT_FOR_HEADER, "%d bytes, need %d", packet.length,
                    headerLength + VrrpWire.HEADER_LENGTH);
        }
        int protocol = packet[9] & 0xFF;
        if (protocol == VrrpWire.PROTOCOL_AH) {
            int needed = headerLength + IpsecAh.HEADER_LENGTH + VrrpWire.HEADER_LENGTH;
            return packet.length < needed
                    ? reject(RejectReason.TOO_SHORT_FOR_HEADER, "%d bytes, need %d with the AH header", packet.length,
                            needed)
                    : null;
        }
        if (protocol != VrrpWire.PROTOCOL) {
            return reject(RejectReason.NOT_VRRP_PROTOCOL, "IP protocol %d", protocol);
        }
        return null;
    }

    /** keepalived checks #2, #3, #4, #6, #11 and #12, in that order. */
    private static Rejected checkBeforeChecksum(int received, IpLayer ip, Header header) {
        int expected = ip.vrrpOffset() + header.messageLength();
        if (received != expected && !(ip.paddable() && isEthernetPadding(expected, received))) {
            // RFC 3768 §7.1 / RFC 5798 §7.1: MUST verify the packet holds the whole message.
            RejectReason reason = received < expected ? RejectReason.TOO_SHORT_FOR_ADDRESSES : RejectReason.TOO_LONG;
            return reject(reason, "%d bytes, %d addresses need %d", received, header.addressCount(), expected);
        }
        // RFC 3768 §7.1 / RFC 5798 §7.1: MUST verify TTL 255; keepalived exempts unicast.
        if (ip.destination().isMulticastAddress() && ip.hopLimit() != RxMeta.UNKNOWN_HOP_LIMIT
                && ip.hopLimit() != VrrpWire.REQUIRED_TTL) {
            return reject(RejectReason.TTL_NOT_255, "TTL/hop limit %d from %s", ip.hopLimit(), InetText.format(ip.source()));
        }
        if (header.version() == null) {
            return reject(RejectReason.UNSUPPORTED_VERSION, "version %d", header.versionNibble());
        }
        if (header.version() == VrrpVersion.V2 && AuthType.fromWire(header.authByte()).isEmpty()) {
            return reject(RejectReason.INVALID_AUTH_TYPE, "auth type %d", header.authByte());
        }
        if (header.type() != Advertisement.TYPE_ADVERTISEMENT) {
            return reject(RejectReason.INVALID_TYPE, "type %d", header.type());
        }
        if (ip.totalLength() >= 0 && ip.totalLength() != received && !isEthernetPadding(ip.totalLength(), received)) {
            return reject(RejectReason.IP_TOTAL_LENGTH_MISMATCH, "IP total length %d, received %d",
                    ip.totalLength(), received);
        }
        return null;
    }

    /**
     * keepalived's padding tolerance (vrrp.c check #2/#12): the packet was shorter than the
     * Ethernet minimum and the extra bytes are a padding amount modulo VLAN tags. We also
     * require the result to fit the minimum payload, which genuine padding always does.
     */
    static boolean isEthernetPadding(int expected, int received) {
        return expected < MIN_ETHERNET_PAYLOAD && received > expected && received <= MIN_ETHERNET_PAYLOAD
                && (received - expected) % VLAN_TAG_LENGTH == PADDING_REMAINDER;
    }

    /** Check #14. Returns the matching form, or null when the checksum is wrong. */
    private ChecksumMatch verifyChecksum(byte[] packet, IpLayer ip, Header header, RxMeta meta) {
        int offset = ip.vrrpOffset();
        int length = header.messageLength();
        if (meta.family() == AddressFamily.IPV6) {
            if (meta.checksumVerifiedByKernel()) {
                return ChecksumMatch.KERNEL_VERIFIED;
            }
            InternetChecksum pseudo = PseudoHeader.ipv6((Inet6Address) ip.source(), (Inet6Address) ip.destination(),
                    length);
            return sumsToZero(pseudo, packet, offset, length) ? ChecksumMatch.IPV6_PSEUDO_HEADER : null;
        }
        if (header.version() == VrrpVersion.V2 || options.v3ChecksumAsV2()) {
            // RFC 3768 §5.3.8: v2 has no pseudo-header; v3_checksum_as_v2 reads v3 the same way.
            return InternetChecksum.of(packet, offset, length) == 0 ? ChecksumMatch.MESSAGE_ONLY : null;
        }
        Inet4Address source = (Inet4Address) ip.source();
        Inet4Address destination = (Inet4Address) ip.destination();
        if (options.oldUnicastChecksum() == DecodeOptions.OldUnicastChecksum.ALWAYS) {
            return sumsToZero(PseudoHeader.ipv4(source, options.ipv4Group(), length), packet, offset, length)
                    ? ChecksumMatch.PSEUDO_HEADER_GROUP_DESTINATION : null;
        }
        if (sumsToZero(PseudoHeader.ipv4(source, destination, length), packet, offset, length)) {
            return ChecksumMatch.PSEUDO_HEADER;
        }
        // keepalived ≤ 1.3.6 sent unicast with the group in the pseudo-header (vrrp.c 1200-1235).
        boolean mayBeOldForm = options.oldUnicastChecksum() == DecodeOptions.OldUnicastChecksum.DETECT
                && !destination.isMulticastAddress() && !destination.equals(options.ipv4Group());
        if (mayBeOldForm && sumsToZero(PseudoHeader.ipv4(source, options.ipv4Group(), length), packet, offset, length)) {
            return ChecksumMatch.OLD_UNICAST_DETECTED;
        }
        return null;
    }

    private Rejected checksumRejection(Header header, RxMeta meta) {
        RejectReason reason;
        if (meta.family() == AddressFamily.IPV6) {
            reason = RejectReason.BAD_CHECKSUM_IPV6;
        } else if (header.version() == VrrpVersion.V2) {
            reason = RejectReason.BAD_CHECKSUM_V2;
        } else if (options.v3ChecksumAsV2()) {
            reason = RejectReason.BAD_CHECKSUM_V3_AS_V2;
        } else if (options.oldUnicastChecksum() == DecodeOptions.OldUnicastChecksum.ALWAYS) {
            reason = RejectReason.BAD_CHECKSUM_V3_OLD_UNICAST;
        } else {
            reason = RejectReason.BAD_CHECKSUM_V3;
        }
        return reject(reason, "checksum field 0x%04x", header.checksumField());
    }

    private static boolean sumsToZero(InternetChecksum pseudoHeader, byte[] packet, int offset, int length) {
        return pseudoHeader.add(packet, offset, length).value() == 0;
    }

    /** Builds the value once every check has passed; the record's invariants then hold. */
    private static Advertisement advertisement(byte[] packet, int offset, Header header) {
        AddressFamily family = header.family();
        List<InetAddress> addresses = new ArrayList<>(header.addressCount());
        int at = offset + VrrpWire.HEADER_LENGTH;
        for (int i = 0; i < header.addressCount(); i++, at += family.addressLength()) {
            addresses.add(WireAddresses.read(packet, at, family));
        }
        if (header.version() == VrrpVersion.V3) {
            // RFC 5798 §5.2.5: reserved bits are ignored on receipt.
            int centis = ((header.authByte() << 8) | header.intervalByte()) & Advertisement.MAX_V3_INTERVAL_CENTIS;
            return Advertisement.v3(header.vrid(), header.priority(), centis, family, addresses);
        }
        AuthType authType = AuthType.fromWire(header.authByte()).orElseThrow();
        AuthData authData = AuthData.ZERO;
        if (Advertisement.carriesAuthData(VrrpVersion.V2, family)) {
            byte[] raw = new byte[AuthData.LENGTH];
            System.arraycopy(packet, at, raw, 0, AuthData.LENGTH);
            authData = AuthData.of(raw);
        }
        return Advertisement.v2(header.vrid(), header.priority(), authType, authData, header.intervalByte(),
                family, addresses);
    }

    private static Rejected reject(RejectReason reason, String format, Object... args) {
        return new Rejected(reason, String.format(format, args));
    }

    /**
     * Where the VRRP message starts and what the IP layer says about it; {@code ahOffset} is
     * where the IPsec AH header starts, or -1 without one.
     */
    private record IpLayer(int vrrpOffset, int ahOffset, int totalLength, InetAddress source,
                           InetAddress destination, int hopLimit, boolean paddable) {

        /** Reads the header that {@link #checkIpHeader} has accepted, or takes the socket's values. */
        static IpLayer read(byte[] packet, RxMeta meta) {
            if (!meta.ipHeaderIncluded()) {
                // Without the IPv4 header we cannot tell padding from data; IPv6 is never padded
                // (its 40-byte header alone fills the Ethernet minimum).
                return new IpLayer(0, -1, -1, meta.source(), meta.destination(), meta.hopLimit(), false);
            }
            int headerLength = (packet[0] & 0x0F) * 4;
            int totalLength = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
            boolean ah = (packet[9] & 0xFF) == VrrpWire.PROTOCOL_AH;
            int vrrpOffset = ah ? headerLength + IpsecAh.HEADER_LENGTH : headerLength;
            return new IpLayer(vrrpOffset, ah ? headerLength : -1, totalLength, WireAddresses.read(packet, 12, AddressFamily.IPV4),
                    WireAddresses.read(packet, 16, AddressFamily.IPV4), packet[8] & 0xFF, true);
        }
    }

    /** The fixed 8-byte VRRP header, read without judging it. */
    private record Header(int versionNibble, int type, int vrid, int priority, int addressCount,
                          int authByte, int intervalByte, int checksumField, AddressFamily family) {

        static Header read(byte[] packet, int offset, AddressFamily family) {
            return new Header((packet[offset] & 0xF0) >>> 4, packet[offset] & 0x0F, packet[offset + 1] & 0xFF,
                    packet[offset + 2] & 0xFF, packet[offset + 3] & 0xFF, packet[offset + 4] & 0xFF,
                    packet[offset + 5] & 0xFF,
                    ((packet[offset + 6] & 0xFF) << 8) | (packet[offset + 7] & 0xFF), family);
        }

        /** The version, or null when the nibble is neither 2 nor 3. */
        VrrpVersion version() {
            return VrrpVersion.fromWire(versionNibble).orElse(null);
        }

        /**
         * Length the count implies (keepalived {@code expected_vrrp_pkt_len}): the 8 auth bytes
         * only for version 2 over IPv4, judged from the packet's own version nibble.
         */
        int messageLength() {
            boolean authBytes = versionNibble == VrrpVersion.V2.wire() && family == AddressFamily.IPV4;
            return VrrpWire.HEADER_LENGTH + addressCount * family.addressLength() + (authBytes ? AuthData.LENGTH : 0);
        }
    }
}
