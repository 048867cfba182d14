package dev.vigil.conf.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code vrrp_instance}, with every default and global setting already applied
 * (keepalived's {@code vrrp_complete_instance}): the engine needs nothing else.
 *
 * @param interfaceName empty only for a unicast instance with {@code unicast_src_ip}
 * @param priority 1..255; 255 makes the instance the address owner
 * @param advertInterval v2: whole seconds 1..255; v3: multiples of 10 ms, 0.01..40.95 s
 * @param version 2 or 3 (RFC 3768 / RFC 5798)
 * @param sourceAddress {@code mcast_src_ip} or {@code unicast_src_ip}
 * @param multicastGroup where adverts go; empty for unicast instances
 * @param unicast true when unicast peers are configured
 * @param preemptDelay zero when not set
 * @param accept RFC 5798 Accept_Mode, resolved as keepalived does
 * @param useVmac {@code use_vmac} and {@code vmac_xmit_base}, resolved
 */
public record VrrpInstance(
        String name,
        VrrpState initialState,
        Optional<String> interfaceName,
        int virtualRouterId,
        int priority,
        Duration advertInterval,
        int version,
        AddressFamily family,
        boolean strict,
        Optional<VrrpAuthentication> authentication,
        List<VirtualIpAddress> virtualIpAddresses,
        List<VirtualIpAddress> excludedVirtualIpAddresses,
        List<IpRoute> virtualRoutes,
        List<IpRule> virtualRules,
        Optional<IpAddress> sourceAddress,
        Optional<IpAddress> multicastGroup,
        boolean unicast,
        List<UnicastPeer> unicastPeers,
        Optional<Integer> unicastTtl,
        boolean unicastFaultNoPeer,
        boolean checkUnicastSrc,
        boolean nopreempt,
        Duration preemptDelay,
        GarpSettings garp,
        List<TrackedInterface> trackInterfaces,
        List<TrackedScript> trackScripts,
        List<TrackedFile> trackFiles,
        boolean dontTrackPrimary,
        boolean trackSourceIp,
        StateNotify notifyScripts,
        boolean smtpAlert,
        boolean notifyPriorityChanges,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean ownerIgnoreAdverts,
        boolean accept,
        boolean skipCheckAdvAddr,
        boolean v3ChecksumAsV2,
        int downTimerAdverts,
        Optional<UseVmac> useVmac,
        boolean promoteSecondaries) {

    public VrrpInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(advertInterval, "advertInterval");
        Objects.requireNonNull(family, "family");
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        excludedVirtualIpAddresses = List.copyOf(excludedVirtualIpAddresses);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(notifyScripts, "notifyScripts");
    }

    /** This instance with other tracker lists (used when sync-group or owner rules drop weights). */
    public VrrpInstance withTrackers(List<TrackedInterface> interfaces, List<TrackedScript> scripts,
                                     List<TrackedFile> files) {
        return new VrrpInstance(name, initialState, interfaceName, virtualRouterId, priority, advertInterval, version,
                family, strict, authentication, virtualIpAddresses, excludedVirtualIpAddresses, virtualRoutes,
                virtualRules, sourceAddress, multicastGroup, unicast, unicastPeers, unicastTtl, unicastFaultNoPeer,
                checkUnicastSrc, nopreempt, preemptDelay, garp, interfaces, scripts, files, dontTrackPrimary,
                trackSourceIp, notifyScripts, smtpAlert, notifyPriorityChanges, lowerPrioNoAdvert,
                higherPrioSendAdvert, ownerIgnoreAdverts, accept, skipCheckAdvAddr, v3ChecksumAsV2, downTimerAdverts,
                useVmac, promoteSecondaries);
    }
}
