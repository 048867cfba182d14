package dev.vigil.vrrp.fsm;

import dev.vigil.vrrp.codec.VrrpVersion;
import java.net.Inet4Address;
import java.net.InetAddress;

/** A mutable builder over {@link InstanceSettings} for tests; keepalived defaults to start with. */
final class Settings {

    static final InetAddress ME = Inet4Address.ofLiteral("10.0.0.5");
    static final InetAddress LOWER_PEER = Inet4Address.ofLiteral("10.0.0.4");
    static final InetAddress HIGHER_PEER = Inet4Address.ofLiteral("10.0.0.6");

    VrrpVersion version = VrrpVersion.V2;
    int priority = 100;
    int intervalCentis = 100;
    boolean startAsMaster;
    boolean nopreempt;
    long preemptDelayNanos;
    int downTimerAdverts = 3;
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;
    GarpSettings garp = GarpSettings.defaults();
    long startupDelayNanos;

    /** Same garp settings but with {@code lowerPrioRepeat} replaced. */
    void lowerPrioRepeat(int repeat) {
        garp = new GarpSettings(garp.masterRepeat(), garp.masterDelayNanos(), garp.masterRefreshNanos(),
                garp.masterRefreshRepeat(), repeat, garp.lowerPrioDelayNanos());
    }

    InstanceSettings build() {
        return new InstanceSettings(51, version, priority, intervalCentis, startAsMaster, nopreempt,
                preemptDelayNanos, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert, garp,
                startupDelayNanos, ME);
    }

    FsmDriver driver() {
        return new FsmDriver(build());
    }
}
