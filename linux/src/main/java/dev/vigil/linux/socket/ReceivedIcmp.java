package dev.vigil.linux.socket;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One ICMP or ICMPv6 message read from an {@link IcmpSocket}, from its ICMP header on (a raw
 * IPv4 socket's IP header is already removed).
 *
 * @param source    the sender
 * @param message   the ICMP message bytes; do not modify
 * @param truncated the datagram was longer than the receive buffer and was cut
 */
public record ReceivedIcmp(InetAddress source, byte[] message, boolean truncated) {

    public ReceivedIcmp {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
