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

    /** Send gratuitous ARPs / unsolicited NAs for the VIPs. */
    record SendGratuitous(GratuitousReason reason) implements Effect {
        public SendGratuitous {
            Objects.requireNonNull(reason, "reason");
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

    /** Why gratuitous ARPs are sent. */
    enum GratuitousReason {
        /** First burst on becoming master. */
        BECAME_MASTER,
        /** Second burst, {@code garp_master_delay} later. */
        MASTER_DELAY,
        /** A lower-priority master appeared ({@code garp_lower_prio_repeat}). */
        LOWER_PRIORITY_ADVERT
    }
}
