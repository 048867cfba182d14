package dev.vigil.vrrp.fsm;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.common.time.Scheduler.Cancellable;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.CheckVerdict;
import dev.vigil.vrrp.codec.VrrpVersion;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link InstanceStateMachine} the way the runtime will: {@code ArmTimer} and
 * {@code CancelTimer} become {@link FakeScheduler} tasks whose expiry is fed back as the
 * matching input; every other effect is recorded with the time it happened.
 */
final class FsmDriver {

    /** An effect and the fake time at which the machine produced it. */
    record Timed(long atNanos, Effect effect) {
    }

    private final FakeScheduler clock = new FakeScheduler();
    private final InstanceStateMachine fsm;
    private final Map<TimerKind, Cancellable> timers = new EnumMap<>(TimerKind.class);
    private final List<Timed> recorded = new ArrayList<>();
    private final long origin = clock.nanoTime();

    FsmDriver(InstanceSettings settings) {
        this.fsm = new InstanceStateMachine(settings);
    }

    InstanceStateMachine fsm() {
        return fsm;
    }

    /** Nanoseconds since the driver was created. */
    long elapsed() {
        return clock.nanoTime() - origin;
    }

    long now() {
        return clock.nanoTime();
    }

    /** Feeds an input now and returns its immediate effects (timers included). */
    List<Effect> input(Input input) {
        return run(fsm.handle(input, clock.nanoTime()));
    }

    /** A reload with new settings now ({@link InstanceStateMachine#reconfigure}). */
    List<Effect> reconfigure(InstanceSettings next, boolean addressesAdded) {
        return run(fsm.reconfigure(next, addressesAdded, clock.nanoTime()));
    }

    private List<Effect> run(List<Effect> effects) {
        for (Effect e : effects) {
            recorded.add(new Timed(clock.nanoTime() - origin, e));
            switch (e) {
                case Effect.ArmTimer arm -> arm(arm);
                case Effect.CancelTimer cancel -> {
                    Cancellable pending = timers.remove(cancel.kind());
                    if (pending != null) {
                        pending.cancel();
                    }
                }
                default -> { }
            }
        }
        return effects;
    }

    private void arm(Effect.ArmTimer arm) {
        Cancellable previous = timers.remove(arm.kind());
        if (previous != null) {
            previous.cancel();
        }
        Input fired = Input.timerFired(arm.kind());
        timers.put(arm.kind(), clock.schedule(arm.atNanos() - clock.nanoTime(), () -> {
            timers.remove(arm.kind());
            input(fired);
        }));
    }

    void advance(long nanos) {
        clock.advance(nanos);
    }

    /** Effects produced so far, oldest first, then forgotten. */
    List<Timed> drain() {
        List<Timed> out = List.copyOf(recorded);
        recorded.clear();
        return out;
    }

    /** Drained effects without timer bookkeeping, for assertions about what the runtime does. */
    List<Effect> drainActions() {
        return drain().stream().map(Timed::effect)
                .filter(e -> !(e instanceof Effect.ArmTimer) && !(e instanceof Effect.CancelTimer))
                .toList();
    }

    /** Delivers an accepted advert from {@code source}. */
    List<Effect> advert(int priority, InetAddress source) {
        return advert(priority, source, fsm.settings().advertIntervalCentis());
    }

    List<Effect> advert(int priority, InetAddress source, int intervalCentis) {
        return input(new Input.AdvertReceived(advertisement(priority, intervalCentis), source,
                new CheckVerdict.Accept(Set.of())));
    }

    Advertisement advertisement(int priority, int intervalCentis) {
        InstanceSettings s = fsm.settings();
        return s.version() == VrrpVersion.V2
                ? Advertisement.v2(s.vrid(), priority, AuthType.NONE, AuthData.ZERO, intervalCentis / 100,
                        AddressFamily.IPV4, List.of())
                : Advertisement.v3(s.vrid(), priority, intervalCentis, AddressFamily.IPV4, List.of());
    }
}
