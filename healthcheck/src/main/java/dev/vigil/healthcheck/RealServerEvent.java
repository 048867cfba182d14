package dev.vigil.healthcheck;

import java.util.Objects;

/**
 * A real server's health as the union of its checkers, for the daemon's desired IPVS table
 * and its notifiers ({@code notify_up}/{@code notify_down}, SMTP, FIFO).
 */
public sealed interface RealServerEvent {

    /** The real server as the daemon named it. */
    String realServer();

    /** Every checker is up again; {@code cause} is the event of the checker that completed it. */
    record Alive(String realServer, CheckEvent cause) implements RealServerEvent {
        public Alive {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A checker failed, so the server is out of service (or, with inhibit_on_failure, at weight
     * 0; the daemon decides). {@code initial} marks the first failed check of an alpha checker
     * on a server that was never in service: keepalived runs the down notifiers then too.
     */
    record Dead(String realServer, CheckEvent cause, boolean initial) implements RealServerEvent {
        public Dead {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** The effective weight changed (MISC_CHECK misc_dynamic). */
    record WeightChanged(String realServer, int from, int to) implements RealServerEvent {
        public WeightChanged {
            Objects.requireNonNull(realServer, "realServer");
        }
    }
}
