package dev.vigil.linux.rtnetlink;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy-routing rule that looks up a table ({@code ip rule add ... table T}), added and
 * deleted with {@link RtNetlink#addRule} / {@link RtNetlink#deleteRule}.
 *
 * @param ipv6            the family (a rule with neither {@code from} nor {@code to} needs one)
 * @param from            FRA_SRC selector
 * @param to              FRA_DST selector
 * @param table           the table to look up, 1..2^32-1; above 255 it goes in FRA_TABLE
 * @param priority        FRA_PRIORITY ({@code priority/pref}); empty: the kernel picks one
 * @param fwmark          FRA_FWMARK
 * @param fwmask          FRA_FWMASK (only with a fwmark)
 * @param inputInterface  FRA_IIFNAME ({@code iif}), by name: the interface need not exist yet
 * @param outputInterface FRA_OIFNAME ({@code oif})
 * @param protocol        FRA_PROTOCOL (Linux 4.17+), e.g. {@link Route#PROTOCOL_KEEPALIVED}; 0 = not sent
 */
public record RoutingRule(boolean ipv6, Optional<AddressPrefix> from, Optional<AddressPrefix> to, long table,
        Optional<Long> priority, Optional<Long> fwmark, Optional<Long> fwmask, Optional<String> inputInterface,
        Optional<String> outputInterface, int protocol) {

    private static final long U32_MAX = 0xffff_ffffL;

    /** Validates ranges and families. */
    public RoutingRule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(fwmark, "fwmark");
        Objects.requireNonNull(fwmask, "fwmask");
        Objects.requireNonNull(inputInterface, "inputInterface");
        Objects.requireNonNull(outputInterface, "outputInterface");
        if (table < 1 || table > U32_MAX) {
            throw new IllegalArgumentException("rule table " + table + " outside 1..4294967295");
        }
        for (Optional<Long> value : List.of(priority, fwmark, fwmask)) {
            if (value.isPresent() && (value.get() < 0 || value.get() > U32_MAX)) {
                throw new IllegalArgumentException("rule value " + value.get() + " outside 0..4294967295");
            }
        }
        if (fwmask.isPresent() && fwmark.isEmpty()) {
            throw new IllegalArgumentException("a fwmark mask needs a fwmark");
        }
        if (from.isPresent() && from.get().isIpv6() != ipv6 || to.isPresent() && to.get().isIpv6() != ipv6) {
            throw new IllegalArgumentException("rule mixes IPv4 and IPv6");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("rule protocol " + protocol + " outside 0..255");
        }
    }

    /** A rule sending everything from {@code source} to {@code lookupTable}, protocol keepalived. */
    public static RoutingRule from(AddressPrefix source, long lookupTable) {
        return new RoutingRule(source.isIpv6(), Optional.of(source), Optional.empty(), lookupTable, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Route.PROTOCOL_KEEPALIVED);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(ipv6 ? "-6 " : "");
        priority.ifPresent(p -> text.append("priority ").append(p).append(' '));
        text.append("from ").append(from.map(AddressPrefix::toString).orElse("all"));
        to.ifPresent(t -> text.append(" to ").append(t));
        fwmark.ifPresent(m -> text.append(" fwmark 0x").append(Long.toHexString(m))
                .append(fwmask.map(k -> "/0x" + Long.toHexString(k)).orElse("")));
        inputInterface.ifPresent(i -> text.append(" iif ").append(i));
        outputInterface.ifPresent(o -> text.append(" oif ").append(o));
        return text.append(" table ").append(table).toString();
    }
}
