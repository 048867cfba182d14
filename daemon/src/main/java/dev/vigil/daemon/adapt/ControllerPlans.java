package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.daemon.alert.Endpoint;
import dev.vigil.daemon.alert.ServiceProtocol;
import dev.vigil.daemon.alert.VirtualServerId;
import dev.vigil.daemon.controller.CheckerPlan;
import dev.vigil.daemon.controller.HealthController;
import dev.vigil.daemon.controller.RealServerPlan;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.SorryServerPlan;
import dev.vigil.daemon.controller.StopMode;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the controller's {@link VirtualServerPlan}s from a loaded configuration: IPVS services
 * and destinations through {@link IpvsAdapter}, checkers through {@link CheckSpecAdapter},
 * notify scripts split into words with their account, names for alerts as keepalived prints
 * them ({@code format_vs()}, {@code format_rs()}).
 *
 * <p>Rules applied here (check_data.c {@code validate_check_config()}): a real server or
 * sorry server without a port takes the virtual server's (0 for fwmark and group services).
 * Deviation: keepalived leaves a NAT sorry server without a port at port 0, which masquerades
 * to port 0; Vigil gives it the service's port like a real server;
 * the sorry server's weight is 1; scripts get their account and are vetted by
 * {@link ScriptPolicy} (a refused script is left out; {@link ScriptAudit} reports it). A service
 * claimed by an earlier virtual server is refused for the later one. Pure apart from the
 * policy's file checks.
 */
public final class ControllerPlans {

    /** keepalived gives the sorry server weight 1 (check_data.c {@code alloc_ssvr()}). */
    static final int SORRY_SERVER_WEIGHT = 1;

    /** The plans and what could not be adapted. */
    public record Result(List<VirtualServerPlan> plans, List<AdaptIssue> issues) {
        public Result {
            plans = List.copyOf(plans);
            issues = List.copyOf(issues);
        }
    }

    private ControllerPlans() {
    }

    /** The plans of {@code config}, scripts vetted against this host ({@link ScriptPolicy#forHost}). */
    public static Result from(KeepalivedConfig config) {
        return from(config, ScriptPolicy.forHost(config.globalDefs()));
    }

