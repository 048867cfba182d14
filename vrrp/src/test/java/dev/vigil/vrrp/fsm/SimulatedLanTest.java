package dev.vigil.vrrp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.VrrpVersion;
import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two routers' machines talking over a simulated LAN (1 ms latency): elections, failover
 * times and preemption as the RFC timers predict them.
 */
class SimulatedLanTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long LATENCY = MS;

    private static InstanceSettings router(int priority, String address, VrrpVersion version, int intervalCentis,
                                           boolean nopreempt) {
        return new InstanceSettings(51, version, priority, intervalCentis, false, nopreempt, 0, 3, false, false,
                GarpSettings.defaults(), 0, Inet4Address.ofLiteral(address));
    }

    private static long skewV2(int priority) {
        return (256L - priority) * SECOND / 256;
    }

    @Test
    void higherPriorityWinsTheFirstElectionAndTheOtherStaysBackup() {
        // RFC 5798 §6.1: the higher priority has the shorter skew, so its down timer fires first
        // and its advert resets the other's timer.
        SimulatedLan lan = new SimulatedLan(LATENCY);
        var a = lan.add("A", router(150, "10.0.0.1", VrrpVersion.V2, 100, false));
        var b = lan.add("B", router(100, "10.0.0.2", VrrpVersion.V2, 100, false));
        a.input(new Input.Startup(true));
        b.input(new Input.Startup(true));
        lan.advance(60 * SECOND);
        assertEquals(VrrpState.MASTER, a.fsm.state());
        assertEquals(VrrpState.BACKUP, b.fsm.state());
        assertEquals(new SimulatedLan.Transition("A", 3 * SECOND + skewV2(150), VrrpState.BACKUP, VrrpState.MASTER),
                lan.transitions().get(2));
        assertEquals(3, lan.transitions().size(), "two startups and one election, nothing after");
    }

    @Test
    void orderlyShutdownHandsOverAfterSkewTime() {
        // RFC 5798 §6.4.3 / §6.4.2: priority 0 on shutdown → the backup waits only Skew_Time.
        SimulatedLan lan = started(VrrpVersion.V2, 100);
        var a = lan.routerNamed("A");
        long stop = lan.elapsed();
        a.input(new Input.Shutdown());
        lan.advance(5 * SECOND);
        SimulatedLan.Transition takeover = lastTo(lan, "B", VrrpState.MASTER);
        assertEquals(stop + LATENCY + skewV2(100), takeover.atNanos());
    }

    @Test
    void crashedMasterIsReplacedAfterMasterDownInterval() {
        // RFC 5798 §6.4.2: no advert for Master_Down_Interval after the last one → Master.
        SimulatedLan lan = started(VrrpVersion.V2, 100);
        var a = lan.routerNamed("A");
        lan.advance(SECOND / 2);
        a.crash();
        lan.advance(10 * SECOND);
        long lastSent = lan.adverts().stream().filter(s -> s.router().equals("A"))
                .mapToLong(SimulatedLan.Sent::atNanos).max().orElseThrow();
        assertTrue(lastSent <= lan.elapsed() - 10 * SECOND, "A sent nothing after the crash");
        assertEquals(lastSent + LATENCY + 3 * SECOND + skewV2(100), lastTo(lan, "B", VrrpState.MASTER).atNanos());
    }

    @Test
    void v3FailoverAtFiftyMillisecondsMeetsTheDesignTarget() {
        // DESIGN target: VIP on the backup within 3 × advert_int + skew (+ 20 ms) for v3 at 0.05 s.
        SimulatedLan lan = started(VrrpVersion.V3, 5);
        var a = lan.routerNamed("A");
        long crash = lan.elapsed();
        a.crash();
        lan.advance(2 * SECOND);
        long takeover = lastTo(lan, "B", VrrpState.MASTER).atNanos() - crash;
        long bound = 3 * 50 * MS + (256 - 100) * 50 * MS / 256;
        assertTrue(takeover <= bound, "took " + takeover + " ns, bound " + bound);
        assertTrue(takeover > bound - 50 * MS, "not before the last advert's down interval: " + takeover);
    }

    @Test
    void returningHigherPriorityRouterPreemptsAndANopreemptOneDoesNot() {
        // RFC 5798 §6.4.2 Preempt_Mode: a higher backup discards lower adverts and takes over.
        for (boolean nopreempt : new boolean[] {false, true}) {
            SimulatedLan lan = new SimulatedLan(LATENCY);
            var low = lan.add("LOW", router(100, "10.0.0.2", VrrpVersion.V2, 100, false));
            low.input(new Input.Startup(true));
            lan.advance(10 * SECOND);
            assertEquals(VrrpState.MASTER, low.fsm.state());
            var high = lan.add("HIGH", router(200, "10.0.0.1", VrrpVersion.V2, 100, nopreempt));
            high.input(new Input.Startup(true));
            lan.advance(20 * SECOND);
            assertEquals(nopreempt ? VrrpState.BACKUP : VrrpState.MASTER, high.fsm.state(), "nopreempt=" + nopreempt);
            assertEquals(nopreempt ? VrrpState.MASTER : VrrpState.BACKUP, low.fsm.state(), "nopreempt=" + nopreempt);
            assertEquals(1, lan.mastersNow());
        }
    }

    @Test
    void equalPrioritiesElectTheHigherAddress() {
        // RFC 5798 §6.4.3: equal priority → the greater primary address stays master.
        SimulatedLan lan = new SimulatedLan(LATENCY);
        var a = lan.add("A", router(100, "10.0.0.1", VrrpVersion.V2, 100, false));
        var b = lan.add("B", router(100, "10.0.0.2", VrrpVersion.V2, 100, false));
        a.input(new Input.Startup(true));
        b.input(new Input.Startup(true));
        lan.advance(30 * SECOND);
        assertEquals(VrrpState.BACKUP, a.fsm.state());
        assertEquals(VrrpState.MASTER, b.fsm.state());
        assertEquals(1, lan.mastersNow());
    }

    /** A (150) master, B (100) backup, settled. */
    private static SimulatedLan started(VrrpVersion version, int intervalCentis) {
        SimulatedLan lan = new SimulatedLan(LATENCY);
        var a = lan.add("A", router(150, "10.0.0.1", version, intervalCentis, false));
        var b = lan.add("B", router(100, "10.0.0.2", version, intervalCentis, false));
        a.input(new Input.Startup(true));
        b.input(new Input.Startup(true));
        lan.advance(10 * SECOND);
        assertEquals(VrrpState.MASTER, a.fsm.state());
        assertEquals(VrrpState.BACKUP, b.fsm.state());
        return lan;
    }

    private static SimulatedLan.Transition lastTo(SimulatedLan lan, String router, VrrpState to) {
        List<SimulatedLan.Transition> matching = lan.transitions().stream()
                .filter(t -> t.router().equals(router) && t.to() == to).toList();
        assertTrue(!matching.isEmpty(), router + " never entered " + to);
        return matching.getLast();
    }
}
