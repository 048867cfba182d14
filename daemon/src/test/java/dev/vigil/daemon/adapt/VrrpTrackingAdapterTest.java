package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.runtime.InstanceOptions;
import dev.vigil.vrrp.runtime.SyncGroupSettings;
import dev.vigil.vrrp.runtime.TrackFile;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import dev.vigil.vrrp.runtime.VrrpScript;
import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Trackers, scripts, files, sync groups and instance options through {@link VrrpAdapter}. */
class VrrpTrackingAdapterTest {

    private static VrrpAdapter.Result adapt(String text) {
        var config = TestConfigs.load(text);
        return VrrpAdapter.from(config, TestConfigs.trusting(config, "root"));
    }

    /**
     * The issues other than the root-without-script-security warning, which every script gets
     * when the tests run as root (ScriptPolicyTest covers it).
     */
    private static List<AdaptIssue> issues(VrrpAdapter.Result result) {
        return result.issues().stream().filter(i -> !i.message().contains("SECURITY VIOLATION")).toList();
    }

    @Test
    void scriptsFilesAndInstanceTrackersReachTheRuntime() {
        VrrpAdapter.Result result = adapt("""
                vrrp_script chk_web {
                    script "/bin/sh -c 'exit 0'"
                    interval 2
                    timeout 1
                    weight -60
                    rise 2
                    fall 3
                    init_fail
                }
                track_file prio {
                    file /run/vigil-test-prio
                    weight 5
                    init_file 7 overwrite
                }
                vrrp_instance T {
                    interface eth0
                    virtual_router_id 4
                    track_interface {
                        eth1
                        eth2 weight 253 reverse
                    }
                    track_script {
                        chk_web
                    }
                    track_file {
                        prio weight -2
                    }
                    virtual_ipaddress {
                        10.1.0.4
                    }
                }
                vrrp_instance U {
                    interface eth0
                    virtual_router_id 5
                    track_script {
                        chk_web weight 10 reverse
                    }
                    virtual_ipaddress {
                        10.1.0.5
                    }
                }
                """);
        assertEquals(List.of(), issues(result));
        VrrpScript script = result.definitions().scripts().getFirst();
        assertEquals(new VrrpScript("chk_web", List.of("/bin/sh", "-c", "exit 0"), Duration.ofSeconds(2),
                Duration.ofSeconds(1), 2, 3, Weight.of(-60), true, java.util.Optional.empty()), script);
        TrackFile file = result.definitions().files().getFirst();
        assertEquals(new TrackFile("prio", Path.of("/run/vigil-test-prio"), Weight.of(5), OptionalLong.of(7), true),
                file);
        List<TrackerSpec> trackers = result.instances().getFirst().trackers();
        assertEquals(List.of(
                new TrackerSpec.Interface("eth1", Weight.FAULT_ONLY),
                new TrackerSpec.Interface("eth2", new Weight(253, true)),
                new TrackerSpec.Script("chk_web", Weight.of(-60)),
                new TrackerSpec.File("prio", Weight.of(-2))), trackers);
        assertEquals(List.of(new TrackerSpec.Script("chk_web", new Weight(10, true))),
                result.instances().get(1).trackers());
    }

    @Test
    void aTrackerNamingAnUndefinedScriptOrFileIsDroppedWithAnIssue() {
        // The conf layer already drops such entries; the adapter must not hand them to the runtime either.
        List<AdaptIssue> issues = new java.util.ArrayList<>();
        var config = TestConfigs.load("""
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk {
                    script /bin/true
                }
                """);
        VrrpTracking tracking = VrrpTracking.definitions(config, TestConfigs.trusting(config, "root"), issues);
        List<TrackerSpec> trackers = tracking.trackers(List.of(),
                List.of(new dev.vigil.conf.model.TrackedScript("nowhere", java.util.Optional.empty(), false),
                        new dev.vigil.conf.model.TrackedScript("chk", java.util.Optional.of(-254), false),
                        new dev.vigil.conf.model.TrackedScript("chk", java.util.Optional.empty(), false)),
                List.of(new dev.vigil.conf.model.TrackedFile("nofile", java.util.Optional.empty(), false)),
                "(T)", issues);
        assertEquals(List.of(new TrackerSpec.Script("chk", Weight.of(-253))), trackers);
        assertEquals(3, issues.size(), issues::toString);
        assertTrue(issues.get(0).message().contains("track_script nowhere"), issues::toString);
        assertTrue(issues.get(1).message().contains("track_file nofile"), issues::toString);
        assertTrue(issues.get(2).message().contains("script chk is tracked twice"), issues::toString);
    }

