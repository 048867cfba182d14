package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.model.VrrpAuthentication;
import dev.vigil.conf.model.VrrpDefaults;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpState;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.runtime.GarpSettings;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapts each {@code vrrp_instance} of a configuration into the runtime's
 * {@link VrrpInstanceSettings}, and its notify keywords into a {@link VrrpNotifyPlan}.
 *
 * <p>An instance the runtime cannot run as configured — {@code use_vmac}, {@code auth_type AH},
 * a multicast group other than the IANA one, {@code v3_checksum_as_v2}, no interface — is
 * skipped with an {@link AdaptIssue}: running it differently would fight with peers on the
 * wire. Settings the runtime does not have yet but whose absence only changes local behaviour
 * (trackers, sync groups, virtual routes, excluded VIPs, GARP refresh, ...) are reported as
 * issues and the instance runs without them. Nothing is dropped silently. Pure.
 */
public final class VrrpAdapter {

    /** keepalived's default {@code down_timer_adverts}, the RFC 5798 §6.1 factor 3. */
    private static final int DEFAULT_DOWN_TIMER_ADVERTS = 3;
    /** RFC 5798 §5.1.1.3: adverts carry TTL / hop limit 255, keepalived's unicast_ttl default. */
    private static final int DEFAULT_TTL = 255;
    /** centiseconds per second: the unit of the runtime's advert interval (RFC 5798 §5.2.7). */
    private static final int CENTIS_PER_SECOND = 100;

    /**
     * What {@link #from} produced.
     *
     * @param instances the runnable instances, in configuration order
     * @param notifies  one plan per runnable instance, same order
     * @param issues    everything not adapted as written
     */
    public record Result(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> notifies,
                         List<AdaptIssue> issues) {
        public Result {
            instances = List.copyOf(instances);
            notifies = List.copyOf(notifies);
            issues = List.copyOf(issues);
        }
    }

    private VrrpAdapter() {
    }

    /** Adapts every instance of {@code config}. */
    public static Result from(KeepalivedConfig config) {
        List<VrrpInstanceSettings> instances = new ArrayList<>();
        List<VrrpNotifyPlan> notifies = new ArrayList<>();
        List<AdaptIssue> issues = new ArrayList<>();
        for (VrrpSyncGroup group : config.vrrpSyncGroups()) {
            issues.add(new AdaptIssue("vrrp_sync_group " + group.name(), "sync groups are not supported yet; members "
                    + String.join(", ", group.members()) + " change state independently and the group's notify "
                    + "scripts are not run"));
        }
        for (VrrpInstance instance : config.vrrpInstances()) {
            Optional<VrrpInstanceSettings> settings = settings(instance, config.globalDefs().vrrp(), issues);
            if (settings.isPresent()) {
                instances.add(settings.get());
                notifies.add(notifyPlan(instance, config.globalDefs(), issues));
            }
        }
        return new Result(instances, notifies, issues);
    }

