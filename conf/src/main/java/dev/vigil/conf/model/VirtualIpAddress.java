package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code ADDRESS[/LEN] [brd ADDR] [dev IF] [scope S] [label L]
 * [peer ADDR] [home] [-nodad] [mngtmpaddr] [noprefixroute] [autojoin] [no_track]
 * [preferred_lft N|forever]} (the options of {@code ip address add}).
 *
 * @param broadcast an address, or {@code +} / {@code -} as for {@code ip address}
 * @param preferredLifetime seconds; empty for the kernel default ("forever")
 */
public record VirtualIpAddress(
        IpPrefix address,
        Optional<String> broadcast,
        Optional<String> device,
        Optional<String> scope,
        Optional<String> label,
        Optional<IpPrefix> peer,
        boolean home,
        boolean noDad,
        boolean manageTempAddress,
        boolean noPrefixRoute,
        boolean autoJoin,
        boolean noTrack,
        Optional<Long> preferredLifetime) {

    public VirtualIpAddress {
        Objects.requireNonNull(address, "address");
    }

    /** A bare host address with every option at its default. */
    public static VirtualIpAddress of(IpPrefix address) {
        return new VirtualIpAddress(address, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false, false, false, false, Optional.empty());
    }
}
