package dev.vigil.conf.model;

import java.util.Map;
import java.util.Optional;

/**
 * One line of {@code virtual_rules} or {@code static_rules}, in {@code ip rule} syntax:
 * {@code [from PREFIX] [to PREFIX] [table T] [priority N] [fwmark M] [iif IF] [oif IF]
 * [no_track] ...}. Other selectors and actions are kept verbatim in {@code otherOptions}.
 */
public record IpRule(
        Optional<IpPrefix> from,
        Optional<IpPrefix> to,
        Optional<String> table,
        Optional<Long> priority,
        Optional<String> fwmark,
        Optional<String> inputInterface,
        Optional<String> outputInterface,
        boolean noTrack,
        Map<String, String> otherOptions) {

    public IpRule {
        otherOptions = Map.copyOf(otherOptions);
    }
}
