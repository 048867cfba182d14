package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The PROXY protocol header announcing a TCP client to a real server (HAProxy's
 * proxy-protocol.txt): version 1 is one text line, version 2 a binary block. Both carry the
 * client's address and port and the VIP and port it connected to, which always share a
 * family (a client reaches a VIP over that VIP's family).
 */
final class ProxyHeader {

    /** Section 2.2: the 12 bytes every version 2 header starts with. */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Section 2.2: version 2 in the high nibble, command PROXY (1) in the low one. */
    private static final int V2_PROXY_COMMAND = 0x21;
    /** Section 2.2: address family in the high nibble (1 INET, 2 INET6), STREAM (1) in the low one. */
    private static final int V2_TCP4 = 0x11;
    private static final int V2_TCP6 = 0x21;

    private ProxyHeader() {
    }

    static byte[] encode(ProxyProtocol version, IpAddress source, int sourcePort, IpAddress destination,
                         int destinationPort) {
        return version == ProxyProtocol.V1
                ? v1(source, sourcePort, destination, destinationPort)
                : v2(source, sourcePort, destination, destinationPort);
    }

    /** Section 2.1: "PROXY TCP4 src dst sport dport\r\n", addresses in their usual text form. */
    private static byte[] v1(IpAddress source, int sourcePort, IpAddress destination, int destinationPort) {
        String line = "PROXY " + (source.isIpv4() ? "TCP4" : "TCP6") + " " + source + " " + destination + " "
                + sourcePort + " " + destinationPort + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** Section 2.2: signature, command, family, length, then both addresses and both ports. */
    private static byte[] v2(IpAddress source, int sourcePort, IpAddress destination, int destinationPort) {
        byte[] from = source.toBytes();
        byte[] to = destination.toBytes();
        int length = from.length + to.length + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + length);
        out.writeBytes(V2_SIGNATURE);
        out.write(V2_PROXY_COMMAND);
        out.write(source.isIpv4() ? V2_TCP4 : V2_TCP6);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(from);
        out.writeBytes(to);
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xff);
        out.write(destinationPort >> 8);
        out.write(destinationPort & 0xff);
        return out.toByteArray();
    }
}
