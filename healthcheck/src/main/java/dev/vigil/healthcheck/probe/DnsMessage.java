package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.DnsType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The DNS query DNS_CHECK sends and the parts of the reply it reads (check_dns.c
 * {@code dns_make_query()} and {@code dns_recv_thread()}). Pure.
 *
 * <p>Query: the 12-byte header of RFC 1035 §4.1.1 with the given ID, only RD set, QDCOUNT 1;
 * then QNAME, QTYPE, QCLASS IN. The name is split at dots; "" and "." are the root.
 */
final class DnsMessage {

    /** RFC 1035 §4.1.1 header length. */
    static final int HEADER_BYTES = 12;
    /** RD, bit 8 of the flags word. */
    private static final int FLAG_RD = 0x0100;
    /** QR, bit 15 of the flags word. */
    private static final int FLAG_QR = 0x8000;
    /** RCODE, the low four bits. */
    private static final int RCODE_MASK = 0x000f;
    /** QCLASS IN (RFC 1035 §3.2.4). */
    private static final int CLASS_IN = 1;
    /** RFC 1035 §2.3.4: labels are 63 octets or less. */
    private static final int MAX_LABEL = 63;

    /** How a received datagram relates to the query. */
    enum ReplyKind { IGNORED, ANSWER, ERROR }

    /** A judged datagram: IGNORED (short, other ID, not a response), ANSWER (RCODE 0) or ERROR. */
    record Reply(ReplyKind kind, int rcode) {
    }

    private DnsMessage() {
    }

    /** The query bytes, or empty when the name has an empty or over-long label. */
    static Optional<byte[]> query(int id, DnsType type, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_BYTES + name.length() + 6);
        writeShort(out, id);
        writeShort(out, FLAG_RD);
        writeShort(out, 1);
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        if (!name.isEmpty() && !name.equals(".")) {
            String labels = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            for (String label : labels.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > MAX_LABEL) {
                    return Optional.empty();
                }
                out.write(bytes.length);
                out.write(bytes, 0, bytes.length);
            }
        }
        out.write(0);
        writeShort(out, type.code());
        writeShort(out, CLASS_IN);
        return Optional.of(out.toByteArray());
    }

    /** Reads a datagram received for query {@code id}. */
    static Reply judge(byte[] reply, int id) {
        if (reply.length < HEADER_BYTES || readShort(reply, 0) != id) {
            return new Reply(ReplyKind.IGNORED, 0);
        }
        int flags = readShort(reply, 2);
        if ((flags & FLAG_QR) == 0) {
            return new Reply(ReplyKind.IGNORED, 0);
        }
        int rcode = flags & RCODE_MASK;
        return new Reply(rcode == 0 ? ReplyKind.ANSWER : ReplyKind.ERROR, rcode);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8 & 0xff);
        out.write(value & 0xff);
    }

    private static int readShort(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
    }
}