    /** The runtime settings of one instance, or empty (with an issue saying why) when it cannot run. */
    static Optional<VrrpInstanceSettings> settings(VrrpInstance instance, VrrpDefaults defaults,
                                                   List<AdaptIssue> issues) {
        String subject = "(" + instance.name() + ")";
        Optional<String> refusal = refusal(instance);
        if (refusal.isPresent()) {
            issues.add(new AdaptIssue(subject, refusal.get() + "; the instance is not started"));
            return Optional.empty();
        }
        reportIgnored(instance, subject, issues);
        VrrpVersion version = instance.version() == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        AddressFamily family = instance.family() == dev.vigil.conf.model.AddressFamily.INET6
                ? AddressFamily.IPV6 : AddressFamily.IPV4;
        List<VirtualAddress> vips = new ArrayList<>();
        for (VirtualIpAddress vip : instance.virtualIpAddresses()) {
            vips.add(virtualAddress(vip, subject, issues));
        }
        boolean unicast = instance.unicast() && !instance.unicastPeers().isEmpty();
        List<UnicastPeer> peers = unicast ? instance.unicastPeers().stream().map(VrrpAdapter::peer).toList() : List.of();
        Optional<InetAddress> source = instance.sourceAddress().map(a -> a.inet());
        AuthType authType = AuthType.NONE;
        String password = "";
        if (instance.authentication().isPresent()) {
            if (version == VrrpVersion.V2 && family == AddressFamily.IPV4) {
                authType = AuthType.PASS;
                password = instance.authentication().get().password();
            } else {
                issues.add(new AdaptIssue(subject, "authentication needs VRRPv2 over IPv4; ignoring it"));
            }
        }
        try {
            return Optional.of(new VrrpInstanceSettings(instance.name(), instance.interfaceName().orElseThrow(),
                    instance.virtualRouterId(), version, family, instance.priority(), centis(instance.advertInterval()),
                    authType, password, vips, unicast ? source : Optional.empty(), peers,
                    unicast ? Optional.empty() : source, instance.initialState() == VrrpState.MASTER,
                    instance.nopreempt(), instance.preemptDelay(), garp(instance, defaults, family)));
        } catch (IllegalArgumentException e) {
            issues.add(new AdaptIssue(subject, e.getMessage() + "; the instance is not started"));
            return Optional.empty();
        }
    }

