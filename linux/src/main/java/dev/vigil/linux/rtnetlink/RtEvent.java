package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.netlink.NetlinkMessage;
import java.util.Optional;

/** A link, address, route or rule notification from rtnetlink. */
public sealed interface RtEvent {

    /** RTM_NEWLINK: a link appeared or changed (flags, carrier, MTU, name...). */
    record LinkChanged(Link link) implements RtEvent {
    }

    /** RTM_DELLINK: a link was removed. */
    record LinkRemoved(Link link) implements RtEvent {
    }

    /** RTM_NEWADDR: an address was added (or its flags changed). */
    record AddressAdded(InterfaceAddress address) implements RtEvent {
    }

    /** RTM_DELADDR: an address was removed. */
    record AddressRemoved(InterfaceAddress address) implements RtEvent {
    }

    /** RTM_DELROUTE: a route was removed. */
    record RouteRemoved(DeletedRoute route) implements RtEvent {
    }

    /** RTM_DELRULE: a policy rule was removed. */
    record RuleRemoved(DeletedRule rule) implements RtEvent {
    }

    /** Decodes a notification; empty for other message types or malformed ones. Pure. */
    static Optional<RtEvent> decode(NetlinkMessage message) {
        return switch (message.type()) {
            case RtMessages.RTM_NEWLINK -> RtMessages.decodeLink(message).map(LinkChanged::new);
            case RtMessages.RTM_DELLINK -> RtMessages.decodeLink(message).map(LinkRemoved::new);
            case RtMessages.RTM_NEWADDR -> RtMessages.decodeAddress(message).map(AddressAdded::new);
            case RtMessages.RTM_DELADDR -> RtMessages.decodeAddress(message).map(AddressRemoved::new);
            case RouteMessages.RTM_DELROUTE -> DeletedRoute.decode(message).map(RouteRemoved::new);
            case RouteMessages.RTM_DELRULE -> DeletedRule.decode(message).map(RuleRemoved::new);
            default -> Optional.empty();
        };
    }
}
