package dev.vigil.linux.rtnetlink;

import static dev.vigil.linux.rtnetlink.RouteMessages.AF_INET;
import static dev.vigil.linux.rtnetlink.RouteMessages.AF_INET6;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_DST;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_FWMARK;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_FWMASK;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_IIFNAME;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_OIFNAME;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_PRIORITY;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_PROTOCOL;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_SRC;
import static dev.vigil.linux.rtnetlink.RouteMessages.FRA_TABLE;
import static dev.vigil.linux.rtnetlink.RouteMessages.FR_ACT_TO_TBL;

import dev.vigil.linux.netlink.NetlinkAttribute;
import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkMessage;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A policy rule the kernel reported deleted (RTM_DELRULE), decoded only when it is of the kind
 * {@link RoutingRule} describes: action "lookup table", no {@code not}, TOS 0, and no selector
 * beyond from, to, priority, fwmark/mask, iif, oif and protocol. keepalived compares every field
 * of a deleted rule with its own ({@code rule_is_ours} in {@code keepalived_netlink.c}); a rule
 * with anything else is none that Vigil adds.
 *
 * @param rule       the deleted rule
 * @param senderPort {@code nlmsg_pid}: the netlink port whose request deleted it, 0 for the kernel
 */
public record DeletedRule(RoutingRule rule, int senderPort) {

    private static final int FIB_RULE_INVERT = 0x2;
    private static final long NO_SUPPRESSION = 0xffff_ffffL;
    private static final long ALL_BITS = 0xffff_ffffL;
    private static final int FRA_SUPPRESS_PREFIXLEN = 14;
    private static final int FRA_PAD = 18;
    /** What the kernel reports of a rule {@link RoutingRule} can describe. */
    private static final Set<Integer> PLAIN_ATTRIBUTES = Set.of(FRA_DST, FRA_SRC, FRA_IIFNAME, FRA_PRIORITY,
            FRA_FWMARK, FRA_SUPPRESS_PREFIXLEN, FRA_TABLE, FRA_FWMASK, FRA_OIFNAME, FRA_PAD, FRA_PROTOCOL);

    public DeletedRule {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * Whether this is {@code added} as it was sent: same family, selectors and table; its
     * priority when it gave one (else the kernel chose); a fwmark's mask defaulting to all bits;
     * its protocol (unless the kernel reports none, before Linux 4.17). A {@code /0} selector is
     * no selector.
     */
    public boolean matches(RoutingRule added) {
        return rule.ipv6() == added.ipv6() && selector(rule.from()).equals(selector(added.from()))
                && selector(rule.to()).equals(selector(added.to())) && rule.table() == added.table()
                && (added.priority().isEmpty() || added.priority().equals(rule.priority()))
                && rule.fwmark().equals(added.fwmark())
                && (added.fwmark().isEmpty() || rule.fwmask().orElse(ALL_BITS).equals(added.fwmask().orElse(ALL_BITS)))
                && rule.inputInterface().equals(added.inputInterface())
                && rule.outputInterface().equals(added.outputInterface())
                && (rule.protocol() == 0 || rule.protocol() == added.protocol());
    }

    /** Decodes RTM_DELRULE; empty for other types, other kinds of rule or malformed messages. Pure. */
    public static Optional<DeletedRule> decode(NetlinkMessage message) {
        byte[] payload = message.payload();
        if (message.type() != RouteMessages.RTM_DELRULE || payload.length < RouteMessages.HEADER_LENGTH) {
            return Optional.empty();
        }
        int family = payload[0] & 0xFF;
        int flags = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(8);
        if (family != AF_INET && family != AF_INET6 || (payload[7] & 0xFF) != FR_ACT_TO_TBL || payload[3] != 0
                || (flags & FIB_RULE_INVERT) != 0) {
            return Optional.empty();
        }
        NetlinkAttributes attributes = message.attributes(RouteMessages.HEADER_LENGTH);
        if (attributes.malformed().isPresent()
                || attributes.attributes().stream().anyMatch(a -> !PLAIN_ATTRIBUTES.contains(a.type()))
                || attributes.u32(FRA_SUPPRESS_PREFIXLEN).orElse(NO_SUPPRESSION) != NO_SUPPRESSION) {
            return Optional.empty();
        }
        boolean ipv6 = family == AF_INET6;
        int toLength = payload[1] & 0xFF;
        int fromLength = payload[2] & 0xFF;
        Optional<AddressPrefix> to = prefix(attributes.first(FRA_DST), toLength, ipv6);
        Optional<AddressPrefix> from = prefix(attributes.first(FRA_SRC), fromLength, ipv6);
        long table = attributes.u32(FRA_TABLE).orElse((long) (payload[4] & 0xFF));
        if (toLength != 0 && to.isEmpty() || fromLength != 0 && from.isEmpty() || table == 0) {
            return Optional.empty();
        }
        Optional<Long> fwmark = attributes.u32(FRA_FWMARK);
        try {
            return Optional.of(new DeletedRule(new RoutingRule(ipv6, from, to, table, attributes.u32(FRA_PRIORITY),
                    fwmark, fwmark.isPresent() ? attributes.u32(FRA_FWMASK) : Optional.empty(),
                    attributes.string(FRA_IIFNAME).filter(s -> !s.isEmpty()),
                    attributes.string(FRA_OIFNAME).filter(s -> !s.isEmpty()),
                    attributes.u8(FRA_PROTOCOL).orElse(0)), message.portId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The selector; empty for none (length 0) or one that does not fit the family or its length. */
    private static Optional<AddressPrefix> prefix(Optional<NetlinkAttribute> attribute, int length, boolean ipv6) {
        Optional<InetAddress> address = attribute.flatMap(NetlinkAttribute::asAddress);
        if (length == 0 || address.isEmpty() || (address.get() instanceof Inet6Address) != ipv6
                || length > (ipv6 ? 128 : 32)) {
            return Optional.empty();
        }
        return Optional.of(new AddressPrefix(address.get(), length));
    }

    private static Optional<AddressPrefix> selector(Optional<AddressPrefix> prefix) {
        return prefix.filter(p -> p.length() != 0);
    }

    @Override
    public String toString() {
        return rule.toString();
    }
}
