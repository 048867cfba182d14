package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.CheckVerdict;
import java.net.InetAddress;
import java.util.Objects;

/** Everything that can happen to an instance; timer expiries are inputs too. */
public sealed interface Input {

    /** The input the runtime feeds back when a timer of {@code kind} expires. */
    static Input timerFired(TimerKind kind) {
        return switch (kind) {
            case MASTER_DOWN -> new MasterDownTimerFired();
            case ADVERT -> new AdvertTimerFired();
            case GARP_DELAY -> new GarpDelayTimerFired();
            case GARP_REFRESH -> new GarpRefreshTimerFired();
            case GARP_LOWER_PRIO_DELAY -> new LowerPriorityGarpTimerFired();
            case ROGUE_OWNER -> new RogueOwnerTimerFired();
        };
    }

    /** Start (or restart after {@link Shutdown}); {@code linkUp} false starts in FAULT. */
    record Startup(boolean linkUp) implements Input {
    }

    /**
     * An advertisement for this instance's VRID that the decoder accepted, with the instance
     * checker's verdict. Only {@link CheckVerdict.Accept} changes anything; drops and rejects
     * are passed in so the machine can state that they do not reset timers.
     */
    record AdvertReceived(Advertisement advert, InetAddress source, CheckVerdict verdict) implements Input {
        public AdvertReceived {
            Objects.requireNonNull(advert, "advert");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** The {@link TimerKind#MASTER_DOWN} timer expired. */
    record MasterDownTimerFired() implements Input {
    }

    /** The {@link TimerKind#ADVERT} timer expired. */
    record AdvertTimerFired() implements Input {
    }

    /** The {@link TimerKind#GARP_DELAY} timer expired. */
    record GarpDelayTimerFired() implements Input {
    }

    /** The {@link TimerKind#GARP_REFRESH} timer expired ({@code garp_master_refresh}). */
    record GarpRefreshTimerFired() implements Input {
    }

    /** The {@link TimerKind#GARP_LOWER_PRIO_DELAY} timer expired ({@code garp_lower_prio_delay}). */
    record LowerPriorityGarpTimerFired() implements Input {
    }

    /** The {@link TimerKind#ROGUE_OWNER} timer expired: the other address owner stopped advertising. */
    record RogueOwnerTimerFired() implements Input {
    }

    /**
     * Trackers changed the total priority (base ± weights). The machine clamps it to 1..254 and
     * ignores it for an address owner, as keepalived does ({@code vrrp_set_effective_priority}).
     */
    record PriorityChanged(int totalPriority) implements Input {
    }

    /**
     * The instance's own interface went down or came back (keepalived's interface fault flag).
     * Independent of {@link FaultChanged}: the instance is in FAULT while either says so.
     */
    record LinkChanged(boolean up) implements Input {
    }

    /**
     * The instance's trackers (weight-0 interfaces, scripts, files, or a tracker result below
     * -253) now hold it in FAULT, or no longer do (keepalived's VRRP_FAULT_FL_TRACKER). Sent by
     * {@code dev.vigil.vrrp.track.InstanceTracking}; may arrive before {@link Startup}.
     *
     * @param reason which trackers, for logs ("" when cleared)
     */
    record FaultChanged(boolean faulted, String reason) implements Input {
        public FaultChanged {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One of the master's virtual addresses (without {@code no_track}) was deleted behind the
     * daemon's back. keepalived ({@code set_vrrp_backup}) then leaves MASTER as if it stopped
     * (priority 0 advert, VIPs released, BACKUP) and comes back after only Skew_Time when no
     * other router takes over, which puts the address back. Ignored in other states.
     *
     * @param address the deleted address, for logs
     */
    record VirtualAddressDeleted(String address) implements Input {
        public VirtualAddressDeleted {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * One of the master's virtual routes or rules (tracked: a route with {@code dev}, a rule, and
     * neither with {@code no_track}) was deleted behind the daemon's back. keepalived handles it
     * as a deleted address ({@code set_vrrp_backup}): the master resigns and comes back after
     * Skew_Time, which puts the entry back. Ignored in other states.
     *
     * @param entry the deleted route or rule, for logs
     */
    record RoutingDeleted(String entry) implements Input {
        public RoutingDeleted {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * Orderly stop: a master resigns with priority 0 (RFC 5798 §6.4.3).
     *
     * @param reason {@link TransitionReason#SHUTDOWN}, or {@link TransitionReason#DELETED} when a
     *               reload removed the instance
     */
    record Shutdown(TransitionReason reason) implements Input {
        public Shutdown {
            Objects.requireNonNull(reason, "reason");
        }

        /** The daemon stops. */
        public Shutdown() {
            this(TransitionReason.SHUTDOWN);
        }
    }
}
