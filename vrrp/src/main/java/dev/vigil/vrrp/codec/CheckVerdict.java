package dev.vigil.vrrp.codec;

import java.util.Objects;
import java.util.Set;

/**
 * {@link AdvertChecker}'s answer, in keepalived's terms (reference §2.4): OK, DROP ("not
 * relevant", not counted as an error) or KO (invalid, counted and logged once per reason).
 * Neither a drop nor a reject resets the backup's down timer.
 */
public sealed interface CheckVerdict {

    /**
     * Accepted. {@code notes} lists what keepalived logs or counts without refusing the packet.
     */
    record Accept(Set<AcceptNote> notes) implements CheckVerdict {
        public Accept {
            notes = Set.copyOf(notes);
        }
    }

    /** Ignored as not relevant (keepalived VRRP_PACKET_DROP). */
    record Drop(CheckReason reason, String detail) implements CheckVerdict {
        public Drop {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Invalid (keepalived VRRP_PACKET_KO). */
    record Reject(CheckReason reason, String detail) implements CheckVerdict {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Whether the packet goes on to the state machine. */
    default boolean accepted() {
        return this instanceof Accept;
    }

    /** Things keepalived notes about an accepted advertisement. */
    enum AcceptNote {
        /** v3 interval differs from ours: logged only; a backup adopts it (check #13). */
        INTERVAL_DIFFERS,
        /** Address count differs from our VIP count: logged, {@code addr_list_err} (check #17). */
        ADDRESS_COUNT_DIFFERS,
        /** One of our VIPs is not in the advertisement: logged, {@code addr_list_err} (check #18). */
        VIP_MISSING,
        /** Priority 0, the master is resigning: {@code pri_zero_rcvd} (check #20). */
        PRIORITY_ZERO
    }

    /** Why an advertisement was dropped or rejected by the instance's configuration. */
    enum CheckReason {
        /** Packet's auth type, or the presence of an AH header, differs from the configured one (checks #1, #7). */
        AUTH_TYPE_MISMATCH,
        /** Version differs from the instance's (check #4). */
        VERSION_MISMATCH,
        /** PASS password differs (check #8). */
        AUTH_FAILURE,
        /** The AH header protects another protocol than VRRP: dropped (check #9). */
        AH_NOT_VRRP,
        /** AH ICV (HMAC-MD5-96) differs: another password, or the packet changed (check #9, {@code auth_failure}). */
        AH_ICV_MISMATCH,
        /** AH SPI is not the packet's source address (check #9, {@code auth_failure}). */
        AH_SPI_MISMATCH,
        /** AH sequence number not above the instance's counter: a replay (check #9, {@code auth_failure}). */
        AH_SEQUENCE_REPLAYED,
        /** v2 interval differs from ours: dropped (check #10, RFC 3768 §7.1). */
        INTERVAL_MISMATCH,
        /** Multicast packet on a unicast instance or the reverse (check #15). */
        UNICAST_MULTICAST_MISMATCH,
        /** We own the addresses and {@code owner_ignore_adverts} is set: dropped (check #16). */
        OWNER_IGNORES_ADVERTS,
        /** Unicast source is not a configured peer (check #19). */
        UNKNOWN_UNICAST_SOURCE,
        /** TTL / hop limit outside the peer's {@code min_ttl}..{@code max_ttl}: dropped (check #19). */
        TTL_OUTSIDE_PEER_RANGE
    }
}
