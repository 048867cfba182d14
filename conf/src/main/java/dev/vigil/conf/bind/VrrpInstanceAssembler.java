package dev.vigil.conf.bind;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.model.AddressFamily;
import dev.vigil.conf.model.GarpSettings;
import dev.vigil.conf.model.IpAddress;
import dev.vigil.conf.model.IpRoute;
import dev.vigil.conf.model.IpRule;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.StateNotify;
import dev.vigil.conf.model.TrackedFile;
import dev.vigil.conf.model.TrackedInterface;
import dev.vigil.conf.model.TrackedScript;
import dev.vigil.conf.model.UnicastPeer;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.model.VrrpAuthentication;
import dev.vigil.conf.model.UseVmac;
import dev.vigil.conf.model.VrrpDefaults;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completes one {@code vrrp_instance} the way keepalived's {@code vrrp_complete_instance()}
 * and {@code chk_min_cfg()} do: derives family, version, priority and state, applies global
 * defaults and strict-mode rules, and reports each value it has to change. A missing VRID
 * or interface is FATAL (keepalived's VRRP process refuses to start).
 */
final class VrrpInstanceAssembler {

    /** RFC 5798 section 5.2.4: priority 255 is the address owner. */
    static final int OWNER_PRIORITY = 255;
    static final int DEFAULT_PRIORITY = 100;
    /** The VRRP count field is 8 bits: at most 255 addresses per advert. */
    private static final int MAX_ADVERTISED_ADDRESSES = 255;
    /** RFC 5798 section 5.2.7: v3 Max Adver Int is 12 bits of centiseconds, at most 40.95 s. */
    private static final Duration MAX_V3_ADVERT = Duration.ofMillis(40_950);
    private static final Duration CENTISECOND = Duration.ofMillis(10);
    /** RFC 3768 section 5.3.7: v2 Adver Int is 8 bits of seconds. */
    private static final Duration MAX_V2_ADVERT = Duration.ofSeconds(255);

    /** IFNAMSIZ less the NUL. */
    private static final int MAX_INTERFACE_NAME = 15;

    private final VrrpDefaults defaults;
    /** VMAC interface names given out so far, to the instance that has each. */
    private final Map<String, String> vmacNames = new HashMap<>();
    private final boolean globalSmtpAlert;
    private final BindContext context;

    VrrpInstanceAssembler(VrrpDefaults defaults, boolean globalSmtpAlert, BindContext context) {
        this.defaults = defaults;
        this.globalSmtpAlert = globalSmtpAlert;
        this.context = context;
    }

    /** The instance, or empty when it cannot run (after a FATAL diagnostic). */
    Optional<VrrpInstance> build(BlockState b, Optional<Boolean> groupNotifyPriorityChanges,
                                 List<TrackedScript> trackScripts, List<TrackedFile> trackFiles) {
        String name = b.name();
        boolean strict = b.get("strict_mode", Boolean.class).orElse(defaults.strict());
        Addresses addresses = addresses(b);
        int version = version(b, addresses.family, strict);
        int priority = b.get("priority", Long.class).map(Long::intValue)
                .orElse(b.get("state", VrrpState.class).orElse(null) == VrrpState.MASTER ? OWNER_PRIORITY : DEFAULT_PRIORITY);
        boolean owner = priority == OWNER_PRIORITY;
        Optional<VrrpAuthentication> auth = authentication(b, strict, version, addresses.family);
        VrrpState state = state(b, owner, strict, auth);
        Unicast unicast = unicast(b, strict);
        Optional<Integer> vrid = b.get("virtual_router_id", Long.class).map(Long::intValue);
        Optional<String> interfaceName = b.get("interface", String.class).or(defaults::defaultInterface);
        if (!minimalConfig(b, vrid, interfaceName, unicast)) {
            return Optional.empty();
        }
        firstIpv6VipLinkLocal(b, addresses, unicast.active, strict);
        Preemption preemption = preemption(b, owner, state, strict);
        return Optional.of(new VrrpInstance(name, state, interfaceName, vrid.orElseThrow(), priority,
                advertInterval(b, version), version, addresses.family, strict, auth, addresses.vips,
                addresses.excluded, b.list("virtual_routes", IpRoute.class), b.list("virtual_rules", IpRule.class),
                unicast.source, multicastGroup(b, addresses.family, unicast.active), unicast.active, unicast.peers,
                unicast.ttl, b.flag("unicast_fault_no_peer"),
                b.get("check_unicast_src", Boolean.class).orElse(defaults.checkUnicastSrc()),
                preemption.nopreempt, preemption.delay, garp(b, strict),
                b.list("track_interface", TrackedInterface.class), trackScripts, trackFiles,
                b.flag("dont_track_primary"), b.flag("track_src_ip"), notifyScripts(b),
                b.get("smtp_alert", Boolean.class).orElse(globalSmtpAlert),
                b.get("notify_priority_changes", Boolean.class).or(() -> groupNotifyPriorityChanges)
                        .orElse(defaults.notifyPriorityChanges()),
                strictDefault(b, "lower_prio_no_advert", strict, true, defaults.lowerPrioNoAdvert()),
                strictDefault(b, "higher_prio_send_advert", strict, false, defaults.higherPrioSendAdvert()),
                ownerIgnoreAdverts(b, owner, strict), accept(b, owner, strict, version),
                b.get("skip_check_adv_addr", Boolean.class).orElse(defaults.skipCheckAdvAddr()),
                b.get("v3_checksum_as_v2", Boolean.class).orElse(defaults.v3ChecksumAsV2()),
                downTimerAdverts(b, strict), useVmac(b, vrid, strict, addresses.family),
                b.flag("promote_secondaries")));
    }

    /**
     * {@code use_vmac} resolved: NAME, else {@code vmac_prefix.VRID} (the prefix cut to fit 15
     * characters), a name another instance already uses being replaced as keepalived's
     * create_vmac_name does ({@code PREFIXn.VRID}, n = 1, 2, ...; IPv6 tries n = 6 first); the
     * MAC completed with the VRID; {@code vmac_xmit_base}, which strict mode clears (vrrp.c).
     */
    private Optional<UseVmac> useVmac(BlockState b, Optional<Integer> vrid, boolean strict, AddressFamily family) {
        Optional<VmacArguments> args = b.get("use_vmac", VmacArguments.class);
        boolean xmitBase = b.flag("vmac_xmit_base");
        if (args.isEmpty()) {
            if (xmitBase) {
                context.warning(b.where("vmac_xmit_base"), "(" + b.name() + ") vmac_xmit_base without use_vmac;"
                        + " ignoring it");
            }
            return Optional.empty();
        }
        if (xmitBase && strict) {
            context.error(b.where("vmac_xmit_base"), "(" + b.name() + ") vmac_xmit_base is incompatible with strict"
                    + " mode; ignoring it");
            xmitBase = false;
        }
        int id = vrid.orElse(0);
        Optional<String> given = args.get().name();
        if (given.isPresent() && vmacNames.containsKey(given.get())) {
            context.error(b.where("use_vmac"), "(" + b.name() + ") vrrp_instance " + vmacNames.get(given.get())
                    + " already uses VMAC " + given.get() + "; ignoring the name");
            given = Optional.empty();
        }
        String name = given.orElseGet(() -> freeVmacName(defaults.vmacPrefix().orElse(VrrpDefaults.DEFAULT_VMAC_PREFIX),
                id, family));
        vmacNames.put(name, b.name());
        return Optional.of(new UseVmac(name, args.get().mac(id), xmitBase, args.get().group(),
                args.get().netlinkNotify()));
    }

    private String freeVmacName(String prefix, int vrid, AddressFamily family) {
        String name = vmacName(prefix, "", vrid);
        for (int n = family == AddressFamily.INET6 ? 6 : 1; vmacNames.containsKey(name); ) {
            name = vmacName(prefix, Integer.toString(n), vrid);
            n = family == AddressFamily.INET6 ? (n == 6 ? 1 : n + 1 == 6 ? 7 : n + 1) : n + 1;
        }
        return name;
    }

    /** PREFIX[n].VRID with the prefix cut so that the whole fits in 15 characters. */
    private static String vmacName(String prefix, String number, int vrid) {
        String suffix = number + "." + vrid;
        return (prefix.length() + suffix.length() > MAX_INTERFACE_NAME
                ? prefix.substring(0, MAX_INTERFACE_NAME - suffix.length()) : prefix) + suffix;
    }

    private record Addresses(AddressFamily family, List<VirtualIpAddress> vips, List<VirtualIpAddress> excluded) {
    }

    /** VIPs of the instance's family (others are dropped); beyond 255, the rest become excluded VIPs. */
    private Addresses addresses(BlockState b) {
        List<VirtualIpAddress> configured = b.list("virtual_ipaddress", VirtualIpAddress.class);
        AddressFamily family = family(b, configured);
        List<VirtualIpAddress> vips = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            VirtualIpAddress vip = configured.get(i);
            if (vip.address().family() == family) {
                vips.add(vip);
            } else {
                context.error(b.where("virtual_ipaddress", i), "(" + b.name() + ") virtual_ipaddress "
                        + vip.address() + " is not " + label(family) + " like the instance; ignoring it");
            }
        }
        List<VirtualIpAddress> excluded = new ArrayList<>(b.list("virtual_ipaddress_excluded", VirtualIpAddress.class));
        if (vips.size() > MAX_ADVERTISED_ADDRESSES) {
            context.error(b.nameWord(), "(" + b.name() + ") " + vips.size() + " virtual addresses exceed the "
                    + MAX_ADVERTISED_ADDRESSES + " an advert can carry; moving the rest to virtual_ipaddress_excluded");
            excluded.addAll(0, vips.subList(MAX_ADVERTISED_ADDRESSES, vips.size()));
            vips = new ArrayList<>(vips.subList(0, MAX_ADVERTISED_ADDRESSES));
        }
        return new Addresses(family, vips, excluded);
    }

    /**
     * RFC 5798 section 5.2.9: for IPv6 the first address must be the link-local one. keepalived
     * reports this as an error in strict mode and only logs it otherwise.
     */
    private void firstIpv6VipLinkLocal(BlockState b, Addresses addresses, boolean unicast, boolean strict) {
        if (addresses.family != AddressFamily.INET6 || unicast || addresses.vips.isEmpty()
                || addresses.vips.getFirst().address().address().isLinkLocal()) {
            return;
        }
        String message = "(" + b.name() + ") the first IPv6 virtual_ipaddress should be link-local (RFC 5798 5.2.9)";
        if (strict) {
            context.error(b.where("virtual_ipaddress", 0), message);
        } else {
            context.warning(b.where("virtual_ipaddress", 0), message);
        }
    }

    /** RFC 5798 Accept_Mode: on for the owner, else on unless strict; strict v2 non-owners cannot accept. */
    private boolean accept(BlockState b, boolean owner, boolean strict, int version) {
        boolean accept = b.get("accept", Boolean.class).orElse(owner || !strict);
        if (accept && !owner && strict && version == 2) {
            context.error(b.where("accept"), "(" + b.name() + ") accept mode with VRRPv2 does not comply with "
                    + "RFC 3768; using no_accept");
            return false;
        }
        return accept;
    }

    private int downTimerAdverts(BlockState b, boolean strict) {
        int adverts = b.get("down_timer_adverts", Long.class).map(Long::intValue).orElse(defaults.downTimerAdverts());
        if (strict && adverts != 3) {
            context.error(b.where("down_timer_adverts"), "(" + b.name() + ") down_timer_adverts is incompatible "
                    + "with strict mode; using 3");
            return 3;
        }
        return adverts;
    }

    private static String label(AddressFamily family) {
        return family == AddressFamily.INET ? "IPv4" : "IPv6";
    }

    /** The family comes from native_ipv6, the source address, mcast_dst_ip or the first VIP; IPv4 if none. */
    private AddressFamily family(BlockState b, List<VirtualIpAddress> vips) {
        if (b.flag("native_ipv6")) {
            return AddressFamily.INET6;
        }
        return b.get("source", IpAddress.class).map(IpAddress::family)
                .or(() -> b.get("mcast_dst_ip", IpAddress.class).map(IpAddress::family))
                .or(() -> vips.stream().findFirst().map(vip -> vip.address().family()))
                .orElse(AddressFamily.INET);
    }

    private int version(BlockState b, AddressFamily family, boolean strict) {
        Optional<Integer> explicit = b.get("version", Long.class).map(Long::intValue);
        if (family == AddressFamily.INET6) {
            if (explicit.isPresent() && explicit.get() == 2 && strict) {
                context.error(b.where("version"), "(" + b.name() + ") IPv6 cannot use VRRP version 2 in strict mode; "
                        + "using version 3");
                return 3;
            }
            return explicit.orElse(3);
        }
        return explicit.orElse(defaults.version());
    }

    /** Explicit, else derived from priority; strict mode and AH authentication can force BACKUP. */
    private VrrpState state(BlockState b, boolean owner, boolean strict, Optional<VrrpAuthentication> auth) {
        Optional<VrrpState> explicit = b.get("state", VrrpState.class);
        VrrpState derived = owner ? VrrpState.MASTER : VrrpState.BACKUP;
        if (explicit.isEmpty()) {
            return derived;
        }
        if (strict && (explicit.get() == VrrpState.MASTER) != owner) {
            context.error(b.where("state"), "(" + b.name() + ") in strict mode state MASTER must go with priority "
                    + OWNER_PRIORITY + "; using " + derived);
            return derived;
        }
        if (auth.isPresent() && auth.get().type() == VrrpAuthentication.Type.AH
                && explicit.get() == VrrpState.MASTER && !owner) {
            context.error(b.where("state"), "(" + b.name() + ") initial state MASTER is incompatible with AH "
                    + "authentication; using BACKUP");
            return VrrpState.BACKUP;
        }
        return explicit.get();
    }

    private Optional<VrrpAuthentication> authentication(BlockState b, boolean strict, int version,
                                                        AddressFamily family) {
        List<BlockState> blocks = b.list("authentication", BlockState.class);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        BlockState a = blocks.getLast();
        Optional<VrrpAuthentication.Type> type = a.get("auth_type", VrrpAuthentication.Type.class);
        Optional<String> password = a.get("auth_pass", String.class);
        String why = null;
        if (type.isEmpty()) {
            why = "has no auth_type";
        } else if (strict) {
            why = "is not supported in strict mode";
        } else if (version == 3) {
            why = "is not supported by VRRP version 3";
        } else if (password.isEmpty() || password.get().isEmpty()) {
            why = "has no auth_pass";
        } else if (family == AddressFamily.INET6 && type.get() == VrrpAuthentication.Type.AH) {
            why = "AH cannot be used with IPv6";
        }
        if (why != null) {
            context.error(a.node().keyword(), "(" + b.name() + ") authentication " + why + "; using none");
            return Optional.empty();
        }
        return Optional.of(new VrrpAuthentication(type.get(), password.get()));
    }

    private record Unicast(boolean configured, boolean active, Optional<IpAddress> source, List<UnicastPeer> peers,
                           Optional<Integer> ttl) {
    }

    private Unicast unicast(BlockState b, boolean strict) {
        List<UnicastPeer> peers = b.list("unicast_peer", UnicastPeer.class);
        boolean configured = b.flag("unicast_configured") || b.has("unicast_fault_no_peer")
                || b.has("check_unicast_src") || !peers.isEmpty();
        Optional<Integer> ttl = b.get("unicast_ttl", Long.class).map(Long::intValue);
        if (ttl.isPresent() && peers.isEmpty()) {
            context.error(b.where("unicast_ttl"), "(" + b.name() + ") unicast_ttl needs unicast peers; ignoring it");
            ttl = Optional.empty();
        }
        if (configured && peers.isEmpty() && !b.flag("unicast_fault_no_peer")) {
            context.warning(b.nameWord(), "(" + b.name() + ") a unicast keyword without unicast_peer is deprecated; "
                    + "using multicast");
        }
        if (strict && !peers.isEmpty()) {
            context.fatal(b.nameWord(), "(" + b.name() + ") unicast peers are not supported in strict mode");
        }
        Optional<IpAddress> source = b.get("source", IpAddress.class);
        return new Unicast(configured, !peers.isEmpty(), source, peers, ttl);
    }

    /** keepalived's chk_min_cfg: without a VRID or an interface the VRRP process will not start. */
    private boolean minimalConfig(BlockState b, Optional<Integer> vrid, Optional<String> interfaceName,
                                  Unicast unicast) {
        boolean ok = true;
        if (vrid.isEmpty()) {
            context.fatal(b.nameWord(), "(" + b.name() + ") virtual_router_id must be set");
            ok = false;
        }
        if (interfaceName.isEmpty() && !unicast.configured) {
            context.fatal(b.nameWord(), "(" + b.name() + ") no interface given");
            ok = false;
        } else if (interfaceName.isEmpty() && unicast.source.isEmpty()) {
            context.fatal(b.nameWord(), "(" + b.name() + ") a unicast instance needs unicast_src_ip or interface");
            ok = false;
        }
        return ok;
    }

    private record Preemption(boolean nopreempt, Duration delay) {
    }

    private Preemption preemption(BlockState b, boolean owner, VrrpState state, boolean strict) {
        boolean nopreempt = b.flag("nopreempt");
        Duration delay = b.get("preempt_delay", Duration.class).orElse(Duration.ZERO);
        String name = b.name();
        if (nopreempt && owner) {
            context.error(b.where("nopreempt"), "(" + name + ") nopreempt is incompatible with priority "
                    + OWNER_PRIORITY + "; ignoring nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER && nopreempt) {
            context.error(b.where("nopreempt"), "(" + name + ") nopreempt does not work with initial state MASTER; "
                    + "ignoring nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER && !delay.isZero()) {
            context.error(b.where("preempt_delay"), "(" + name + ") preempt_delay does not work with initial state "
                    + "MASTER; using 0");
            delay = Duration.ZERO;
        }
        if (!delay.isZero() && (strict || nopreempt)) {
            context.error(b.where("preempt_delay"), "(" + name + ") preempt_delay is incompatible with "
                    + (strict ? "strict mode" : "nopreempt") + "; using 0");
            delay = Duration.ZERO;
        }
        return new Preemption(nopreempt, delay);
    }

    /** Default 1 s; v2 rounds to whole seconds, v3 to centiseconds, as vrrp_complete_instance does. */
    private Duration advertInterval(BlockState b, int version) {
        Duration interval = b.get("advert_int", Duration.class).orElse(Duration.ofSeconds(1));
        SourcePosition at = b.where("advert_int");
        String name = b.name();
        if (version == 2) {
            if (interval.compareTo(MAX_V2_ADVERT) > 0) {
                context.error(at, "(" + name + ") VRRPv2 advert_int must be at most 255 s; using 255");
                return MAX_V2_ADVERT;
            }
            if (interval.getNano() != 0) {
                Duration rounded = Duration.ofSeconds(Math.max(1, interval.plusMillis(500).getSeconds()));
                context.error(at, "(" + name + ") VRRPv2 advert_int " + Values.format(interval)
                        + " must be whole seconds; rounding to " + Values.format(rounded));
                return rounded;
            }
            return interval;
        }
        if (interval.compareTo(MAX_V3_ADVERT) > 0) {
            context.error(at, "(" + name + ") VRRPv3 advert_int " + Values.format(interval)
                    + " is outside 0.01..40.95; using 40.95");
            return MAX_V3_ADVERT;
        }
        long remainder = interval.toNanos() % CENTISECOND.toNanos();
        if (remainder != 0) {
            long centis = Math.max(1, (interval.toNanos() + CENTISECOND.toNanos() / 2) / CENTISECOND.toNanos());
            Duration rounded = CENTISECOND.multipliedBy(centis);
            context.error(at, "(" + name + ") VRRPv3 advert_int " + Values.format(interval)
                    + " must be a multiple of 10 ms; rounding to " + Values.format(rounded));
            return rounded;
        }
        return interval;
    }

    private Optional<IpAddress> multicastGroup(BlockState b, AddressFamily family, boolean unicast) {
        Optional<IpAddress> explicit = b.get("mcast_dst_ip", IpAddress.class);
        if (unicast) {
            if (explicit.isPresent()) {
                context.error(b.where("mcast_dst_ip"), "(" + b.name() + ") mcast_dst_ip with unicast peers; ignoring it");
            }
            return Optional.empty();
        }
        if (explicit.isPresent() && (explicit.get().family() != family || !explicit.get().isMulticast()
                || family == AddressFamily.INET6 && !explicit.get().inet().isMCLinkLocal())) {
            context.error(b.where("mcast_dst_ip"), "(" + b.name() + ") mcast_dst_ip " + explicit.get() + " is not a"
                    + (family == AddressFamily.INET6 ? " link-local" : "n") + " " + label(family)
                    + " multicast address; using the default group");
            explicit = Optional.empty();
        }
        return Optional.of(explicit.orElse(family == AddressFamily.INET ? defaults.mcastGroup4() : defaults.mcastGroup6()));
    }

    private GarpSettings garp(BlockState b, boolean strict) {
        Duration masterDelay = b.get("garp_master_delay", Duration.class).orElse(defaults.garpMasterDelay());
        int masterRepeat = intOr(b, "garp_master_repeat", defaults.garpMasterRepeat());
        Duration lowerDelay = b.get("garp_lower_prio_delay", Duration.class)
                .orElse(strict ? Duration.ZERO : defaults.garpLowerPrioDelay().orElse(masterDelay));
        int lowerRepeat = intOr(b, "garp_lower_prio_repeat",
                strict ? 0 : defaults.garpLowerPrioRepeat().orElse(masterRepeat));
        if (strict && lowerRepeat != 0) {
            context.error(b.where("garp_lower_prio_repeat"), "(" + b.name() + ") strict mode needs "
                    + "garp_lower_prio_repeat 0; using 0");
            lowerRepeat = 0;
        }
        if (strict && !lowerDelay.isZero()) {
            context.error(b.where("garp_lower_prio_delay"), "(" + b.name() + ") strict mode needs "
                    + "garp_lower_prio_delay 0; using 0");
            lowerDelay = Duration.ZERO;
        }
        return new GarpSettings(masterDelay, masterRepeat,
                b.get("garp_master_refresh", Duration.class).orElse(defaults.garpMasterRefresh()),
                intOr(b, "garp_master_refresh_repeat", defaults.garpMasterRefreshRepeat()), lowerDelay, lowerRepeat);
    }

    private static int intOr(BlockState b, String key, int fallback) {
        return b.get(key, Long.class).map(Long::intValue).orElse(fallback);
    }

    /** A setting strict mode forces to {@code strictValue}; otherwise the instance's or the global value. */
    private boolean strictDefault(BlockState b, String key, boolean strict, boolean strictValue, boolean global) {
        Optional<Boolean> explicit = b.get(key, Boolean.class);
        if (strict && explicit.isPresent() && explicit.get() != strictValue) {
            context.error(b.where(key), "(" + b.name() + ") strict mode needs " + key + " " + strictValue
                    + "; using " + strictValue);
            return strictValue;
        }
        return explicit.orElse(strict ? strictValue : global);
    }

    private boolean ownerIgnoreAdverts(BlockState b, boolean owner, boolean strict) {
        Optional<Boolean> explicit = b.get("owner_ignore_adverts", Boolean.class);
        if (explicit.orElse(false) && !owner) {
            context.error(b.where("owner_ignore_adverts"), "(" + b.name() + ") owner_ignore_adverts needs priority "
                    + OWNER_PRIORITY + "; ignoring it");
            return false;
        }
        if (explicit.isEmpty()) {
            return owner && (strict || defaults.ownerIgnoreAdverts());
        }
        if (owner && strict && !explicit.get()) {
            context.error(b.where("owner_ignore_adverts"), "(" + b.name() + ") strict mode with priority "
                    + OWNER_PRIORITY + " needs owner_ignore_adverts; using it");
            return true;
        }
        return explicit.get();
    }

    static StateNotify notifyScripts(BlockState b) {
        return new StateNotify(b.get("notify_master", NotifyScript.class), b.get("notify_backup", NotifyScript.class),
                b.get("notify_fault", NotifyScript.class), b.get("notify_stop", NotifyScript.class),
                b.get("notify_deleted_script", NotifyScript.class), b.flag("notify_deleted"),
                b.get("notify", NotifyScript.class), b.get("notify_master_rx_lower_pri", NotifyScript.class));
    }
}
