package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.parse.ConfTreeReader;
import dev.vigil.conf.parse.ReadOptions;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.daemon.controller.ScriptFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every kind of script keepalived vets is found, vetted with the same policy the adapters use,
 * and reported at its own line; the adapters leave refused scripts out.
 */
class ScriptAuditTest {

    /** Line numbers below are those of this text (1-based). */
    private static final String CONFIG = """
            global_defs {
                startup_script "/opt/unsafe.sh start"
                shutdown_script /opt/ok.sh
            }
            vrrp_script chk {
                script "/opt/unsafe.sh check"
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 1
                notify_master /opt/unsafe.sh
                notify_backup /opt/missing.sh
                notify "/opt/ok.sh x"
                track_script {
                    chk
                }
                virtual_ipaddress {
                    10.1.0.1
                }
            }
            vrrp_sync_group G {
                group {
                    VI_1
                }
                notify_fault /opt/unsafe.sh
            }
            virtual_server 10.1.0.1 80 {
                quorum_up /opt/unsafe.sh
                lb_algo rr
                real_server 10.1.0.2 80 {
                    notify_up /opt/unsafe.sh
                    notify_down /opt/ok.sh
                    MISC_CHECK {
                        misc_path "/opt/unsafe.sh misc"
                    }
                }
            }
            """;

    private static final Map<String, ScriptFile> FILES = Map.of(
            "/opt/unsafe.sh", new ScriptFile.Found(Path.of("/opt/unsafe.sh"), true, false,
                    Optional.of("/opt/unsafe.sh is writable by everyone")),
            "/opt/ok.sh", ScriptFile.Found.safe(Path.of("/opt/ok.sh")),
            "/opt/missing.sh", new ScriptFile.Missing("/opt/missing.sh does not exist"));

    private static ScriptPolicy policy(boolean security) {
        return new ScriptPolicy(security ? Optional.of(new dev.vigil.conf.model.ScriptUser("root", Optional.empty()))
                : Optional.empty(), security, "root", name -> name.equals("root"), FILES::get);
    }

    private static KeepalivedConfig config(String globals) {
        return TestConfigs.load(CONFIG.replace("global_defs {\n", "global_defs {\n" + globals));
    }

    private static List<ConfNode> tree(String text) {
        return new ConfTreeReader(ReadOptions.defaults()).read("k.conf", text, Path.of("."), new Diagnostics());
    }

    @Test
    void everyScriptKindIsFoundInOrder() {
        ScriptAudit audit = ScriptAudit.of(config(""), policy(false));
        assertEquals(List.of(
                "startup_script of global_defs", "shutdown_script of global_defs", "script of vrrp_script chk",
                "notify_master of (VI_1)", "notify_backup of (VI_1)", "notify of (VI_1)",
                "notify_fault of vrrp_sync_group G", "quorum_up of virtual server [10.1.0.1]:tcp:80",
                "notify_up of [10.1.0.2]:tcp:80 of [10.1.0.1]:tcp:80",
                "notify_down of [10.1.0.2]:tcp:80 of [10.1.0.1]:tcp:80",
                "misc_path of [10.1.0.2]:tcp:80 of [10.1.0.1]:tcp:80 MISC_CHECK"),
                audit.findings().stream().map(f -> f.site().describe()).toList());
        assertEquals(6, audit.forSubsystems(false, true).findings().size(), "global_defs and checker scripts");
        assertEquals(7, audit.forSubsystems(true, false).findings().size(), "global_defs and VRRP scripts");
    }

    @Test
    void underScriptSecurityUnsafeScriptsAreRefusedAtTheirLines() {
        String globals = "    enable_script_security\n    script_user root\n";
        ScriptAudit audit = ScriptAudit.of(config(globals), policy(true));
        assertEquals(Optional.empty(), audit.securityViolation());
        List<Diagnostic> diagnostics = ScriptReport.diagnostics(audit,
                tree(CONFIG.replace("global_defs {\n", "global_defs {\n" + globals)), "k.conf");
        List<String> lines = diagnostics.stream().map(Diagnostic::headline).toList();
        String unsafe = " refused (unsafe_permissions): it would run as root, but /opt/unsafe.sh is writable by"
                + " everyone";
        assertEquals("k.conf:4:5: warning: startup_script of global_defs: script '/opt/unsafe.sh start'" + unsafe,
                lines.get(0).substring(0, lines.get(0).indexOf(" (enable_script_security)")));
        assertTrue(lines.get(1).startsWith("k.conf:8:5: warning: script of vrrp_script chk: script"
                + " '/opt/unsafe.sh check'" + unsafe), lines::toString);
        assertTrue(lines.get(2).startsWith("k.conf:13:5: warning: notify_master of (VI_1): script '/opt/unsafe.sh'"
                + unsafe), lines::toString);
        assertEquals("k.conf:14:5: warning: notify_backup of (VI_1): script '/opt/missing.sh' refused (not_found):"
                + " /opt/missing.sh does not exist; it will not run", lines.get(3));
        assertTrue(lines.get(4).startsWith("k.conf:27:5: warning: notify_fault of vrrp_sync_group G"), lines::toString);
        assertTrue(lines.get(5).startsWith("k.conf:30:5: warning: quorum_up of virtual server"), lines::toString);
        assertTrue(lines.get(6).startsWith("k.conf:33:9: warning: notify_up of [10.1.0.2]:tcp:80"), lines::toString);
        assertTrue(lines.get(7).startsWith("k.conf:36:13: warning: misc_path of [10.1.0.2]:tcp:80 of"
                + " [10.1.0.1]:tcp:80 MISC_CHECK: script '/opt/unsafe.sh misc'" + unsafe), lines::toString);
        assertEquals(8, lines.size(), lines::toString);
        assertTrue(diagnostics.stream().allMatch(d -> d.severity() == Severity.WARNING));
        assertTrue(lines.stream().allMatch(l -> l.endsWith("; it will not run")), lines::toString);
    }

