package dev.vigil.vrrp.codec;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** Outcome of {@link VrrpDecoder#decode}: an advertisement, or the reason it was refused. */
public sealed interface DecodeResult {

    /**
     * A well-formed advertisement with what the IP layer said about it.
     *
     * @param advert      the advertisement
     * @param source      IP source (the master's address, used for tie-breaks and unicast checks)
     * @param destination IP destination (group or unicast)
     * @param hopLimit    TTL / hop limit, or {@link RxMeta#UNKNOWN_HOP_LIMIT}
     * @param checksum    which checksum form matched
     * @param ipsecAh     the IPsec AH header, when the packet came as IPv4 protocol 51
     */
    record Decoded(Advertisement advert, InetAddress source, InetAddress destination, int hopLimit,
                   ChecksumMatch checksum, Optional<ReceivedAh> ipsecAh) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(advert, "advert");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(ipsecAh, "ipsecAh");
        }

        /** A packet without an AH header. */
        public Decoded(Advertisement advert, InetAddress source, InetAddress destination, int hopLimit,
                       ChecksumMatch checksum) {
            this(advert, source, destination, hopLimit, checksum, Optional.empty());
        }

        /** Whether it was sent to a multicast group rather than to one peer. */
        public boolean multicast() {
            return destination.isMulticastAddress();
        }
    }

    /**
     * A refused packet.
     *
     * @param reason what failed
     * @param detail the numbers involved, for a log line
     */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
