package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VrrpTrackingBindingTest {

    private static final String INSTANCES = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 1
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 2
            }
            """;

    @Test
    void syncGroupWithGroupBlock() {
        VrrpSyncGroup g = Binding.of(INSTANCES + """
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                    notify_master "/bin/master.sh G1"
                    smtp_alert
                }
                """).clean().config().vrrpSyncGroups().getFirst();
        assertEquals(List.of("VI_1", "VI_2"), g.members());
        assertEquals("/bin/master.sh G1", g.notifyScripts().master().orElseThrow().command());
        assertTrue(g.smtpAlert());
    }

    @Test
    void oldStyleSyncGroupListsMembersDirectly() {
        VrrpSyncGroup g = Binding.of(INSTANCES + """
                vrrp_sync_group VG1 {
                  VI_1
                  VI_2
                }
                """).clean().config().vrrpSyncGroups().getFirst();
        assertEquals(List.of("VI_1", "VI_2"), g.members());
    }

    @Test
    void unknownAndDuplicateMembersAreDropped() {
        Binding b = Binding.of(INSTANCES + """
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_9
                    }
                }
                vrrp_sync_group G2 {
                    group {
                        VI_1
                    }
                }
                """);
        b.reports("test.conf:12:9: error: sync group G1: vrrp_instance VI_9 is not defined; ignoring it")
                .reports("test.conf:17:9: error: vrrp_instance VI_1 is already in sync group G1; ignoring it here")
                .reports("test.conf:15:17: error: sync group G2 has no virtual routers; removing it");
        assertEquals(1, b.config().vrrpSyncGroups().size());
    }

    @Test
    void vrrpScriptDefaultsAndTracking() {
        Binding b = Binding.of("""
                vrrp_script chk_haproxy {
                    script "killall -0 haproxy"
                    weight -20
                }
                vrrp_script chk_full {
                    script /usr/local/bin/check.sh
                    interval 2
                    timeout 5
                    weight 10 reverse
                    rise 3
                    fall 2
                    user nobody nogroup
                    init_fail
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    track_script {
                        chk_haproxy
                        chk_full weight 5 noreverse
                        chk_missing
                    }
                }
                """).reports("test.conf:21:9: error: (VI_1) track_script chk_missing is not a defined vrrp_script;"
                + " ignoring it");
        VrrpScript simple = b.config().vrrpScripts().getFirst();
        assertEquals(Duration.ofSeconds(1), simple.interval());
        assertEquals(Optional.empty(), simple.timeout());
        assertEquals(-20, simple.weight());
        assertEquals(1, simple.rise());
        VrrpScript full = b.config().vrrpScripts().get(1);
        assertEquals(new VrrpScript("chk_full", "/usr/local/bin/check.sh", Duration.ofSeconds(2),
                Optional.of(Duration.ofSeconds(5)), 10, true, 3, 2,
                Optional.of(new dev.vigil.conf.model.ScriptUser("nobody", Optional.of("nogroup"))), true), full);
        var tracked = b.config().vrrpInstances().getFirst().trackScripts();
        assertEquals(2, tracked.size());
        assertEquals(Optional.empty(), tracked.get(0).weight());
        assertEquals(Optional.of(5), tracked.get(1).weight());
    }

    @Test
    void vrrpScriptWithoutScriptIsRemoved() {
        Binding b = Binding.of("""
                vrrp_script empty {
                    interval 1
                }
                """).reports("test.conf:1:13: error: vrrp_script empty has no script; removing it");
        assertTrue(b.config().vrrpScripts().isEmpty());
    }

    @Test
    void trackFileBlockAndDeprecatedName() {
        Binding b = Binding.of("""
                track_file tf1 {
                    file /var/run/vigil/tf1
                    weight -2 reverse
                    init_file 5 overwrite
                }
                vrrp_track_file tf2 {
                    file /var/run/vigil/tf2
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    track_file {
                        tf1 weight 3
                        tf2
                    }
                }
                """).reports("test.conf:6:1: warning: 'vrrp_track_file' is deprecated; use 'track_file'");
        assertEquals(List.of(new TrackFile("tf1", "/var/run/vigil/tf1", -2, true, Optional.of(5L), true),
                new TrackFile("tf2", "/var/run/vigil/tf2", 1, false, Optional.empty(), false)),
                b.config().trackFiles());
        assertEquals(2, b.config().vrrpInstances().getFirst().trackFiles().size());
    }

    @Test
    void groupNotifyPriorityChangesIsInheritedByMembers() {
        Binding b = Binding.of(INSTANCES + """
                vrrp_sync_group G1 {
                    group {
                        VI_1
                    }
                    notify_priority_changes
                }
                """).clean();
        assertTrue(b.config().vrrpInstances().get(0).notifyPriorityChanges());
        assertTrue(!b.config().vrrpInstances().get(1).notifyPriorityChanges());
    }

    @Test
    void syncGroupMembersLoseTrackerWeightsUnlessTrackingWeightIsSet() {
        String text = """
                vrrp_script chk {
                    script /bin/true
                    weight 10
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    track_interface {
                        eth1 weight 5
                    }
                    track_script {
                        chk
                    }
                }
                vrrp_sync_group G {
                    group {
                        VI_1
                    }
                %s}
                """;
        Binding b = Binding.of(text.formatted(""))
                .reports("test.conf:5:15: error: (VI_1) ignoring the weight of tracked interface eth1 because its"
                        + " sync group has no sync_group_tracking_weight")
                .reports("test.conf:5:15: error: (VI_1) ignoring weighted tracked script chk because its sync group"
                        + " has no sync_group_tracking_weight");
        var vi = b.config().vrrpInstances().getFirst();
        assertEquals(0, vi.trackInterfaces().getFirst().weight());
        assertTrue(vi.trackScripts().isEmpty());
        var kept = Binding.of(text.formatted("    sync_group_tracking_weight\n")).clean()
                .config().vrrpInstances().getFirst();
        assertEquals(5, kept.trackInterfaces().getFirst().weight());
        assertEquals(1, kept.trackScripts().size());
    }

    @Test
    void addressOwnerDropsWeightedTrackers() {
        Binding b = Binding.of("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    priority 255
                    track_interface {
                        eth1 weight 5
                        eth2
                    }
                }
                """).reports("test.conf:1:15: error: (VI_1) ignoring tracked interface eth1 because it is the"
                + " address owner");
        assertEquals(List.of("eth2"), b.config().vrrpInstances().getFirst().trackInterfaces().stream()
                .map(t -> t.name()).toList());
    }
}