    @Test
    void withoutScriptSecurityTheViolationIsReportedOnceAndUnsafeScriptsAreWarnedAbout() {
        ScriptAudit audit = ScriptAudit.of(config(""), policy(false));
        assertEquals("startup_script", audit.securityViolation().orElseThrow().keyword());
        List<String> lines = ScriptReport.diagnostics(audit, tree(CONFIG), "k.conf").stream()
                .map(Diagnostic::headline).toList();
        assertTrue(lines.get(0).startsWith("k.conf:2:5: warning: scripts are configured but enable_script_security"
                + " is not set (keepalived: SECURITY VIOLATION)"), lines::toString);
        assertEquals(1, lines.stream().filter(l -> l.contains("SECURITY VIOLATION")).count());
        assertTrue(lines.get(1).startsWith("k.conf:2:5: warning: startup_script of global_defs: script"
                + " '/opt/unsafe.sh start' runs as root, but /opt/unsafe.sh is writable by everyone"), lines::toString);
        assertEquals(1, lines.stream().filter(l -> l.contains("refused")).count(), "only the missing one: " + lines);
    }

    @Test
    void scriptSecurityWithoutAnAccountIsAnErrorForEachScriptWithoutItsOwnUser() {
        ScriptPolicy noAccount = new ScriptPolicy(Optional.empty(), true, "root", name -> name.equals("root"),
                FILES::get);
        ScriptAudit audit = ScriptAudit.of(config("    enable_script_security\n"), noAccount);
        List<Diagnostic> diagnostics = ScriptReport.diagnostics(audit, List.of(), "k.json");
        assertEquals(11, diagnostics.size());
        assertTrue(diagnostics.stream().allMatch(d -> d.severity() == Severity.ERROR
                && d.headline().startsWith("k.json:1:1: error: ") && d.message().contains("refused (account)")),
                diagnostics::toString);
    }

    @Test
    void theAdaptersLeaveRefusedScriptsOut() {
        String globals = "    enable_script_security\n    script_user root\n";
        KeepalivedConfig config = config(globals);
        ScriptPolicy policy = policy(true);
        VrrpAdapter.Result vrrp = VrrpAdapter.from(config, policy);
        VrrpNotifyPlan plan = vrrp.notifies().getFirst();
        assertEquals(Optional.empty(), plan.master());
        assertEquals(Optional.empty(), plan.backup());
        assertEquals(new dev.vigil.daemon.controller.ScriptCommand(List.of("/opt/ok.sh", "x"), Optional.of("root"),
                Optional.empty()), plan.any().orElseThrow());
        assertEquals(List.of(), vrrp.definitions().scripts(), "the refused vrrp_script is not run");
        assertEquals(List.of(), vrrp.instances().getFirst().trackers(), "nor tracked");
        assertTrue(vrrp.issues().stream().anyMatch(i -> i.message().contains("track_script chk names a refused"
                + " script")), vrrp.issues()::toString);
        assertEquals(Optional.empty(), vrrp.groupNotifies().getFirst().fault());

        ControllerPlans.Result plans = ControllerPlans.from(config, policy);
        var vs = plans.plans().getFirst();
        assertEquals(Optional.empty(), vs.quorumUp());
        var rs = vs.realServers().getFirst();
        assertEquals(Optional.empty(), rs.notifyUp());
        assertTrue(rs.notifyDown().isPresent());
        assertEquals(List.of(), rs.checkers(), "the refused MISC_CHECK is left out");
        DaemonScripts daemonScripts = DaemonScripts.from(config.globalDefs(), policy);
        assertEquals(Optional.empty(), daemonScripts.startup());
        assertTrue(daemonScripts.shutdown().isPresent());
    }
}
