package dev.vigil.vrrp.fsm;

import java.net.InetAddress;
import java.util.Objects;

/** What the runtime must do after an input, in the order given. */
public sealed interface Effect {

    /** Send one advertisement with this priority (0 = resigning). */
    record SendAdvert(int priority) implements Effect {
    }

    /** Add the virtual addresses (and eVIPs, routes, rules) to the interface. */
    record AddVips() implements Effect {
    }

    /** Remove the virtual addresses. */
    record RemoveVips() implements Effect {
    }

    /**
     * Send a burst of {@code count} gratuitous ARPs / unsolicited NAs for the VIPs, spaced by
     * {@code vrrp_garp_interval} / {@code vrrp_gna_interval} (the runtime's business).
     */
    record SendGratuitous(GratuitousReason reason, int count) implements Effect {
        public SendGratuitous {
            Objects.requireNonNull(reason, "reason");
            if (count < 1) {
                throw new IllegalArgumentException("a burst has at least one packet: " + count);
            }
        }
    }

    /** (Re)arm the timer of this kind to fire at {@code atNanos}; replaces a pending one. */
    record ArmTimer(TimerKind kind, long atNanos) implements Effect {
        public ArmTimer {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Cancel the timer of this kind if pending. */
    record CancelTimer(TimerKind kind) implements Effect {
        public CancelTimer {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The instance changed state. */
    record StateChanged(VrrpState from, VrrpState to, TransitionReason reason) implements Effect {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A master heard a lower-priority advert (keepalived's MASTER_RX_LOWER_PRI notify). */
    record MasterReceivedLowerPriority(InetAddress source, int priority) implements Effect {
        public MasterReceivedLowerPriority {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * Two routers claim to own the addresses (both priority 255); keepalived logs it as a
     * configuration error (vrrp.c vrrp_state_master_rx).
     *
     * @param backingOff true when we give up and drop to priority 254
     */
    record AddressOwnerConflict(InetAddress peer, boolean backingOff) implements Effect {
        public AddressOwnerConflict {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /** Why gratuitous ARPs are sent. */
    enum GratuitousReason {
        /** First burst on becoming master. */
        BECAME_MASTER,
        /** Second burst, {@code garp_master_delay} later. */
        MASTER_DELAY,
        /** Periodic burst while master ({@code garp_master_refresh}). */
        MASTER_REFRESH,
        /** A lower-priority master appeared ({@code garp_lower_prio_repeat}). */
        LOWER_PRIORITY_ADVERT,
        /** Second lower-priority burst, {@code garp_lower_prio_delay} later. */
        LOWER_PRIORITY_DELAY,
        /** A sync-group peer heard a lower-priority advert (vrrp.c: every member refreshes). */
        SYNC_GROUP_LOWER_PRIORITY,
        /** A reload added VIPs to a master (keepalived clear_diff_vrrp: a burst for every VIP). */
        ADDRESSES_ADDED
    }
}
