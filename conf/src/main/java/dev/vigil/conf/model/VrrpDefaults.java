package dev.vigil.conf.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * VRRP settings from {@code global_defs} that every instance inherits unless it sets its own.
 * Defaults are keepalived's ({@code global_data.c}, {@code vrrp.h}).
 *
 * @param garpLowerPrioDelay empty means "same as garpMasterDelay" (keepalived's unset value)
 * @param garpLowerPrioRepeat empty means "same as garpMasterRepeat"
 * @param vmacPrefix {@code vmac_prefix}: the start of a {@code use_vmac} interface's default name;
 *                   empty = keepalived's {@link #DEFAULT_VMAC_PREFIX}
 */
public record VrrpDefaults(
        int version,
        IpAddress mcastGroup4,
        IpAddress mcastGroup6,
        Duration garpMasterDelay,
        int garpMasterRepeat,
        Duration garpMasterRefresh,
        int garpMasterRefreshRepeat,
        Optional<Duration> garpLowerPrioDelay,
        Optional<Integer> garpLowerPrioRepeat,
        Duration garpInterval,
        Duration gnaInterval,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean checkUnicastSrc,
        boolean skipCheckAdvAddr,
        boolean strict,
        boolean ownerIgnoreAdverts,
        boolean notifyPriorityChanges,
        boolean v3ChecksumAsV2,
        Duration startupDelay,
        Optional<String> defaultInterface,
        Optional<String> vmacPrefix) {

    /** RFC 5798 section 5.2.2 / RFC 3768: the IANA VRRP groups. */
    public static final IpAddress MCAST_GROUP4 = IpAddress.of("224.0.0.18");
    public static final IpAddress MCAST_GROUP6 = IpAddress.of("ff02::12");
    /** keepalived's {@code vmac_prefix} default: VMACs are named {@code vrrp.VRID}. */
    public static final String DEFAULT_VMAC_PREFIX = "vrrp";

    public VrrpDefaults {
        Objects.requireNonNull(mcastGroup4, "mcastGroup4");
        Objects.requireNonNull(mcastGroup6, "mcastGroup6");
        Objects.requireNonNull(garpMasterDelay, "garpMasterDelay");
        Objects.requireNonNull(garpMasterRefresh, "garpMasterRefresh");
        Objects.requireNonNull(garpLowerPrioDelay, "garpLowerPrioDelay");
        Objects.requireNonNull(garpLowerPrioRepeat, "garpLowerPrioRepeat");
        Objects.requireNonNull(garpInterval, "garpInterval");
        Objects.requireNonNull(gnaInterval, "gnaInterval");
        Objects.requireNonNull(startupDelay, "startupDelay");
        Objects.requireNonNull(defaultInterface, "defaultInterface");
        Objects.requireNonNull(vmacPrefix, "vmacPrefix");
    }

    /**
     * keepalived's defaults: version 2, GARP burst after 5 s with 5 repeats, no refresh,
     * Master_Down_Interval of 3 adverts (RFC 5798 section 6.1), everything else off.
     */
    public static VrrpDefaults keepalivedDefaults() {
        return new VrrpDefaults(2, MCAST_GROUP4, MCAST_GROUP6, Duration.ofSeconds(5), 5, Duration.ZERO, 1,
                Optional.empty(), Optional.empty(), Duration.ZERO, Duration.ZERO, 3,
                false, false, false, false, false, false, false, false, Duration.ZERO, Optional.empty(),
                Optional.empty());
    }
}