    @Test
    void syncGroupsKeepMembersTrackersAndNotifyScripts() {
        VrrpAdapter.Result result = adapt("""
                vrrp_script chk {
                    script /bin/true
                    weight 20
                }
                vrrp_sync_group G {
                    group {
                        A
                        B
                    }
                    track_interface {
                        eth3
                    }
                    track_script {
                        chk
                    }
                    sync_group_tracking_weight
                    notify_master "/usr/local/bin/group-up.sh x"
                    notify /usr/local/bin/group-any.sh
                    smtp_alert
                }
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 5
                    virtual_ipaddress {
                        10.1.0.5
                    }
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 6
                    virtual_ipaddress {
                        10.1.0.6
                    }
                }
                """);
        assertEquals(List.of(), issues(result));
        assertEquals(List.of(new SyncGroupSettings("G", List.of("A", "B"), List.of(
                new TrackerSpec.Interface("eth3", Weight.FAULT_ONLY),
                new TrackerSpec.Script("chk", Weight.of(20))), true)), result.definitions().syncGroups());
        VrrpNotifyPlan plan = result.groupNotifies().getFirst();
        assertEquals("G", plan.instance());
        assertEquals(List.of("/usr/local/bin/group-up.sh", "x"), plan.master().orElseThrow().argv());
        assertEquals(List.of("/usr/local/bin/group-any.sh"), plan.any().orElseThrow().argv());
        assertTrue(plan.smtpAlert());
        assertTrue(plan.backup().isEmpty());
    }

    @Test
    void aGroupMemberThatDoesNotRunIsLeftOutAndAnEmptyGroupIsNotStarted() {
        // A member the adapter refused (no interface, auth_type AH, ...) is not among the running ones.
        List<AdaptIssue> issues = new java.util.ArrayList<>();
        VrrpTracking tracking = VrrpTracking.definitions(TestConfigs.load(""), issues);
        var none = dev.vigil.conf.model.StateNotify.none();
        List<SyncGroupSettings> groups = tracking.syncGroups(List.of(
                new dev.vigil.conf.model.VrrpSyncGroup("G", List.of("REFUSED"), List.of(), List.of(), List.of(), none,
                        false, false, false)), java.util.Set.of(), issues);
        assertEquals(List.of(), groups);
        assertTrue(issues.stream().anyMatch(i -> i.subject().equals("vrrp_sync_group G")
                && i.message().contains("not started")), issues::toString);
    }

    @Test
    void anInstanceJoinsOnlyTheFirstGroupThatNamesIt() {
        List<AdaptIssue> issues = new java.util.ArrayList<>();
        VrrpTracking tracking = VrrpTracking.definitions(TestConfigs.load(""), issues);
        var none = dev.vigil.conf.model.StateNotify.none();
        List<SyncGroupSettings> groups = tracking.syncGroups(List.of(
                new dev.vigil.conf.model.VrrpSyncGroup("G1", List.of("A", "B"), List.of(), List.of(), List.of(), none,
                        false, false, false),
                new dev.vigil.conf.model.VrrpSyncGroup("G2", List.of("B", "C"), List.of(), List.of(), List.of(), none,
                        false, false, false)), java.util.Set.of("A", "B", "C"), issues);
        assertEquals(List.of(SyncGroupSettings.of("G1", List.of("A", "B")), SyncGroupSettings.of("G2", List.of("C"))),
                groups);
        assertEquals(1, issues.size(), issues::toString);
        assertTrue(issues.getFirst().message().endsWith("left out: B"), issues::toString);
    }

    @Test
    void instanceOptionsAndGarpRefreshAreAdapted() {
        VrrpAdapter.Result result = adapt("""
                global_defs {
                    vrrp_startup_delay 4
                }
                vrrp_instance O {
                    interface eth0
                    virtual_router_id 7
                    version 3
                    down_timer_adverts 5
                    lower_prio_no_advert
                    higher_prio_send_advert
                    skip_check_adv_addr
                    check_unicast_src
                    unicast_ttl 9
                    v3_checksum_as_v2
                    dont_track_primary
                    garp_master_refresh 60
                    garp_master_refresh_repeat 2
                    garp_lower_prio_delay 3
                    unicast_peer {
                        10.1.0.9
                    }
                    virtual_ipaddress {
                        10.1.0.7
                    }
                }
                """);
        assertEquals(List.of(), issues(result));
        VrrpInstanceSettings s = result.instances().getFirst();
        assertEquals(new InstanceOptions(5, true, true, Duration.ofSeconds(4), true, true, false, 9, true, true),
                s.options());
        assertEquals(Duration.ofSeconds(60), s.garp().masterRefresh());
        assertEquals(2, s.garp().masterRefreshRepeat());
        assertEquals(Duration.ofSeconds(3), s.garp().lowerPrioDelay());
    }

    @Test
    void stillUnsupportedSettingsKeepTheirIssues() {
        VrrpAdapter.Result result = adapt("""
                vrrp_instance R {
                    interface eth0
                    virtual_router_id 8
                    virtual_ipaddress {
                        10.1.0.8
                    }
                    promote_secondaries
                }
                """);
        assertEquals(1, result.instances().size());
        assertEquals(1, result.issues().size(), result.issues()::toString);
        assertTrue(result.issues().getFirst().message().contains("promote_secondaries"));
        assertFalse(result.issues().getFirst().message().contains("track"));
    }
}