    /** Why the runtime cannot run this instance at all, if it cannot. */
    private static Optional<String> refusal(VrrpInstance instance) {
        if (instance.interfaceName().isEmpty()) {
            return Optional.of("no interface: the runtime needs one to send and receive adverts");
        }
        if (instance.useVmac().isPresent()) {
            return Optional.of("use_vmac is not supported yet");
        }
        if (instance.authentication().map(a -> a.type() == VrrpAuthentication.Type.AH).orElse(false)) {
            return Optional.of("auth_type AH is not supported");
        }
        if (instance.v3ChecksumAsV2()) {
            return Optional.of("v3_checksum_as_v2 is not supported yet");
        }
        boolean multicast = !(instance.unicast() && !instance.unicastPeers().isEmpty());
        if (multicast && instance.multicastGroup().isPresent()) {
            InetAddress group = instance.multicastGroup().get().inet();
            InetAddress iana = instance.family() == dev.vigil.conf.model.AddressFamily.INET6
                    ? VrrpDefaults.MCAST_GROUP6.inet() : VrrpDefaults.MCAST_GROUP4.inet();
            if (!group.equals(iana)) {
                return Optional.of("multicast group " + group.getHostAddress() + " is not supported yet (only "
                        + iana.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /** Settings the runtime does not act on yet; the instance runs without them. */
    private static void reportIgnored(VrrpInstance instance, String subject, List<AdaptIssue> issues) {
        List<String> ignored = new ArrayList<>();
        addIf(ignored, !instance.trackInterfaces().isEmpty(), "track_interface");
        addIf(ignored, !instance.trackScripts().isEmpty(), "track_script");
        addIf(ignored, !instance.trackFiles().isEmpty(), "track_file");
        addIf(ignored, instance.trackSourceIp(), "track_src_ip");
        addIf(ignored, !instance.excludedVirtualIpAddresses().isEmpty(), "virtual_ipaddress_excluded");
        addIf(ignored, !instance.virtualRoutes().isEmpty(), "virtual_routes");
        addIf(ignored, !instance.virtualRules().isEmpty(), "virtual_rules");
        addIf(ignored, instance.unicastTtl().map(t -> t != DEFAULT_TTL).orElse(false), "unicast_ttl");
        addIf(ignored, instance.unicastFaultNoPeer(), "unicast_fault_no_peer");
        addIf(ignored, instance.lowerPrioNoAdvert(), "lower_prio_no_advert");
        addIf(ignored, instance.higherPrioSendAdvert(), "higher_prio_send_advert");
        addIf(ignored, instance.ownerIgnoreAdverts(), "owner_ignore_adverts");
        addIf(ignored, instance.downTimerAdverts() != DEFAULT_DOWN_TIMER_ADVERTS, "down_timer_adverts");
        addIf(ignored, !instance.accept(), "no_accept (packets to the VIPs are not dropped)");
        addIf(ignored, instance.promoteSecondaries(), "promote_secondaries");
        addIf(ignored, !instance.garp().masterRefresh().isZero(), "garp_master_refresh");
        addIf(ignored, instance.notifyScripts().masterRxLowerPri().isPresent(), "notify_master_rx_lower_pri");
        if (!ignored.isEmpty()) {
            issues.add(new AdaptIssue(subject, "not supported yet, ignored: " + String.join(", ", ignored)));
        }
    }

    private static void addIf(List<String> list, boolean condition, String keyword) {
        if (condition) {
            list.add(keyword);
        }
    }

    private static VirtualAddress virtualAddress(VirtualIpAddress vip, String subject, List<AdaptIssue> issues) {
        List<String> ignored = new ArrayList<>();
        addIf(ignored, vip.broadcast().isPresent(), "brd");
        addIf(ignored, vip.scope().isPresent(), "scope");
        addIf(ignored, vip.peer().isPresent(), "peer");
        addIf(ignored, vip.home(), "home");
        addIf(ignored, vip.noDad(), "-nodad");
        addIf(ignored, vip.manageTempAddress(), "mngtmpaddr");
        addIf(ignored, vip.noPrefixRoute(), "noprefixroute");
        addIf(ignored, vip.autoJoin(), "autojoin");
        addIf(ignored, vip.noTrack(), "no_track");
        addIf(ignored, vip.preferredLifetime().isPresent(), "preferred_lft");
        if (!ignored.isEmpty()) {
            issues.add(new AdaptIssue(subject, "VIP " + vip.address() + ": options not supported yet, ignored: "
                    + String.join(", ", ignored)));
        }
        return new VirtualAddress(vip.address().address().inet(), vip.address().length(), vip.label(), vip.device());
    }

    private static UnicastPeer peer(dev.vigil.conf.model.UnicastPeer peer) {
        return new UnicastPeer(peer.address().inet(), peer.minTtl().orElse(0), peer.maxTtl().orElse(DEFAULT_TTL));
    }

    /**
     * The runtime's GARP settings: the instance's resolved values, with the burst pause from
     * {@code vrrp_garp_interval} (IPv4) or {@code vrrp_gna_interval} (IPv6).
     */
    private static GarpSettings garp(VrrpInstance instance, VrrpDefaults defaults, AddressFamily family) {
        Duration interval = family == AddressFamily.IPV4 ? defaults.garpInterval() : defaults.gnaInterval();
        return new GarpSettings(instance.garp().masterDelay(), instance.garp().masterRepeat(),
                instance.garp().lowerPrioRepeat(), interval);
    }

    /** advert_int in centiseconds (the conf layer already rounded v2 to seconds and v3 to 10 ms). */
    static int centis(Duration advertInterval) {
        return (int) (advertInterval.toMillis() * CENTIS_PER_SECOND / 1000);
    }

    private static VrrpNotifyPlan notifyPlan(VrrpInstance instance, GlobalDefs globals, List<AdaptIssue> issues) {
        String subject = "(" + instance.name() + ")";
        var n = instance.notifyScripts();
        return new VrrpNotifyPlan(instance.name(),
                n.master().flatMap(s -> ControllerPlans.script(s, globals, subject + " notify_master", issues)),
                n.backup().flatMap(s -> ControllerPlans.script(s, globals, subject + " notify_backup", issues)),
                n.fault().flatMap(s -> ControllerPlans.script(s, globals, subject + " notify_fault", issues)),
                n.stop().flatMap(s -> ControllerPlans.script(s, globals, subject + " notify_stop", issues)),
                n.any().flatMap(s -> ControllerPlans.script(s, globals, subject + " notify", issues)),
                instance.smtpAlert());
    }

    /** For the notify script of an instance: the script's argv with keepalived's four arguments appended. */
    public static ScriptCommand withArguments(ScriptCommand script, List<String> arguments) {
        List<String> argv = new ArrayList<>(script.argv());
        argv.addAll(Objects.requireNonNull(arguments, "arguments"));
        return new ScriptCommand(argv, script.user(), script.group());
    }
}
