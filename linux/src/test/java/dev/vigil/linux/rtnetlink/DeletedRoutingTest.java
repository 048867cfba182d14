package dev.vigil.linux.rtnetlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Decoding RTM_DELROUTE / RTM_DELRULE notifications and matching them with what was added, as
 * keepalived's {@code route_is_ours} / {@code rule_is_ours} do. A notification has the layout of
 * the deletion request, so the requests stand in for the kernel's messages here (the netns test
 * has the kernel's own).
 */
class DeletedRoutingTest {

    private static final int SENDER = 4242;

    private static NetlinkMessage sent(NetlinkMessageBuilder request) {
        byte[] bytes = request.build(1, SENDER);
        return NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
    }

    private static NetlinkMessage withByte(NetlinkMessage message, int offset, int value) {
        byte[] payload = message.payload().clone();
        payload[offset] = (byte) value;
        return new NetlinkMessage(message.type(), message.flags(), message.sequence(), message.portId(), payload);
    }

    private static AddressPrefix prefix(String address, int length) throws Exception {
        return new AddressPrefix(InetAddress.getByName(address), length);
    }

    @Test
    void aDeletedRouteMatchesOnTableDestinationMetricInterfaceAndProtocol() throws Exception {
        Route added = Route.to(prefix("10.1.0.0", 16)).via(InetAddress.getByName("10.0.0.254")).dev(3).inTable(300);
        DeletedRoute deleted = DeletedRoute.decode(sent(RouteMessages.deleteRoute(added))).orElseThrow();
        assertEquals(prefix("10.1.0.0", 16), deleted.destination());
        assertEquals(300, deleted.table(), "a table above 255 comes in RTA_TABLE");
        assertEquals(SENDER, deleted.senderPort());
        assertTrue(deleted.matches(added));
        assertTrue(deleted.matches(added.via(InetAddress.getByName("10.0.0.253"))), "gateways are not compared");
        assertFalse(deleted.matches(added.inTable(301)));
        assertFalse(deleted.matches(added.dev(4)));
        assertFalse(deleted.matches(Route.to(prefix("10.1.0.0", 24)).dev(3).inTable(300)));
        assertFalse(deleted.matches(new Route(RouteType.UNICAST, added.destination(), 300, Optional.empty(),
                Route.PROTOCOL_KEEPALIVED, Optional.empty(), Optional.empty(), 3, Optional.of(5L), false, List.of())));
        assertFalse(deleted.matches(new Route(RouteType.UNICAST, added.destination(), 300, Optional.empty(),
                Route.PROTOCOL_STATIC, Optional.empty(), Optional.empty(), 3, Optional.empty(), false, List.of())));
        assertTrue(deleted.matches(added.dev(0)), "a route added without dev matches any interface");
    }

    @Test
    void aDefaultRouteHasTheZeroDestinationAndTosCounts() throws Exception {
        Route added = Route.to(prefix("0.0.0.0", 0)).inTable(100);
        NetlinkMessage message = sent(RouteMessages.deleteRoute(added));
        assertTrue(DeletedRoute.decode(message).orElseThrow().matches(added));
        assertFalse(DeletedRoute.decode(withByte(message, 3, 0x10)).orElseThrow().matches(added), "tos 0x10");
        assertTrue(DeletedRoute.decode(withByte(message, 0, 7)).isEmpty(), "another family");
        assertTrue(DeletedRoute.decode(sent(RouteMessages.newRoute(added))).isEmpty(), "an added route");
    }

    @Test
    void aDeletedRuleMatchesOnEverySelectorAndAChosenPriority() throws Exception {
        RoutingRule added = new RoutingRule(false, Optional.of(prefix("10.2.0.0", 24)),
                Optional.of(prefix("10.3.0.0", 16)), 1000, Optional.empty(), Optional.of(0x10L), Optional.empty(),
                Optional.of("eth0"), Optional.empty(), Route.PROTOCOL_KEEPALIVED);
        DeletedRule deleted = DeletedRule.decode(sent(RouteMessages.deleteRule(added))).orElseThrow();
        assertEquals(added, deleted.rule());
        assertEquals(SENDER, deleted.senderPort());
        assertTrue(deleted.matches(added));
        RoutingRule reported = new RoutingRule(false, added.from(), added.to(), 1000, Optional.of(32765L),
                Optional.of(0x10L), Optional.of(0xffff_ffffL), Optional.of("eth0"), Optional.empty(),
                Route.PROTOCOL_KEEPALIVED);
        assertTrue(new DeletedRule(reported, 0).matches(added), "the kernel's priority, the full default mask");
        assertFalse(new DeletedRule(reported, 0).matches(new RoutingRule(false, added.from(), added.to(), 1000,
                Optional.of(100L), added.fwmark(), added.fwmask(), added.inputInterface(), Optional.empty(),
                Route.PROTOCOL_KEEPALIVED)), "a priority given must be the same");
        assertFalse(deleted.matches(RoutingRule.from(prefix("10.2.0.0", 24), 1000)), "fwmark and iif differ");
    }

    @Test
    void rulesVigilNeverAddsAreNotDecoded() throws Exception {
        NetlinkMessage message = sent(RouteMessages.deleteRule(RoutingRule.from(prefix("10.2.0.0", 24), 100)));
        assertTrue(DeletedRule.decode(message).isPresent());
        assertTrue(DeletedRule.decode(withByte(message, 7, 6)).isEmpty(), "action blackhole");
        assertTrue(DeletedRule.decode(withByte(message, 8, 2)).isEmpty(), "not (FIB_RULE_INVERT)");
        assertTrue(DeletedRule.decode(withByte(message, 3, 0x10)).isEmpty(), "tos");
        NetlinkMessage withGoto = sent(RouteMessages.deleteRule(RoutingRule.from(prefix("10.2.0.0", 24), 100))
                .u32(4, 5));
        assertTrue(DeletedRule.decode(withGoto).isEmpty(), "a selector or action RoutingRule has no field for");
    }
}
