package dev.vigil.vrrp.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.CheckVerdict;
import dev.vigil.vrrp.codec.ChecksumMatch;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.Effect;
import dev.vigil.vrrp.fsm.Input;
import dev.vigil.vrrp.fsm.TimerKind;
import dev.vigil.vrrp.sync.GroupEffect;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.ScriptStatus;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link Scenario} against the real state machines, trackers and sync groups on a fake
 * clock. Armed timers fire, in deadline order, when an {@code at} line moves the clock past
 * them, and their expiry is fed back as the matching input, as the runtime will do. Every
 * effect is rendered as one line of text and queued; {@code expect} lines consume the queue in
 * order and an {@code at} line fails if anything is left unexpected.
 */
final class ScenarioRunner {

    private static final InetAddress MULTICAST = Inet4Address.ofLiteral("224.0.0.18");
    private static final int TTL = 255;

    private final Scenario scenario;
    private final ScenarioWorld world;
    private final boolean prefixed;
    /** (member, timer kind) → deadline; insertion order breaks ties. */
    private final Map<String, Long> timers = new LinkedHashMap<>();
    private final Deque<String> produced = new ArrayDeque<>();
    private long now;

    ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
        this.world = new ScenarioWorld(scenario);
        this.prefixed = scenario.instances().size() > 1 || !scenario.groups().isEmpty();
    }

    void run() {
        for (ScenarioWorld.Router r : world.routers.values()) {
            for (Input in : r.tracking().initialInputs()) {
                produce(r.name(), "Tracker(" + renderInput(in) + ")");
                dispatch(r.name(), in);
            }
        }
        for (Scenario.Step step : scenario.steps()) {
            String where = scenario.file() + ":" + step.line();
            switch (step) {
                case Scenario.At at -> {
                    assertNothingLeft(where);
                    advanceTo(at.atNanos(), where);
                    if (!at.input().isEmpty()) {
                        feed(at.who(), at.input(), where);
                    }
                }
                case Scenario.Expect e -> expect(e, where);
                case Scenario.Check c -> check(c, where);
            }
        }
        assertNothingLeft(scenario.file() + ": end");
    }

    private void expect(Scenario.Expect e, String where) {
        if (e.who() == null && e.effect().equals("nothing")) {
            assertNothingLeft(where);
            return;
        }
        String expected = e.who() == null ? e.effect() : e.who() + " " + e.effect();
        if (produced.isEmpty()) {
            fail(where + ": expected " + expected + " but nothing more happened");
        }
        String actual = produced.removeFirst();
        assertEquals(normalize(expected), normalize(actual), where + ": expected " + expected + ", got " + actual
                + (produced.isEmpty() ? "" : "; then " + produced));
    }

    private void check(Scenario.Check c, String where) {
        String actual;
        if (c.what().equals("priority")) {
            actual = String.valueOf(router(c.who(), where).fsm().effectivePriority());
        } else if (world.groups.containsKey(c.who())) {
            actual = world.groups.get(c.who()).state().name();
        } else {
            actual = router(c.who(), where).fsm().state().name();
        }
        assertEquals(c.value(), actual, where + ": " + c.what() + " of " + c.who());
    }

    private void assertNothingLeft(String where) {
        if (!produced.isEmpty()) {
            fail(where + ": unexpected effects " + produced);
        }
    }

    private void advanceTo(long target, String where) {
        if (target < now) {
            fail(where + ": time goes backwards");
        }
        while (true) {
            Optional<Map.Entry<String, Long>> next = timers.entrySet().stream()
                    .filter(t -> t.getValue() <= target)
                    .min(Map.Entry.comparingByValue());
            if (next.isEmpty()) {
                break;
            }
            String key = next.get().getKey();
            now = next.get().getValue();
            timers.remove(key);
            int slash = key.indexOf('/');
            dispatch(key.substring(0, slash), Input.timerFired(TimerKind.valueOf(key.substring(slash + 1))));
        }
        now = target;
    }

    private void feed(String who, String text, String where) {
        InputText in = InputText.parse(text);
        switch (in.name()) {
            case "Interface" -> {
                boolean up = in.arg(1).equals("up");
                world.routers.values().forEach(r -> tracked(r, r.tracking().interfaceChanged(in.arg(0), up)));
            }
            case "Script" -> script(in.arg(0), in.arg(1));
            case "File" -> world.routers.values()
                    .forEach(r -> tracked(r, r.tracking().fileChanged(in.arg(0), Long.parseLong(in.arg(1)))));
            case "Advert" -> advert(router(who, where), in);
            default -> dispatch(router(who, where).name(), in.toInput());
        }
    }

    private void script(String name, String result) {
        ScriptOutcome outcome = switch (result) {
            case "ok" -> ScriptOutcome.exited(0);
            case "fail" -> ScriptOutcome.exited(1);
            case "timeout" -> ScriptOutcome.timedOut();
            default -> throw new IllegalArgumentException("script result is ok, fail or timeout: " + result);
        };
        Optional<ScriptStatus> changed = world.scripts.get(name).record(outcome);
        changed.ifPresent(status -> world.routers.values()
                .forEach(r -> tracked(r, r.tracking().scriptChanged(name, status))));
    }

    private void tracked(ScenarioWorld.Router r, List<Input> inputs) {
        for (Input in : inputs) {
            produce(r.name(), "Tracker(" + renderInput(in) + ")");
            dispatch(r.name(), in);
        }
    }

    /** Builds the advert, runs the instance's real checker on it, and feeds the verdict. */
    private void advert(ScenarioWorld.Router r, InputText in) {
        InetAddress from = Inet4Address.ofLiteral(in.option("from", null));
        int priority = Integer.parseInt(in.option("prio", null));
        int interval = (int) (TimeText.parse(in.option("interval", TimeText.format(
                r.settings().advertIntervalCentis() * 10_000_000L))) / 10_000_000L);
        int count = Integer.parseInt(in.option("addresses", String.valueOf(r.vips().size())));
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(i < r.vips().size() ? r.vips().get(i) : Inet4Address.ofLiteral("172.16.0." + (i + 1)));
        }
        int vrid = r.settings().vrid();
        Advertisement advert = r.settings().version() == VrrpVersion.V2
                ? Advertisement.v2(vrid, priority, AuthType.NONE, AuthData.ZERO, interval / 100, AddressFamily.IPV4,
                        addresses)
                : Advertisement.v3(vrid, priority, interval, AddressFamily.IPV4, addresses);
        DecodeResult.Decoded decoded = new DecodeResult.Decoded(advert, from, MULTICAST, TTL,
                ChecksumMatch.PSEUDO_HEADER);
        CheckVerdict verdict = r.checker().check(decoded, r.fsm().effectivePriority(),
                r.fsm().wantsVipCheck(from, false));
        if (!(verdict instanceof CheckVerdict.Accept a) || !a.notes().isEmpty()) {
            produce(r.name(), "Checked(" + EffectText.verdict(verdict) + ")");
        }
        dispatch(r.name(), new Input.AdvertReceived(advert, from, verdict));
    }

    private void dispatch(String member, Input input) {
        String group = world.groupOf.get(member);
        if (group == null) {
            world.routers.get(member).fsm().handle(input, now).forEach(e -> effect(member, e));
            return;
        }
        for (GroupEffect ge : world.groups.get(group).handle(member, input, now)) {
            switch (ge) {
                case GroupEffect.Member m -> effect(m.member(), m.effect());
                case GroupEffect.GroupStateChanged g ->
                        produce(g.group(), "GroupStateChanged(" + g.from() + ", " + g.to() + ")");
            }
        }
    }

    private void effect(String member, Effect e) {
        switch (e) {
            case Effect.ArmTimer arm -> {
                timers.remove(member + "/" + arm.kind());
                timers.put(member + "/" + arm.kind(), arm.atNanos());
            }
            case Effect.CancelTimer cancel -> timers.remove(member + "/" + cancel.kind());
            default -> { }
        }
        boolean timer = e instanceof Effect.ArmTimer || e instanceof Effect.CancelTimer;
        if (!timer || scenario.showTimers()) {
            produce(member, EffectText.render(e));
        }
    }

    private void produce(String who, String text) {
        produced.addLast(prefixed ? who + " " + text : text);
    }

    private ScenarioWorld.Router router(String who, String where) {
        if (who == null) {
            if (world.routers.size() != 1) {
                fail(where + ": name the instance");
            }
            return world.routers.values().iterator().next();
        }
        return world.routers.get(who);
    }

    private static String renderInput(Input in) {
        return switch (in) {
            case Input.PriorityChanged p -> "PriorityChanged(" + p.totalPriority() + ")";
            case Input.FaultChanged f -> "FaultChanged(" + (f.faulted() ? "on" : "off") + ")";
            case Input.LinkChanged l -> "LinkChanged(" + (l.up() ? "up" : "down") + ")";
            default -> in.toString();
        };
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", "");
    }
}
