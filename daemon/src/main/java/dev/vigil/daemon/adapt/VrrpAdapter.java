package dev.vigil.daemon.adapt;

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
import dev.vigil.vrrp.runtime.InstanceOptions;
import dev.vigil.vrrp.runtime.RuntimeDefinitions;
import dev.vigil.vrrp.runtime.SyncGroupSettings;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import dev.vigil.vrrp.track.TrackerSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adapts each {@code vrrp_instance} of a configuration into the runtime's
 * {@link VrrpInstanceSettings} (with its {@link InstanceOptions} and trackers), its notify
 * keywords into a {@link VrrpNotifyPlan}, and the {@code vrrp_script}s, {@code track_file}s and
 * {@code vrrp_sync_group}s into the runtime's {@link RuntimeDefinitions} ({@link VrrpTracking})
 * with one notify plan per sync group.
 *
 * <p>An instance the runtime cannot run as configured — no interface — is skipped with an
 * {@link AdaptIssue}: running it differently would fight with peers on the wire. Settings the
 * runtime does not have yet but whose absence only changes local behaviour ({@code track_src_ip},
 * {@code no_accept}, ...) are reported as issues and the instance runs without them; excluded
 * VIPs, virtual routes and rules are adapted by {@link RoutingAdapter}, {@code use_vmac} and
 * multicast groups by {@link VmacSettings}. Nothing is dropped silently. Pure.
 */
public final class VrrpAdapter {

    /** RFC 5798 §5.1.1.3: adverts carry TTL / hop limit 255, keepalived's unicast_ttl default. */
    private static final int DEFAULT_TTL = 255;
    /** centiseconds per second: the unit of the runtime's advert interval (RFC 5798 §5.2.7). */
    private static final int CENTIS_PER_SECOND = 100;

    /**
     * What {@link #from} produced.
     *
     * @param instances     the runnable instances, in configuration order
     * @param notifies      one plan per runnable instance, same order
     * @param definitions   the scripts, files and sync groups the runtime needs with them
     * @param groupNotifies one plan per started sync group, named after the group (its
     *                      {@code notify_*} scripts get keepalived's {@code GROUP} arguments)
     * @param issues        everything not adapted as written
     */
    public record Result(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> notifies,
                         RuntimeDefinitions definitions, List<VrrpNotifyPlan> groupNotifies,
                         List<AdaptIssue> issues) {
        public Result {
            instances = List.copyOf(instances);
            notifies = List.copyOf(notifies);
            Objects.requireNonNull(definitions, "definitions");
            groupNotifies = List.copyOf(groupNotifies);
            issues = List.copyOf(issues);
        }

        /** Instances without scripts, files or sync groups. */
        public Result(List<VrrpInstanceSettings> instances, List<VrrpNotifyPlan> notifies, List<AdaptIssue> issues) {
            this(instances, notifies, RuntimeDefinitions.NONE, List.of(), issues);
        }
    }

    private VrrpAdapter() {
    }

    /** Adapts every instance of {@code config}, scripts vetted against this host ({@link ScriptPolicy#forHost}). */
    public static Result from(KeepalivedConfig config) {
        return from(config, ScriptPolicy.forHost(config.globalDefs()));
    }

