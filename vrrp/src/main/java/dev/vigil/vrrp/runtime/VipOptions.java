package dev.vigil.vrrp.runtime;

import dev.vigil.common.text.InetText;
import dev.vigil.linux.rtnetlink.AddressFlag;
import dev.vigil.linux.rtnetlink.AddressPrefix;
import java.net.Inet4Address;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ip address add} options of one VIP line (keepalived's {@code brd}, {@code scope},
 * {@code peer}, {@code home}, {@code -nodad}, {@code mngtmpaddr}, {@code noprefixroute},
 * {@code autojoin}, {@code no_track}, {@code preferred_lft}). Two VIPs with different options
 * are different VIPs: a reload that changes an option deletes the address and adds it again.
 *
 * @param broadcast         IPv4 broadcast address ({@code brd}, already resolved from {@code +}/{@code -})
 * @param scope             address scope number (IPv4); empty: global
 * @param peer              point-to-point peer and its prefix length ({@code peer})
 * @param flags             IFA_F_* flags from {@code home}, {@code -nodad}, {@code mngtmpaddr},
 *                          {@code noprefixroute}, {@code autojoin} (IPv6 VIPs get NODAD anyway)
 * @param noTrack           {@code no_track}: the VIP's interface is not tracked (the daemon adds
 *                          the tracking of the others), and a master stays MASTER when the
 *                          address is deleted (it is put back at the next MASTER), as keepalived;
 *                          deleting any other VIP of a master makes it resign and come back
 * @param preferredLifetime {@code preferred_lft} in seconds; keepalived sends it for IPv6 only, and
 *                          so does Vigil
 */
public record VipOptions(Optional<Inet4Address> broadcast, Optional<Integer> scope, Optional<AddressPrefix> peer,
                         Set<AddressFlag> flags, boolean noTrack, Optional<Long> preferredLifetime) {

    /** No option: {@code ip address add} defaults. */
    public static final VipOptions NONE = new VipOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Set.of(), false, Optional.empty());

    public VipOptions {
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(preferredLifetime, "preferredLifetime");
        flags = Set.copyOf(flags);
        if (scope.isPresent() && (scope.get() < 0 || scope.get() > 255)) {
            throw new IllegalArgumentException("scope " + scope.get() + " is outside 0..255");
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        broadcast.ifPresent(b -> text.append(" brd ").append(InetText.format(b)));
        scope.ifPresent(s -> text.append(" scope ").append(s));
        peer.ifPresent(p -> text.append(" peer ").append(p));
        flags.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted()
                .forEach(f -> text.append(' ').append(f));
        if (noTrack) {
            text.append(" no_track");
        }
        preferredLifetime.ifPresent(l -> text.append(" preferred_lft ").append(l));
        return text.toString();
    }
}