    /** As {@link #from(KeepalivedConfig)}, with scripts vetted by {@code scripts}. */
    public static Result from(KeepalivedConfig config, ScriptPolicy scripts) {
        Map<String, VirtualServerGroup> groups = config.virtualServerGroups().stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, Function.identity(), (a, b) -> a));
        List<AdaptIssue> issues = new ArrayList<>();
        List<VirtualServerPlan> plans = new ArrayList<>();
        Set<ServiceKey> claimed = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (VirtualServer vs : config.virtualServers()) {
            plan(vs, config, groups, claimed, names, scripts, issues).ifPresent(plans::add);
        }
        return new Result(plans, issues);
    }

    /**
     * The controller options the global settings ask for: {@code lvs_flush} flushes the table at
     * start; at stop the table is kept with keepalived's {@code -I} ({@code dontReleaseIpvs}),
     * flushed whole with {@code lvs_flush_on_stop}, else the controller's own services are
     * removed.
     */
    public static HealthController.Options options(GlobalDefs globals, boolean dontReleaseIpvs) {
        StopMode stop = dontReleaseIpvs ? StopMode.KEEP
                : globals.lvsFlushOnStop() ? StopMode.FLUSH_ALL : StopMode.REMOVE_OWN;
        return HealthController.Options.defaults().withFlushAtStart(globals.lvsFlush()).withStopMode(stop);
    }

    private static Optional<VirtualServerPlan> plan(VirtualServer vs, KeepalivedConfig config,
                                                    Map<String, VirtualServerGroup> groups, Set<ServiceKey> claimed,
                                                    Set<String> names, ScriptPolicy scripts, List<AdaptIssue> issues) {
        ServiceProtocol protocol = protocolOf(vs, groups);
        VirtualServerId id = id(vs, protocol);
        String subject = "virtual server " + id.text();
        List<VirtualService> services = new ArrayList<>();
        for (ServiceKey key : IpvsAdapter.serviceKeys(vs, groups, subject, issues)) {
            if (claimed.add(key)) {
                services.add(IpvsAdapter.service(vs, key, subject, issues));
            } else {
                issues.add(new AdaptIssue(subject, "service " + key + " already belongs to an earlier "
                        + "virtual server; ignoring it here"));
            }
        }
        if (services.isEmpty()) {
            issues.add(new AdaptIssue(subject, "no IPVS service left; virtual server skipped"));
            return Optional.empty();
        }
        List<RealServerPlan> realServers = new ArrayList<>();
        for (RealServer rs : vs.realServers()) {
            realServers.add(realServer(vs, rs, id, protocol, config, names, scripts, issues));
        }
        Optional<SorryServerPlan> sorry = vs.sorryServer().map(s -> sorryServer(vs, s));
        return Optional.of(new VirtualServerPlan(id, services, vs.quorum(), vs.hysteresis(),
                vs.quorumUp().flatMap(s -> script(s, scripts, subject, issues)),
                vs.quorumDown().flatMap(s -> script(s, scripts, subject, issues)),
                vs.omega(), vs.smtpAlert(), sorry, realServers));
    }

    private static RealServerPlan realServer(VirtualServer vs, RealServer rs, VirtualServerId id,
                                             ServiceProtocol protocol, KeepalivedConfig config, Set<String> names,
                                             ScriptPolicy scripts, List<AdaptIssue> issues) {
        int port = rs.port().orElse(servicePort(vs));
        Endpoint endpoint = new Endpoint(rs.address().inet(), protocol, port);
        String name = unique(endpoint.text() + " of " + id.text(), names);
        GlobalDefs globals = config.globalDefs();
        CheckSpecAdapter.Context context = new CheckSpecAdapter.Context(rs.address(), port, rs.alpha() || vs.alpha(),
                rs.virtualhost().or(vs::virtualhost), globals.checkerLogAllFailures(), config.ssl(), scripts,
                rs.weight(), config.trackFiles());
        List<CheckerPlan> checkers = new ArrayList<>();
        for (Checker checker : rs.checkers()) {
            Optional<CheckSpec> spec = CheckSpecAdapter.adapt(checker, context, name, issues);
            spec.ifPresent(s -> checkers.add(new CheckerPlan(unique(name + " " + checker.keyword(), names), s,
                    CheckerPlan.typeOf(s))));
        }
        return new RealServerPlan(name, endpoint,
                IpvsAdapter.destination(rs.address(), port, rs.forwarding(), rs.weight(), rs.upperThreshold(),
                        rs.lowerThreshold()),
                rs.inhibitOnFailure(), rs.notifyUp().flatMap(s -> script(s, scripts, name, issues)),
                rs.notifyDown().flatMap(s -> script(s, scripts, name, issues)), rs.smtpAlert(), checkers);
    }

    private static SorryServerPlan sorryServer(VirtualServer vs, SorryServer sorry) {
        int port = sorry.port().orElse(servicePort(vs));
        return new SorryServerPlan(IpvsAdapter.destination(sorry.address(), port, sorry.forwarding(),
                SORRY_SERVER_WEIGHT, Optional.empty(), Optional.empty()), sorry.inhibit());
    }

    /** keepalived's {@code format_vs()}: the service, {@code FWM n} or {@code [group]:port}. */
    static VirtualServerId id(VirtualServer vs, ServiceProtocol protocol) {
        return switch (vs.key()) {
            case dev.vigil.conf.model.ServiceKey.Address a ->
                    new VirtualServerId.Service(new Endpoint(a.address().inet(), protocol, a.port().orElse(0)));
            case dev.vigil.conf.model.ServiceKey.Fwmark f -> new VirtualServerId.Fwmark(f.mark());
            case dev.vigil.conf.model.ServiceKey.Group g -> new VirtualServerId.Group(g.name(), 0);
        };
    }

    /** The port a real server without one takes: the virtual server's (none for fwmark and groups). */
    private static int servicePort(VirtualServer vs) {
        return vs.key() instanceof dev.vigil.conf.model.ServiceKey.Address a ? a.port().orElse(0) : 0;
    }

    /** The protocol alerts print: the service's, or "none" for fwmark services. */
    static ServiceProtocol protocolOf(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        boolean fwmarkOnly = switch (vs.key()) {
            case dev.vigil.conf.model.ServiceKey.Fwmark f -> true;
            case dev.vigil.conf.model.ServiceKey.Address a -> false;
            case dev.vigil.conf.model.ServiceKey.Group g -> groups.containsKey(g.name()) && fwmarkOnly(groups.get(g.name()));
        };
        if (fwmarkOnly) {
            return ServiceProtocol.NONE;
        }
        return switch (vs.protocol()) {
            case TCP -> ServiceProtocol.TCP;
            case UDP -> ServiceProtocol.UDP;
            case SCTP -> ServiceProtocol.SCTP;
        };
    }

    /**
     * A notify script split into words, with its account (its own, else script_user, else
     * keepalived_script), or empty when it is empty (an issue) or refused by {@code scripts}
     * (which {@link ScriptAudit} reports, so not here).
     */
    static Optional<ScriptCommand> script(NotifyScript script, ScriptPolicy scripts, String subject,
                                          List<AdaptIssue> issues) {
        Optional<List<String>> words = ScriptCommand.split(script.command());
        if (words.isEmpty()) {
            issues.add(new AdaptIssue(subject, "empty script; ignoring it"));
            return Optional.empty();
        }
        return scripts.vet(words.get(), script.runAs()) instanceof ScriptVerdict.Allowed allowed
                ? Optional.of(allowed.command()) : Optional.empty();
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        for (int n = 2; !names.add(candidate); n++) {
            candidate = name + " #" + n;
        }
        return candidate;
    }

    /** Whether a group holds only fwmark entries (its services then have no protocol). */
    static boolean fwmarkOnly(VirtualServerGroup group) {
        return group.entries().stream().allMatch(VsgEntry.Fwmark.class::isInstance);
    }
}