    /**
     * Adapts every instance of {@code config}; scripts {@code scripts} refuses are left out (notify
     * scripts are not run, a refused vrrp_script is not tracked), and {@link ScriptAudit} reports them.
     */
    public static Result from(KeepalivedConfig config, ScriptPolicy scripts) {
        List<VrrpInstanceSettings> instances = new ArrayList<>();
        List<VrrpNotifyPlan> notifies = new ArrayList<>();
        List<AdaptIssue> issues = new ArrayList<>();
        VrrpTracking tracking = VrrpTracking.definitions(config, scripts, issues);
        for (VrrpInstance instance : config.vrrpInstances()) {
            Optional<VrrpInstanceSettings> settings = settings(instance, config.globalDefs().vrrp(), issues);
            if (settings.isPresent()) {
                List<TrackerSpec> configured = tracking.trackers(instance.trackInterfaces(), instance.trackScripts(),
                        instance.trackFiles(), "(" + instance.name() + ")", issues);
                instances.add(settings.get().withTrackers(RoutingAdapter.withImplicitTracking(instance,
                        settings.get().vmacInterface(), configured)));
                notifies.add(notifyPlan(instance, scripts, issues));
            }
        }
        Set<String> running = instances.stream().map(VrrpInstanceSettings::name).collect(Collectors.toSet());
        List<SyncGroupSettings> groups = tracking.syncGroups(config.vrrpSyncGroups(), running, issues);
        Set<String> started = groups.stream().map(SyncGroupSettings::name).collect(Collectors.toSet());
        List<VrrpNotifyPlan> groupNotifies = config.vrrpSyncGroups().stream()
                .filter(g -> started.contains(g.name()))
                .map(g -> groupNotifyPlan(g, scripts, issues)).toList();
        return new Result(instances, notifies, tracking.runtimeDefinitions(groups), groupNotifies, issues);
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
                authType = instance.authentication().get().type() == VrrpAuthentication.Type.AH
                        ? AuthType.AH : AuthType.PASS;
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
                    instance.nopreempt(), instance.preemptDelay(), garp(instance, defaults, family))
                    .withOptions(options(instance, defaults))
                    .withRouting(RoutingAdapter.instance(instance, subject, issues)))
                    .map(s -> VmacSettings.apply(instance, s, subject, issues));
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
        return Optional.empty();
    }

    /** Settings the runtime does not act on yet; the instance runs without them. */
    private static void reportIgnored(VrrpInstance instance, String subject, List<AdaptIssue> issues) {
        List<String> ignored = new ArrayList<>();
        addIf(ignored, instance.trackSourceIp(), "track_src_ip");
        addIf(ignored, instance.unicastFaultNoPeer(), "unicast_fault_no_peer");
        addIf(ignored, !instance.accept(), "no_accept (packets to the VIPs are not dropped)");
        addIf(ignored, instance.promoteSecondaries(), "promote_secondaries");
        addIf(ignored, instance.notifyScripts().masterRxLowerPri().isPresent(), "notify_master_rx_lower_pri");
        if (!ignored.isEmpty()) {
            issues.add(new AdaptIssue(subject, "not supported yet, ignored: " + String.join(", ", ignored)));
        }
    }

    /**
     * The less common per-instance options; the conf layer has already resolved each from the
     * instance's keyword and its global default, except {@code vrrp_startup_delay} (global only).
     */
    private static InstanceOptions options(VrrpInstance instance, VrrpDefaults defaults) {
        return new InstanceOptions(instance.downTimerAdverts(), instance.lowerPrioNoAdvert(),
                instance.higherPrioSendAdvert(), defaults.startupDelay(), instance.skipCheckAdvAddr(),
                instance.checkUnicastSrc(), instance.ownerIgnoreAdverts(), instance.unicastTtl().orElse(DEFAULT_TTL),
                instance.v3ChecksumAsV2(), instance.dontTrackPrimary());
    }

    private static void addIf(List<String> list, boolean condition, String keyword) {
        if (condition) {
            list.add(keyword);
        }
    }

    private static VirtualAddress virtualAddress(VirtualIpAddress vip, String subject, List<AdaptIssue> issues) {
        return RoutingAdapter.address(vip, subject, issues);
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
        var g = instance.garp();
        return new GarpSettings(g.masterDelay(), g.masterRepeat(), g.lowerPrioRepeat(), interval)
                .withMasterRefresh(g.masterRefresh(), g.masterRefreshRepeat())
                .withLowerPrioDelay(g.lowerPrioDelay());
    }

    /** advert_int in centiseconds (the conf layer already rounded v2 to seconds and v3 to 10 ms). */
    static int centis(Duration advertInterval) {
        return (int) (advertInterval.toMillis() * CENTIS_PER_SECOND / 1000);
    }

    private static VrrpNotifyPlan notifyPlan(VrrpInstance instance, ScriptPolicy scripts, List<AdaptIssue> issues) {
        String subject = "(" + instance.name() + ")";
        var n = instance.notifyScripts();
        return new VrrpNotifyPlan(instance.name(),
                n.master().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_master", issues)),
                n.backup().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_backup", issues)),
                n.fault().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_fault", issues)),
                n.stop().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_stop", issues)),
                n.any().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify", issues)),
                instance.smtpAlert(),
                n.deleted().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_deleted", issues)),
                n.notifyDeleted());
    }

    /** The notify plan of a sync group: its scripts get {@code GROUP <name> <state>} with {@code notify}. */
    private static VrrpNotifyPlan groupNotifyPlan(VrrpSyncGroup group, ScriptPolicy scripts, List<AdaptIssue> issues) {
        String subject = "vrrp_sync_group " + group.name();
        var n = group.notifyScripts();
        addIssueIf(issues, n.masterRxLowerPri().isPresent(), subject,
                "notify_master_rx_lower_pri is not supported yet, ignored");
        return new VrrpNotifyPlan(group.name(),
                n.master().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_master", issues)),
                n.backup().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_backup", issues)),
                n.fault().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_fault", issues)),
                n.stop().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify_stop", issues)),
                n.any().flatMap(s -> ControllerPlans.script(s, scripts, subject + " notify", issues)),
                group.smtpAlert());
    }

    private static void addIssueIf(List<AdaptIssue> issues, boolean condition, String subject, String text) {
        if (condition) {
            issues.add(new AdaptIssue(subject, text));
        }
    }

    /** For the notify script of an instance: the script's argv with keepalived's four arguments appended. */
    public static ScriptCommand withArguments(ScriptCommand script, List<String> arguments) {
        List<String> argv = new ArrayList<>(script.argv());
        argv.addAll(Objects.requireNonNull(arguments, "arguments"));
        return new ScriptCommand(argv, script.user(), script.group());
    }
}
