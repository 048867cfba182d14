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
 * Several routers' state machines on one fake clock, joined by a LAN that delivers every
 * advert to every other live router after a fixed latency. Records each state change.
 */
final class SimulatedLan {

    /** One state change of one router at a fake time (relative to the start). */
    record Transition(String router, long atNanos, VrrpState from, VrrpState to) {
    }

    private final FakeScheduler clock = new FakeScheduler();
    private final long origin = clock.nanoTime();
    private final long latencyNanos;
    private final List<Router> routers = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<Sent> adverts = new ArrayList<>();

    /** One advert put on the LAN. */
    record Sent(String router, long atNanos, int priority) {
    }

    SimulatedLan(long latencyNanos) {
        this.latencyNanos = latencyNanos;
    }

    Router add(String name, InstanceSettings settings) {
        Router r = new Router(name, settings);
        routers.add(r);
        return r;
    }

    void advance(long nanos) {
        clock.advance(nanos);
    }

    long elapsed() {
        return clock.nanoTime() - origin;
    }

    List<Sent> adverts() {
        return List.copyOf(adverts);
    }

    List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    Router routerNamed(String name) {
        return routers.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
    }

    long mastersNow() {
        return routers.stream().filter(r -> r.alive && r.fsm.state() == VrrpState.MASTER).count();
    }

    /** One router: its machine, its timers, and whether its process is running. */
    final class Router {
        final String name;
        final InstanceStateMachine fsm;
        private final Map<TimerKind, Cancellable> timers = new EnumMap<>(TimerKind.class);
        private boolean alive = true;

        Router(String name, InstanceSettings settings) {
            this.name = name;
            this.fsm = new InstanceStateMachine(settings);
        }

        void input(Input input) {
            if (!alive) {
                return;
            }
            for (Effect e : fsm.handle(input, clock.nanoTime())) {
                apply(e);
            }
        }

        /** The process dies: no more adverts, no priority 0, timers gone. */
        void crash() {
            alive = false;
            timers.values().forEach(Cancellable::cancel);
            timers.clear();
        }

        private void apply(Effect effect) {
            switch (effect) {
                case Effect.SendAdvert s -> broadcast(s.priority());
                case Effect.ArmTimer a -> arm(a);
                case Effect.CancelTimer c -> {
                    Cancellable t = timers.remove(c.kind());
                    if (t != null) {
                        t.cancel();
                    }
                }
                case Effect.StateChanged s -> transitions.add(new Transition(name, elapsed(), s.from(), s.to()));
                default -> { }
            }
        }

        private void arm(Effect.ArmTimer a) {
            Cancellable old = timers.remove(a.kind());
            if (old != null) {
                old.cancel();
            }
            Input fired = Input.timerFired(a.kind());
            timers.put(a.kind(), clock.schedule(a.atNanos() - clock.nanoTime(), () -> {
                timers.remove(a.kind());
                input(fired);
            }));
        }

        private void broadcast(int priority) {
            InstanceSettings s = fsm.settings();
            Advertisement advert = s.version() == VrrpVersion.V2
                    ? Advertisement.v2(s.vrid(), priority, AuthType.NONE, AuthData.ZERO, s.advertIntervalCentis() / 100,
                            AddressFamily.IPV4, List.of())
                    : Advertisement.v3(s.vrid(), priority, s.advertIntervalCentis(), AddressFamily.IPV4, List.of());
            InetAddress source = s.primaryAddress();
            adverts.add(new Sent(name, elapsed(), priority));
            for (Router other : routers) {
                if (other != this) {
                    clock.schedule(latencyNanos, () -> other.input(
                            new Input.AdvertReceived(advert, source, new CheckVerdict.Accept(Set.of()))));
                }
            }
        }
    }
}
