package dev.vigil.vrrp.fsm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The deadline the state machine last armed for each {@link TimerKind}, mirrored by
 * {@link Effect.ArmTimer} / {@link Effect.CancelTimer} effects so the runtime's timers and the
 * machine's view never drift. A timer input counts only if it is {@link #due} — armed and not
 * early — which makes stale expiries harmless. Not thread-safe (owned by one machine).
 */
final class Deadlines {

    private final Map<TimerKind, Long> armed = new EnumMap<>(TimerKind.class);

    void arm(TimerKind kind, long atNanos, List<Effect> out) {
        armed.put(kind, atNanos);
        out.add(new Effect.ArmTimer(kind, atNanos));
    }

    /** Forgets the deadline and always tells the runtime to cancel. */
    void cancel(TimerKind kind, List<Effect> out) {
        armed.remove(kind);
        out.add(new Effect.CancelTimer(kind));
    }

    /** Cancels only a pending timer, so optional timers add no noise to the effects. */
    void cancelIfPending(TimerKind kind, List<Effect> out) {
        if (armed.remove(kind) != null) {
            out.add(new Effect.CancelTimer(kind));
        }
    }

    boolean pending(TimerKind kind) {
        return armed.containsKey(kind);
    }

    /** The deadline of a pending timer; only call when {@link #pending}. */
    long at(TimerKind kind) {
        return armed.get(kind);
    }

    /** Whether the timer was armed and {@code now} has reached it; if so it is consumed. */
    boolean due(TimerKind kind, long now) {
        Long at = armed.get(kind);
        if (at == null || now < at) {
            return false;
        }
        armed.remove(kind);
        return true;
    }
}
