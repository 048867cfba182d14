package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.daemon.adapt.TestConfigs;
import dev.vigil.daemon.controller.ServerDiff;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RouteType;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.runtime.InstanceDiff;
import dev.vigil.vrrp.runtime.InstanceRouting;
import dev.vigil.vrrp.runtime.Reconfiguration;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VirtualRoute;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-line answer of a reload. */
class ReloadSummaryTest {

    private static VrrpInstanceSettings instance(int priority, String... vips) {
        return VrrpInstanceSettings.of("VI_1", "eth0", 1, VrrpVersion.V3, priority, 100,
                java.util.Arrays.stream(vips).map(v -> VirtualAddress.of(Inet4Address.ofLiteral(v), 24)).toList());
    }

    private static Reconfiguration vrrp(InstanceDiff diff) {
        return new Reconfiguration(diff, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static List<VirtualServerPlan> plans(String... realServers) {
        StringBuilder text = new StringBuilder("virtual_server 10.0.0.1 80 {\n    lb_algo rr\n    lb_kind NAT\n");
        for (String rs : realServers) {
            text.append("    real_server ").append(rs).append(" 80 {\n        weight 1\n    }\n");
        }
        return TestConfigs.plans(text.append("}\n").toString()).plans();
    }

    @Test
    void nothingChanged() {
        InstanceDiff same = InstanceDiff.of(List.of(instance(100, "10.0.0.100")), List.of(instance(100, "10.0.0.100")));
        ServerDiff none = ServerDiff.of(plans("10.1.0.1"), plans("10.1.0.1"));
        assertEquals("reloaded: nothing changed",
                new ReloadSummary(Optional.of(vrrp(same)), 0, Optional.of(none), 0).text());
        assertEquals("reloaded: nothing changed", new ReloadSummary(Optional.empty(), 0, Optional.empty(), 0).text());
    }

    @Test
    void countsAndNamesWhatChanged() {
        InstanceDiff vips = InstanceDiff.of(List.of(instance(100, "10.0.0.100")),
                List.of(instance(120, "10.0.0.100", "10.0.0.101")));
        ServerDiff servers = ServerDiff.of(plans("10.1.0.1", "10.1.0.2"), plans("10.1.0.1"));
        assertEquals("reloaded: 1 VIP added, VI_1 changed (priority), 1 real server removed",
                new ReloadSummary(Optional.of(vrrp(vips)), 0, Optional.of(servers), 0).text());
        assertEquals("reloaded: VRRP started with 2 instances, health checks started with 1 virtual server",
                new ReloadSummary(Optional.empty(), 2, Optional.empty(), 1).text());
    }

    @Test
    void routesAndRulesAreCounted() {
        VirtualRoute blackhole = new VirtualRoute(Route.to(new AddressPrefix(Inet4Address.ofLiteral("10.6.0.0"), 16))
                .ofType(RouteType.BLACKHOLE), Optional.empty(), false);
        RoutingRule rule = RoutingRule.from(new AddressPrefix(Inet4Address.ofLiteral("10.0.0.0"), 24), 100);
        InstanceDiff routing = InstanceDiff.of(List.of(instance(100, "10.0.0.100")),
                List.of(instance(100, "10.0.0.100").withRouting(new InstanceRouting(List.of(), List.of(blackhole),
                        List.of(rule)))));
        assertEquals("reloaded: 1 virtual route added, 1 virtual rule added",
                new ReloadSummary(Optional.of(vrrp(routing)), 0, Optional.empty(), 0).text());
    }
}
