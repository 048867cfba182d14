package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link InstanceDiff}: keepalived's instance matching at reload (vrrp_exist: VRID, family,
 * interface, unicast or multicast, unicast source) and the VIP diff of kept instances.
 */
class InstanceDiffTest {

    private static final VirtualAddress VIP_A = VirtualAddress.of(v4("10.0.0.100"), 24);
    private static final VirtualAddress VIP_B = VirtualAddress.of(v4("10.0.0.101"), 24);
    private static final VirtualAddress VIP_C = VirtualAddress.of(v4("10.0.0.102"), 24);

    private static VrrpInstanceSettings instance(String name, String iface, int vrid, List<VirtualAddress> vips) {
        return VrrpInstanceSettings.of(name, iface, vrid, VrrpVersion.V3, 100, 100, vips);
    }

    @Test
    void anUnchangedConfigurationKeepsEveryInstanceAndChangesNothing() {
        List<VrrpInstanceSettings> config = List.of(instance("VI_1", "eth0", 1, List.of(VIP_A)),
                instance("VI_2", "eth0", 2, List.of(VIP_B)));
        InstanceDiff diff = InstanceDiff.of(config, config);
        assertTrue(diff.isEmpty());
        assertEquals(2, diff.kept().size());
        assertEquals(List.of(), diff.removed());
        assertEquals(List.of(), diff.added());
        diff.kept().forEach(k -> assertFalse(k.changed()));
    }

    @Test
    void aVipAddedAndOneRemovedAreTheOnlyDifferenceOfAKeptInstance() {
        VrrpInstanceSettings before = instance("VI_1", "eth0", 1, List.of(VIP_A, VIP_B));
        VrrpInstanceSettings after = instance("VI_1", "eth0", 1, List.of(VIP_A, VIP_C));
        InstanceDiff diff = InstanceDiff.of(List.of(before), List.of(after));
        InstanceDiff.Kept kept = diff.kept().getFirst();
        assertEquals(List.of(VIP_C), kept.vipsAdded());
        assertEquals(List.of(VIP_B), kept.vipsRemoved());
        assertEquals(List.of(), kept.changes(), "VIPs are reported apart from the other keywords");
        assertEquals(1, diff.vipsAdded());
        assertEquals(1, diff.vipsRemoved());
        assertFalse(diff.isEmpty());
    }

    @Test
    void aVipWithAnotherPrefixOrDeviceIsReplaced() {
        VirtualAddress wider = VirtualAddress.of(v4("10.0.0.100"), 16);
        VirtualAddress elsewhere = new VirtualAddress(v4("10.0.0.101"), 24, Optional.empty(), Optional.of("eth1"));
        InstanceDiff.Kept kept = InstanceDiff.kept(instance("VI_1", "eth0", 1, List.of(VIP_A, VIP_B)),
                instance("VI_1", "eth0", 1, List.of(wider, elsewhere)));
        assertEquals(List.of(wider, elsewhere), kept.vipsAdded());
        assertEquals(List.of(VIP_A, VIP_B), kept.vipsRemoved());
    }

    @Test
    void aRenamedInstanceWithTheSameIdentityIsKept() {
        InstanceDiff diff = InstanceDiff.of(List.of(instance("VI_1", "eth0", 1, List.of(VIP_A))),
                List.of(instance("WEB", "eth0", 1, List.of(VIP_A))));
        assertEquals(1, diff.kept().size());
        assertEquals(List.of("name"), diff.kept().getFirst().changes());
    }

    @Test
    void otherSettingsAreReplacedInPlaceAndNamed() {
        VrrpInstanceSettings before = instance("VI_1", "eth0", 1, List.of(VIP_A));
        VrrpInstanceSettings after = VrrpInstanceSettings.of("VI_1", "eth0", 1, VrrpVersion.V3, 150, 50,
                List.of(VIP_A)).withPreempt(true, java.time.Duration.ZERO);
        InstanceDiff.Kept kept = InstanceDiff.of(List.of(before), List.of(after)).kept().getFirst();
        assertEquals(List.of("priority", "advert_int", "nopreempt"), kept.changes());
        assertTrue(kept.changed());
    }

    @Test
    void anotherVridFamilyOrInterfaceIsAnotherInstance() {
        VrrpInstanceSettings old = instance("VI_1", "eth0", 1, List.of(VIP_A));
        for (VrrpInstanceSettings other : List.of(instance("VI_1", "eth0", 2, List.of(VIP_A)),
                instance("VI_1", "eth1", 1, List.of(VIP_A)),
                instance("VI_1", "eth0", 1, List.of(VirtualAddress.of(java.net.Inet6Address.ofLiteral("fe80::100"), 64))))) {
            InstanceDiff diff = InstanceDiff.of(List.of(old), List.of(other));
            assertEquals(List.of(), diff.kept(), other.toString());
            assertEquals(List.of(old), diff.removed());
            assertEquals(List.of(other), diff.added());
        }
    }

