package dev.vigil.vrrp.runtime;

import dev.vigil.common.text.InetText;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.track.TrackerSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the runtime needs to run one {@code vrrp_instance}. These are the runtime's own
 * settings, not the configuration model: the daemon adapts its config into them (DESIGN.md,
 * "engines never import the config model").
 *
 * <p>Values follow keepalived's meaning (reference §1.1). The less common keywords are in
 * {@link InstanceOptions} (keepalived's defaults unless set with {@link #withOptions}); the
 * instance's own trackers ({@code track_interface}, {@code track_script}, {@code track_file})
 * are {@link TrackerSpec}s whose script and file names refer to the {@link VrrpScript}s and
 * {@link TrackFile}s given to {@link VrrpRuntime} (a script's weight already resolved with
 * {@link VrrpScript#trackedWith}). Trackers of a sync group belong to its {@link SyncGroupSettings}.
 *
 * @param name                 instance name ({@code vrrp_instance NAME}), unique in a runtime
 * @param interfaceName        {@code interface}
 * @param vrid                 {@code virtual_router_id}, 1..255
 * @param version              {@code version}
 * @param family               address family of the VIPs and of the adverts
 * @param priority             {@code priority}, 1..255 (255 = address owner)
 * @param advertIntervalCentis {@code advert_int} in centiseconds (v2: whole seconds)
 * @param authType             v2 {@code auth_type}: NONE, PASS, or AH (keepalived's IPsec AH header)
 * @param password             {@code auth_pass} (first 8 bytes used): the PASS password or the AH key;
 *                             empty without authentication
 * @param vips                 {@code virtual_ipaddress}, in order; all of {@code family}
 * @param unicastSource        {@code unicast_src_ip}
 * @param unicastPeers         {@code unicast_peer}; empty = multicast
 * @param multicastSource      {@code mcast_src_ip}; default the interface's primary address
 *                             (IPv4) or its link-local address (IPv6)
 * @param startAsMaster        {@code state MASTER}
 * @param nopreempt            {@code nopreempt}
 * @param preemptDelay         {@code preempt_delay} (zero = none)
 * @param garp                 gratuitous ARP / NA settings
 * @param options              the remaining per-instance keywords
 * @param trackers             the instance's own trackers; keys unique
 * @param routing              excluded VIPs, virtual routes and rules, held with the VIPs
 * @param virtualMac           {@code use_vmac}: the instance runs on this macvlan of {@code interfaceName}
 * @param multicastGroup       {@code mcast_dst_ip} / {@code vrrp_mcast_group4|6}; empty = 224.0.0.18 / ff02::12
 */
public record VrrpInstanceSettings(
        String name,
        String interfaceName,
        int vrid,
        VrrpVersion version,
        AddressFamily family,
        int priority,
        int advertIntervalCentis,
        AuthType authType,
        String password,
        List<VirtualAddress> vips,
        Optional<InetAddress> unicastSource,
        List<UnicastPeer> unicastPeers,
        Optional<InetAddress> multicastSource,
        boolean startAsMaster,
        boolean nopreempt,
        Duration preemptDelay,
        GarpSettings garp,
        InstanceOptions options,
        List<TrackerSpec> trackers,
        InstanceRouting routing,
        Optional<VirtualMac> virtualMac,
        Optional<InetAddress> multicastGroup) {

    public VrrpInstanceSettings {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(virtualMac, "virtualMac");
        Objects.requireNonNull(multicastGroup, "multicastGroup");
        multicastGroup.ifPresent(g -> {
            if (!g.isMulticastAddress() || !family.holds(g)) {
                throw new IllegalArgumentException(name + ": multicast group " + InetText.format(g) + " is not an "
                        + family + " multicast address");
            }
        });
        trackers = List.copyOf(trackers);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(unicastSource, "unicastSource");
        Objects.requireNonNull(multicastSource, "multicastSource");
        Objects.requireNonNull(preemptDelay, "preemptDelay");
        Objects.requireNonNull(garp, "garp");
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(name + ": virtual_router_id " + vrid + " is outside 1..255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException(name + ": priority " + priority + " is outside 1..255");
        }
        if (authType != AuthType.NONE && (version != VrrpVersion.V2 || family != AddressFamily.IPV4)) {
            throw new IllegalArgumentException(name + ": authentication needs VRRPv2 over IPv4");
        }
        for (VirtualAddress vip : vips) {
            if (!family.holds(vip.address())) {
                throw new IllegalArgumentException(name + ": VIP " + vip + " is not " + family);
            }
        }
        for (InetAddress address : addressesToCheck(unicastSource, multicastSource, unicastPeers)) {
            if (!family.holds(address)) {
                throw new IllegalArgumentException(name + ": " + InetText.format(address) + " is not " + family);
            }
        }
        if (preemptDelay.isNegative()) {
            throw new IllegalArgumentException(name + ": preempt_delay cannot be negative");
        }
        if (trackers.stream().map(TrackerSpec::key).distinct().count() != trackers.size()) {
            throw new IllegalArgumentException(name + ": an object is tracked twice");
        }
    }

    /** Settings with {@link InstanceOptions#KEEPALIVED_DEFAULTS} and no trackers. */
    public VrrpInstanceSettings(String name, String interfaceName, int vrid, VrrpVersion version, AddressFamily family,
                                int priority, int advertIntervalCentis, AuthType authType, String password,
                                List<VirtualAddress> vips, Optional<InetAddress> unicastSource,
                                List<UnicastPeer> unicastPeers, Optional<InetAddress> multicastSource,
                                boolean startAsMaster, boolean nopreempt, Duration preemptDelay, GarpSettings garp) {
        this(name, interfaceName, vrid, version, family, priority, advertIntervalCentis, authType, password, vips,
                unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt, preemptDelay, garp,
                InstanceOptions.KEEPALIVED_DEFAULTS, List.of(), InstanceRouting.NONE, Optional.empty(), Optional.empty());
    }

    /**
     * A multicast instance with keepalived's defaults: no authentication, preempting, no
     * preempt delay, default GARP settings, {@code state BACKUP} (or MASTER for priority 255).
     */
    public static VrrpInstanceSettings of(String name, String interfaceName, int vrid, VrrpVersion version,
                                          int priority, int advertIntervalCentis, List<VirtualAddress> vips) {
        AddressFamily family = vips.isEmpty() ? AddressFamily.IPV4 : AddressFamily.of(vips.getFirst().address());
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                AuthType.NONE, "", vips, Optional.empty(), List.of(), Optional.empty(), priority == 255, false,
                Duration.ZERO, GarpSettings.KEEPALIVED_DEFAULTS);
    }

    /** Same settings with {@code auth_type AH} keyed with this password. */
    public VrrpInstanceSettings withIpsecAh(String newPassword) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                AuthType.AH, newPassword, vips, unicastSource, unicastPeers, multicastSource, startAsMaster,
                nopreempt, preemptDelay, garp, options, trackers, routing, virtualMac, multicastGroup);
    }

    /**
     * Whether adverts leave from an address of the interface, which can change or be missing
     * (its primary IPv4 address, or its link-local IPv6 one): no {@code unicast_src_ip} or
     * {@code mcast_src_ip}.
     */
    public boolean sourceFromInterface() {
        return unicastSource.isEmpty() && multicastSource.isEmpty();
    }

    /** Same settings with {@code auth_type PASS} and this password. */
    public VrrpInstanceSettings withPassword(String newPassword) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                AuthType.PASS, newPassword, vips, unicastSource, unicastPeers, multicastSource, startAsMaster,
                nopreempt, preemptDelay, garp, options, trackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings sending unicast from {@code source} to {@code peers}. */
    public VrrpInstanceSettings withUnicast(InetAddress source, List<UnicastPeer> peers) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, Optional.of(source), peers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, options, trackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings with other GARP settings. */
    public VrrpInstanceSettings withGarp(GarpSettings newGarp) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, newGarp, options, trackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings with {@code nopreempt} and {@code preempt_delay} as given. */
    public VrrpInstanceSettings withPreempt(boolean newNopreempt, Duration newPreemptDelay) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, newNopreempt,
                newPreemptDelay, garp, options, trackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings with these options. */
    public VrrpInstanceSettings withOptions(InstanceOptions newOptions) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, newOptions, trackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings with these trackers of its own (replacing any). */
    public VrrpInstanceSettings withTrackers(List<TrackerSpec> newTrackers) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, options, newTrackers, routing, virtualMac, multicastGroup);
    }

    /** Same settings with these excluded VIPs, routes and rules. */
    public VrrpInstanceSettings withRouting(InstanceRouting newRouting) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, options, trackers, newRouting, virtualMac, multicastGroup);
    }

    /** Every address a master holds: the VIPs (advertised), then the excluded VIPs (not advertised). */
    public List<VirtualAddress> addresses() {
        if (routing.excludedVips().isEmpty()) {
            return vips;
        }
        List<VirtualAddress> all = new ArrayList<>(vips);
        routing.excludedVips().stream().filter(v -> !vips.contains(v)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Same settings on this VMAC ({@code use_vmac}). */
    public VrrpInstanceSettings withVirtualMac(VirtualMac vmac) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, options, trackers, routing, Optional.of(vmac), multicastGroup);
    }

    /** Same settings sending multicast adverts to {@code group} (and listening there). */
    public VrrpInstanceSettings withMulticastGroup(InetAddress group) {
        return new VrrpInstanceSettings(name, interfaceName, vrid, version, family, priority, advertIntervalCentis,
                authType, password, vips, unicastSource, unicastPeers, multicastSource, startAsMaster, nopreempt,
                preemptDelay, garp, options, trackers, routing, virtualMac, Optional.of(group));
    }

    /** Where multicast adverts go: the configured group, else 224.0.0.18 / ff02::12. */
    public InetAddress multicastDestination() {
        return multicastGroup.orElse(family == AddressFamily.IPV4 ? VrrpWire.IPV4_GROUP : VrrpWire.IPV6_GROUP);
    }

    /**
     * The interface adverts are sent from and received on: the VMAC, unless there is none or
     * {@code vmac_xmit_base} keeps them on the base interface (keepalived vrrp_scheduler.c).
     */
    public String advertInterface() {
        return virtualMac.filter(v -> !v.xmitBase()).map(VirtualMac::interfaceName).orElse(interfaceName);
    }

    /** The interface VIPs without a {@code dev} go to: the VMAC, else {@code interfaceName}. */
    public String vipInterface() {
        return vmacInterface().orElse(interfaceName);
    }

    /** The name of the instance's {@code use_vmac} interface; empty without one. */
    public Optional<String> vmacInterface() {
        return virtualMac.map(VirtualMac::interfaceName);
    }

    /** The instance's own interface, then each of its addresses' devices ({@link #vipDevice}), once each. */
    public List<String> devices() {
        Set<String> names = new LinkedHashSet<>();
        names.add(interfaceName);
        addresses().forEach(v -> names.add(vipDevice(v)));
        return List.copyOf(names);
    }

    /**
     * The device of one VIP: keepalived puts a VIP of the instance's family whose {@code dev}
     * is absent or the base interface on the VMAC.
     */
    public String vipDevice(VirtualAddress vip) {
        String device = vip.deviceOr(interfaceName);
        return device.equals(interfaceName) ? vipInterface() : device;
    }

    private static List<InetAddress> addressesToCheck(Optional<InetAddress> unicastSource,
                                                      Optional<InetAddress> multicastSource, List<UnicastPeer> peers) {
        List<InetAddress> out = new ArrayList<>();
        unicastSource.ifPresent(out::add);
        multicastSource.ifPresent(out::add);
        peers.forEach(p -> out.add(p.address()));
        return out;
    }

    /** Whether adverts go to unicast peers rather than the multicast group. */
    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }
}
