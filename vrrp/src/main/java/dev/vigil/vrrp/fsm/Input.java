package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.CheckVerdict;
import java.net.InetAddress;
import java.util.Objects;

/** Everything that can happen to an instance; timer expiries are inputs too. */
public sealed interface Input {

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

    /**
     * Trackers changed the total priority (base ± weights). The machine clamps it to 1..254 and
     * ignores it for an address owner, as keepalived does ({@code vrrp_set_effective_priority}).
     */
    record PriorityChanged(int totalPriority) implements Input {
    }

    /** The interface (or a weight-0 tracker) went down or came back. */
    record LinkChanged(boolean up) implements Input {
    }

    /** Orderly stop: a master resigns with priority 0 (RFC 5798 §6.4.3). */
    record Shutdown() implements Input {
    }
}
