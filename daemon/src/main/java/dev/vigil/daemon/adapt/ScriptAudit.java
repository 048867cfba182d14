package dev.vigil.daemon.adapt;

import dev.vigil.conf.model.Checker;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.StateNotify;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.daemon.alert.Endpoint;
import dev.vigil.daemon.alert.ServiceProtocol;
import dev.vigil.daemon.alert.VirtualServerId;
import dev.vigil.daemon.controller.ScriptCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every script of a configuration that Vigil would run — VRRP {@code notify_master/backup/fault/
 * stop} and {@code notify} of instances and sync groups, {@code vrrp_script}s, {@code MISC_CHECK}
 * {@code misc_path}, {@code notify_up/down}, {@code quorum_up/down}, {@code startup_script} and
 * {@code shutdown_script} — with {@link ScriptPolicy}'s verdict for each, in configuration
 * order (keepalived checks the same set at load: vrrp.c {@code check_vrrp_script_security()},
 * check_data.c {@code check_check_script_security()}, main.c for the start/stop scripts).
 *
 * <p>{@link #securityViolation()} is keepalived's "SECURITY VIOLATION - scripts are being executed
 * but script_security not enabled": some script exists (a {@code </path} file test is no script)
 * and {@code enable_script_security} is off ({@code vigil -t} then exits 5). Pure apart from the policy's inspector.
 *
 * @param findings one per script site with a non-empty command
 */
public record ScriptAudit(List<Finding> findings, boolean scriptSecurity) {

    public ScriptAudit {
        findings = List.copyOf(findings);
    }

    /** One script and what the policy decided. */
    public record Finding(ScriptSite site, ScriptVerdict verdict) {
        public Finding {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** Audits every script of {@code config}. */
    public static ScriptAudit of(KeepalivedConfig config, ScriptPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        for (ScriptSite site : sites(config)) {
            ScriptCommand.split(site.command())
                    .ifPresent(words -> findings.add(new Finding(site, policy.vet(words, site.user()))));
        }
        return new ScriptAudit(findings, policy.scriptSecurity());
    }

    /**
     * The findings of the running subsystems only: VRRP's ({@code vrrp_script}, instances, sync
     * groups), the checkers' (virtual and real servers, MISC_CHECK), and always global_defs'.
     */
    public ScriptAudit forSubsystems(boolean vrrp, boolean checkers) {
        return new ScriptAudit(findings.stream().filter(f -> switch (f.site().block()) {
            case "vrrp_script", "vrrp_instance", "vrrp_sync_group" -> vrrp;
            case "virtual_server", "real_server", "MISC_CHECK" -> checkers;
            default -> true;
        }).toList(), scriptSecurity);
    }

    /** The scripts that will not run. */
    public List<Finding> refused() {
        return findings.stream().filter(f -> !f.verdict().allowed()).toList();
    }

    /** Scripts that run but that keepalived warns about. */
    public List<Finding> warned() {
        return findings.stream()
                .filter(f -> f.verdict() instanceof ScriptVerdict.Allowed a && a.warning().isPresent()).toList();
    }

    /**
     * Scripts exist but {@code enable_script_security} is off: the first script site that exists,
     * where {@code -t} reports it, or empty.
     */
    public Optional<ScriptSite> securityViolation() {
        if (scriptSecurity) {
            return Optional.empty();
        }
        return findings.stream()
                .filter(f -> !(f.verdict() instanceof ScriptVerdict.Refused r && r.reason() == RefusalReason.NOT_FOUND))
                .filter(f -> !ScriptCommand.split(f.site().command()).map(ScriptPolicy::isFileTest).orElse(true))
                .map(Finding::site).findFirst();
    }

    /** Every script site of {@code config}, in configuration order within each kind of block. */
    static List<ScriptSite> sites(KeepalivedConfig config) {
        List<ScriptSite> sites = new ArrayList<>();
        var globals = config.globalDefs();
        globals.startupScript().ifPresent(s -> sites.add(site("global_defs", "startup_script", "global_defs", s)));
        globals.shutdownScript().ifPresent(s -> sites.add(site("global_defs", "shutdown_script", "global_defs", s)));
        for (VrrpScript script : config.vrrpScripts()) {
            sites.add(new ScriptSite("vrrp_script", "script", "vrrp_script " + script.name(), script.script(),
                    script.user()));
        }
        for (VrrpInstance instance : config.vrrpInstances()) {
            stateNotify(sites, "vrrp_instance", "(" + instance.name() + ")", instance.notifyScripts());
        }
        for (VrrpSyncGroup group : config.vrrpSyncGroups()) {
            stateNotify(sites, "vrrp_sync_group", "vrrp_sync_group " + group.name(), group.notifyScripts());
        }
        Map<String, VirtualServerGroup> groups = config.virtualServerGroups().stream()
                .collect(Collectors.toMap(VirtualServerGroup::name, Function.identity(), (a, b) -> a));
        for (VirtualServer vs : config.virtualServers()) {
            virtualServer(sites, vs, groups);
        }
        return sites;
    }

    private static void stateNotify(List<ScriptSite> sites, String block, String subject, StateNotify n) {
        n.master().ifPresent(s -> sites.add(site(block, "notify_master", subject, s)));
        n.backup().ifPresent(s -> sites.add(site(block, "notify_backup", subject, s)));
        n.fault().ifPresent(s -> sites.add(site(block, "notify_fault", subject, s)));
        n.stop().ifPresent(s -> sites.add(site(block, "notify_stop", subject, s)));
        n.any().ifPresent(s -> sites.add(site(block, "notify", subject, s)));
    }

    private static void virtualServer(List<ScriptSite> sites, VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        ServiceProtocol protocol = ControllerPlans.protocolOf(vs, groups);
        VirtualServerId id = ControllerPlans.id(vs, protocol);
        String subject = "virtual server " + id.text();
        vs.quorumUp().ifPresent(s -> sites.add(site("virtual_server", "quorum_up", subject, s)));
        vs.quorumDown().ifPresent(s -> sites.add(site("virtual_server", "quorum_down", subject, s)));
        for (RealServer rs : vs.realServers()) {
            int port = rs.port().orElse(vs.key() instanceof dev.vigil.conf.model.ServiceKey.Address a
                    ? a.port().orElse(0) : 0);
            String name = new Endpoint(rs.address().inet(), protocol, port).text() + " of " + id.text();
            rs.notifyUp().ifPresent(s -> sites.add(site("real_server", "notify_up", name, s)));
            rs.notifyDown().ifPresent(s -> sites.add(site("real_server", "notify_down", name, s)));
            for (Checker checker : rs.checkers()) {
                if (checker instanceof Checker.MiscCheck misc) {
                    sites.add(new ScriptSite("MISC_CHECK", "misc_path", name + " MISC_CHECK", misc.path(),
                            misc.user()));
                }
            }
        }
    }

    private static ScriptSite site(String block, String keyword, String subject, NotifyScript script) {
        return new ScriptSite(block, keyword, subject, script.command(), script.runAs());
    }
}