    @Test
    void unicastAndMulticastNeverMatchAndUnicastComparesTheSource() {
        VrrpInstanceSettings multicast = instance("VI_1", "eth0", 1, List.of(VIP_A));
        List<UnicastPeer> peers = List.of(new UnicastPeer(v4("10.0.0.2"), 0, 255));
        VrrpInstanceSettings fromOne = multicast.withUnicast(v4("10.0.0.1"), peers);
        VrrpInstanceSettings fromThree = multicast.withUnicast(v4("10.0.0.3"), peers);
        assertEquals(List.of(), InstanceDiff.of(List.of(multicast), List.of(fromOne)).kept());
        assertEquals(List.of(), InstanceDiff.of(List.of(fromOne), List.of(fromThree)).kept());
        VrrpInstanceSettings otherPeers = multicast.withUnicast(v4("10.0.0.1"),
                List.of(new UnicastPeer(v4("10.0.0.9"), 0, 255)));
        InstanceDiff samesource = InstanceDiff.of(List.of(fromOne), List.of(otherPeers));
        assertEquals(List.of("unicast_peer"), samesource.kept().getFirst().changes(),
                "same source: the same instance with new peers");
    }

    @Test
    void matchingIsOneToOneAndPrefersTheSameName() {
        List<UnicastPeer> peersA = List.of(new UnicastPeer(v4("10.0.0.2"), 0, 255));
        List<UnicastPeer> peersB = List.of(new UnicastPeer(v4("10.0.0.3"), 0, 255));
        VrrpInstanceSettings a = instance("A", "eth0", 1, List.of(VIP_A)).withUnicast(v4("10.0.0.1"), peersA);
        VrrpInstanceSettings b = instance("B", "eth0", 1, List.of(VIP_B)).withUnicast(v4("10.0.0.1"), peersB);
        InstanceDiff diff = InstanceDiff.of(List.of(a, b), List.of(b, a));
        assertEquals(2, diff.kept().size());
        diff.kept().forEach(k -> assertEquals(k.before().name(), k.after().name()));
        diff.kept().forEach(k -> assertFalse(k.changed()));

        InstanceDiff shrunk = InstanceDiff.of(List.of(a, b), List.of(b));
        assertEquals(List.of(b), shrunk.kept().stream().map(InstanceDiff.Kept::after).toList());
        assertEquals(List.of(a), shrunk.removed());
    }

    @Test
    void keptInstancesFollowTheNewOrderAndTheRestIsRemovedOrAdded() {
        VrrpInstanceSettings one = instance("VI_1", "eth0", 1, List.of(VIP_A));
        VrrpInstanceSettings two = instance("VI_2", "eth0", 2, List.of(VIP_B));
        VrrpInstanceSettings three = instance("VI_3", "eth0", 3, List.of(VIP_C));
        InstanceDiff diff = InstanceDiff.of(List.of(one, two), List.of(three, two));
        assertEquals(List.of(two), diff.kept().stream().map(InstanceDiff.Kept::after).toList());
        assertEquals(List.of(one), diff.removed());
        assertEquals(List.of(three), diff.added());
    }

    private static VirtualRoute route(String destination, int length, long table) {
        return new VirtualRoute(Route.to(new AddressPrefix(v4(destination), length)).inTable(table),
                Optional.of("eth0"), false);
    }

    @Test
    void routesRulesAndExcludedVipsOfAKeptInstanceAreDiffedLikeVips() {
        VirtualRoute kept = route("10.1.0.0", 16, 254);
        VirtualRoute dropped = route("10.2.0.0", 16, 254);
        VirtualRoute moved = route("0.0.0.0", 0, 100);
        RoutingRule oldRule = RoutingRule.from(new AddressPrefix(v4("10.0.0.0"), 24), 100);
        RoutingRule newRule = RoutingRule.from(new AddressPrefix(v4("10.0.0.0"), 24), 1000);
        VirtualAddress excluded = VirtualAddress.of(v4("10.9.9.9"), 32);
        VrrpInstanceSettings before = instance("VI_1", "eth0", 1, List.of(VIP_A))
                .withRouting(new InstanceRouting(List.of(), List.of(kept, dropped), List.of(oldRule)));
        VrrpInstanceSettings after = instance("VI_1", "eth0", 1, List.of(VIP_A))
                .withRouting(new InstanceRouting(List.of(excluded), List.of(kept, moved), List.of(newRule)));
        InstanceDiff diff = InstanceDiff.of(List.of(before), List.of(after));
        InstanceDiff.Kept pair = diff.kept().getFirst();
        assertTrue(pair.changed());
        assertEquals(List.of(), pair.changes(), "routing is diffed, not reported as a changed keyword");
        assertEquals(List.of(moved), pair.routesAdded());
        assertEquals(List.of(dropped), pair.routesRemoved());
        assertEquals(List.of(newRule), pair.rulesAdded());
        assertEquals(List.of(oldRule), pair.rulesRemoved());
        assertEquals(List.of(excluded), pair.vipsAdded(), "excluded VIPs are addresses like the VIPs");
        assertEquals(2, diff.routingAdded());
        assertEquals(2, diff.routingRemoved());
    }

    @Test
    void aVipWhoseOptionsChangeIsReplaced() {
        VirtualAddress plain = VirtualAddress.of(v4("10.0.0.100"), 24);
        VirtualAddress scoped = new VirtualAddress(v4("10.0.0.100"), 24, Optional.empty(), Optional.empty(),
                new VipOptions(Optional.empty(), Optional.of(253), Optional.empty(), Set.of(), false,
                        Optional.empty()));
        InstanceDiff.Kept pair = InstanceDiff.of(List.of(instance("VI_1", "eth0", 1, List.of(plain))),
                List.of(instance("VI_1", "eth0", 1, List.of(scoped)))).kept().getFirst();
        assertEquals(List.of(scoped), pair.vipsAdded());
        assertEquals(List.of(plain), pair.vipsRemoved());
    }
}
