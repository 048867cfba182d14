package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Objects;

/** How {@link VrrpEncoder} fills the checksum field of an advertisement. */
public sealed interface ChecksumRule {

    /**
     * RFC 1071 sum over the VRRP message alone: VRRPv2 (RFC 3768 §5.3.8, including the 8 auth
     * bytes) and VRRPv3 with keepalived's {@code v3_checksum_as_v2}.
     */
    record MessageOnly() implements ChecksumRule {
    }

    /** VRRPv3 over IPv4: IPv4 pseudo-header with the packet's actual source and destination. */
    record Ipv4PseudoHeader(Inet4Address source, Inet4Address destination) implements ChecksumRule {
        public Ipv4PseudoHeader {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * IPv6 pseudo-header (RFC 5798 §5.2.8): what the kernel computes with {@code IPV6_CHECKSUM};
     * for tests and verification.
     */
    record Ipv6PseudoHeader(Inet6Address source, Inet6Address destination) implements ChecksumRule {
        public Ipv6PseudoHeader {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** Field left at 0 for the kernel to fill: IPv6 raw sockets with {@code IPV6_CHECKSUM} 6. */
    record LeftForKernel() implements ChecksumRule {
    }

    /** Shared instance of {@link MessageOnly}. */
    ChecksumRule MESSAGE_ONLY = new MessageOnly();
    /** Shared instance of {@link LeftForKernel}. */
    ChecksumRule LEFT_FOR_KERNEL = new LeftForKernel();
}
