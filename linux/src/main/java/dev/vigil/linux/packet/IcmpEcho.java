package dev.vigil.linux.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * ICMP and ICMPv6 echo messages (RFC 792 "Echo or Echo Reply Message", RFC 4443 §4.1 and
 * §4.2), from the ICMP header on: no IP header.
 *
 * <pre>
 * 0      type     8 request / 0 reply (ICMP); 128 request / 129 reply (ICMPv6)
 * 1      code     0
 * 2..3   checksum ICMP: RFC 1071 over the message; ICMPv6: over a pseudo-header as well,
 *                 which the kernel computes on every ICMPv6 socket, so it is written as 0
 * 4..5   identifier  (big-endian)
 * 6..7   sequence    (big-endian)
 * 8..    data, returned unchanged by the replier
 * </pre>
 *
 * @param type       request or reply, and the family it belongs to
 * @param identifier 0..65535; a ping socket replaces it with its own on send
 * @param sequence   0..65535
 * @param payload    the data; not copied, do not modify
 */
public record IcmpEcho(Type type, int identifier, int sequence, byte[] payload) {

    /** The type and code bytes plus checksum, identifier and sequence. */
    public static final int HEADER_LENGTH = 8;

    /** The four echo types. */
    public enum Type {
        /** ICMP type 8. */
        REQUEST(8, false),
        /** ICMP type 0. */
        REPLY(0, false),
        /** ICMPv6 type 128. */
        REQUEST_V6(128, true),
        /** ICMPv6 type 129. */
        REPLY_V6(129, true);

        private final int code;
        private final boolean ipv6;

        Type(int code, boolean ipv6) {
            this.code = code;
            this.ipv6 = ipv6;
        }

        /** The type byte on the wire. */
        public int code() {
            return code;
        }

        /** True for the ICMPv6 types. */
        public boolean isIpv6() {
            return ipv6;
        }

        /** The request type of a family. */
        public static Type request(boolean ipv6) {
            return ipv6 ? REQUEST_V6 : REQUEST;
        }

        /** The reply type of a family. */
        public static Type reply(boolean ipv6) {
            return ipv6 ? REPLY_V6 : REPLY;
        }
    }

    public IcmpEcho {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (identifier < 0 || identifier > 0xFFFF) {
            throw new IllegalArgumentException("identifier must be 0..65535, got " + identifier);
        }
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("sequence must be 0..65535, got " + sequence);
        }
    }

    /** An echo request of the family {@code ipv6} selects. */
    public static IcmpEcho request(boolean ipv6, int identifier, int sequence, byte[] payload) {
        return new IcmpEcho(Type.request(ipv6), identifier, sequence, payload);
    }

    /** The message bytes; the ICMP checksum is filled in, the ICMPv6 one left 0 for the kernel. */
    public byte[] encode() {
        byte[] message = new byte[HEADER_LENGTH + payload.length];
        message[0] = (byte) type.code();
        message[4] = (byte) (identifier >>> 8);
        message[5] = (byte) identifier;
        message[6] = (byte) (sequence >>> 8);
        message[7] = (byte) sequence;
        System.arraycopy(payload, 0, message, HEADER_LENGTH, payload.length);
        if (!type.isIpv6()) {
            int checksum = InternetChecksum.of(message, 0, message.length);
            message[2] = (byte) (checksum >>> 8);
            message[3] = (byte) checksum;
        }
        return message;
    }

    /** True when {@code other} carries the same data as this message. */
    public boolean samePayload(byte[] other) {
        return Arrays.equals(payload, other);
    }

    /** The outcome of {@link #decode}: an echo, another ICMP message, or bytes that are not one. */
    public sealed interface Decoded {
    }

    /** An echo request or reply. */
    public record Echo(IcmpEcho echo) implements Decoded {
    }

    /** A well-formed ICMP message that is not an echo (an error, a redirect, ...). */
    public record Other(int type, int code) implements Decoded {
    }

    /** Bytes that cannot be an ICMP message of the family. */
    public record Malformed(String reason) implements Decoded {
    }

    /**
     * Reads a message of the given family starting at its ICMP header. ICMP checksums are
     * verified (a raw socket sees datagrams before the kernel's own check); ICMPv6 ones are
     * verified by the kernel on every ICMPv6 socket and not again here.
     */
    public static Decoded decode(boolean ipv6, byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length < HEADER_LENGTH) {
            return new Malformed("ICMP message of " + length + " bytes is shorter than its 8-byte header");
        }
        if (!ipv6 && InternetChecksum.of(bytes, offset, length) != 0) {
            return new Malformed("bad ICMP checksum");
        }
        int typeByte = bytes[offset] & 0xFF;
        int code = bytes[offset + 1] & 0xFF;
        Type type = echoType(ipv6, typeByte);
        if (type == null) {
            return new Other(typeByte, code);
        }
        if (code != 0) {
            return new Malformed("echo message with code " + code);
        }
        int identifier = (bytes[offset + 4] & 0xFF) << 8 | bytes[offset + 5] & 0xFF;
        int sequence = (bytes[offset + 6] & 0xFF) << 8 | bytes[offset + 7] & 0xFF;
        byte[] payload = Arrays.copyOfRange(bytes, offset + HEADER_LENGTH, offset + length);
        return new Echo(new IcmpEcho(type, identifier, sequence, payload));
    }

    private static Type echoType(boolean ipv6, int typeByte) {
        for (Type type : Type.values()) {
            if (type.isIpv6() == ipv6 && type.code() == typeByte) {
                return type;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpEcho other && type == other.type && identifier == other.identifier
                && sequence == other.sequence && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, identifier, sequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "IcmpEcho[" + type + " id " + identifier + " seq " + sequence + ", " + payload.length + " bytes]";
    }
}
