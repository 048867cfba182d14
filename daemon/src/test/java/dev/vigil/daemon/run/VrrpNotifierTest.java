package dev.vigil.daemon.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.adapt.VrrpNotifyPlan;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptRunner;
import dev.vigil.daemon.metrics.VigilMetrics;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.InstanceStatistics;
import dev.vigil.vrrp.runtime.VirtualAddress;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpNotifierTest {

    @TempDir
    Path dir;

    private ScriptCommand script(String name) throws Exception {
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $*\" >> " + dir.resolve("calls") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return ScriptCommand.of(script.toString());
    }

    /** {@code length} bytes from a FIFO, waiting at most 10 s for them. */
    private static String readFifo(java.io.InputStream fifoIn, int length) throws Exception {
        byte[] read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return fifoIn.readNBytes(length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        return new String(read, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private String calls() throws Exception {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    @Test
    void stateChangesRunKeepalivedsScriptsAndFeedMetrics() throws Exception {
        VrrpInstanceSettings settings = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100,
                List.of(VirtualAddress.of(InetAddress.ofLiteral("10.1.0.100"), 32)));
        VrrpNotifyPlan plan = new VrrpNotifyPlan("VI_1", Optional.of(script("master")), Optional.of(script("backup")),
                Optional.empty(), Optional.of(script("stop")), Optional.of(script("notify")), false);
        VigilMetrics metrics = new VigilMetrics();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_250L), ZoneOffset.UTC);
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            VrrpNotifier notifier = new VrrpNotifier(List.of(settings), List.of(plan), scripts, AlertChannels.none(),
                    metrics.vrrp(), false, clock);
            notifier.stateChanged("VI_1", VrrpState.INIT, VrrpState.BACKUP, TransitionReason.STARTUP);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 2);
            notifier.stateChanged("VI_1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN_TIMER);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 4);
            notifier.shuttingDown();
            notifier.stateChanged("VI_1", VrrpState.MASTER, VrrpState.STOPPED, TransitionReason.SHUTDOWN);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 6);
            notifier.stateChanged("VI_1", VrrpState.STOPPED, VrrpState.INIT, TransitionReason.STARTUP);
            assertEquals(Optional.of(1_700_000_000.25), notifier.lastTransition("VI_1"));
        }
        List<String> lines = calls().lines().sorted().toList();
        assertEquals(List.of("backup ", "master ", "notify INSTANCE VI_1 BACKUP 150", "notify INSTANCE VI_1 MASTER 150",
                "notify INSTANCE VI_1 STOP 150", "stop "), lines);
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("instance=\"VI_1\""), scrape);
    }

    @Test
    void groupStateChangesRunTheGroupsScriptsWithGroupArgumentsAndWriteTheFifoLine() throws Exception {
        VrrpInstanceSettings settings = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100,
                List.of(VirtualAddress.of(InetAddress.ofLiteral("10.1.0.100"), 32)));
        VrrpNotifyPlan group = new VrrpNotifyPlan("G1", Optional.of(script("gmaster")), Optional.empty(),
                Optional.of(script("gfault")), Optional.empty(), Optional.of(script("gnotify")), false);
        Path fifo = dir.resolve("vrrp.fifo");
        var config = new dev.vigil.conf.ConfigLoader(dev.vigil.conf.parse.ReadOptions.defaults()).loadText("t.conf",
                "global_defs {\n    vrrp_notify_fifo " + fifo + "\n}\n", dir).config().orElseThrow();
        VigilMetrics metrics = new VigilMetrics();
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false);
             AlertChannels alerts = AlertChannels.open(config.globalDefs(), metrics.alerts());
             java.io.InputStream fifoIn = Files.newInputStream(fifo)) {
            VrrpNotifier notifier = new VrrpNotifier(List.of(settings), List.of(), List.of(group), scripts, alerts,
                    metrics.vrrp(), false, Clock.systemUTC());
            notifier.groupStateChanged("G1", VrrpState.BACKUP, VrrpState.MASTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 2);
            notifier.groupStateChanged("G1", VrrpState.MASTER, VrrpState.FAULT);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 4);
            notifier.groupStateChanged("G1", VrrpState.FAULT, VrrpState.INIT);
            String expected = "GROUP \"G1\" MASTER 0\nGROUP \"G1\" FAULT 0\n";
            assertEquals(expected, readFifo(fifoIn, expected.length()));
        }
        assertEquals(List.of("gfault ", "gmaster ", "gnotify GROUP G1 FAULT 0", "gnotify GROUP G1 MASTER 0"),
                calls().lines().sorted().toList());
    }

    /** keepalived's notify arguments carry the effective priority (vrrp_notify.c), not the configured one. */
    @Test
    void notifyArgumentsCarryTheEffectivePriority() throws Exception {
        VrrpInstanceSettings settings = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100,
                List.of());
        VrrpNotifyPlan plan = new VrrpNotifyPlan("VI_1", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(script("notify")), false);
        VigilMetrics metrics = new VigilMetrics();
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            VrrpNotifier notifier = new VrrpNotifier(List.of(settings), List.of(plan), scripts, AlertChannels.none(),
                    metrics.vrrp(), false, Clock.systemUTC());
            notifier.stateChanged("VI_1", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.HIGHER_PRIORITY_ADVERT,
                    120);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 1);
        }
        assertEquals("notify INSTANCE VI_1 BACKUP 120\n", calls());
    }

    /** fifo_write_vrrp_states_on_reload: the FIFO lines of every current state, nothing else. */
    @Test
    void statesAfterAReloadGoToTheFifoOnlyGroupsThenInstances() throws Exception {
        VrrpInstanceSettings one = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100, List.of());
        VrrpInstanceSettings two = VrrpInstanceSettings.of("VI_2", "eth0", 52, VrrpVersion.V2, 90, 100, List.of());
        VrrpInstanceSettings fresh = VrrpInstanceSettings.of("VI_3", "eth0", 53, VrrpVersion.V2, 80, 100, List.of());
        VrrpNotifyPlan plan = new VrrpNotifyPlan("VI_1", Optional.of(script("master")), Optional.of(script("backup")),
                Optional.empty(), Optional.empty(), Optional.of(script("notify")), false);
        Path fifo = dir.resolve("vrrp.fifo");
        var config = new dev.vigil.conf.ConfigLoader(dev.vigil.conf.parse.ReadOptions.defaults()).loadText("t.conf",
                "global_defs {\n    vrrp_notify_fifo " + fifo + "\n}\n", dir).config().orElseThrow();
        VigilMetrics metrics = new VigilMetrics();
        InstanceStatistics none = new InstanceStatistics(0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of());
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false);
             AlertChannels alerts = AlertChannels.open(config.globalDefs(), metrics.alerts());
             java.io.InputStream fifoIn = Files.newInputStream(fifo)) {
            VrrpNotifier notifier = new VrrpNotifier(List.of(one, two, fresh), List.of(plan), scripts, alerts,
                    metrics.vrrp(), false, Clock.systemUTC());
            Map<String, VrrpState> groups = new java.util.LinkedHashMap<>();
            groups.put("G1", VrrpState.MASTER);
            groups.put("G2", VrrpState.INIT);
            notifier.writeStatesToFifos(List.of(
                    new InstanceSnapshot("VI_1", VrrpState.MASTER, 150, Optional.empty(), none),
                    new InstanceSnapshot("VI_2", VrrpState.FAULT, 75, Optional.empty(), none),
                    new InstanceSnapshot("VI_3", VrrpState.INIT, 80, Optional.empty(), none)), groups);
            // keepalived's order, and the effective priority (VI_2's 90 lowered to 75 by a tracker).
            String expected = "GROUP \"G1\" MASTER 0\nINSTANCE \"VI_1\" MASTER 150\nINSTANCE \"VI_2\" FAULT 75\n";
            assertEquals(expected, readFifo(fifoIn, expected.length()));
            Thread.sleep(300);
        }
        assertEquals("", calls(), "no script runs for the states written after a reload");
    }

    /** keepalived clear_diff_vrrp / send_instance_notifies: DELETED with notify_deleted, else FAULT. */
    @Test
    void anInstanceDeletedByAReloadReportsDeletedOrFault() throws Exception {
        VrrpInstanceSettings one = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 150, 100, List.of());
        VrrpInstanceSettings two = VrrpInstanceSettings.of("VI_2", "eth0", 52, VrrpVersion.V2, 100, 100, List.of());
        VrrpNotifyPlan deleted = new VrrpNotifyPlan("VI_1", Optional.empty(), Optional.empty(),
                Optional.of(script("fault1")), Optional.empty(), Optional.of(script("notify")), false,
                Optional.of(script("deleted1")), true);
        VrrpNotifyPlan older = new VrrpNotifyPlan("VI_2", Optional.empty(), Optional.empty(),
                Optional.of(script("fault2")), Optional.empty(), Optional.of(script("notify")), false);
        VigilMetrics metrics = new VigilMetrics();
        try (ScriptRunner scripts = new ScriptRunner(Duration.ofSeconds(5), false)) {
            VrrpNotifier notifier = new VrrpNotifier(List.of(one, two), List.of(deleted, older), scripts,
                    AlertChannels.none(), metrics.vrrp(), false, Clock.systemUTC());
            notifier.stateChanged("VI_1", VrrpState.MASTER, VrrpState.STOPPED, TransitionReason.DELETED);
            notifier.stateChanged("VI_2", VrrpState.BACKUP, VrrpState.STOPPED, TransitionReason.DELETED);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls().lines().count() == 4);
            notifier.stateChanged("VI_2", VrrpState.FAULT, VrrpState.STOPPED, TransitionReason.DELETED);
            notifier.update(List.of(), List.of(), List.of());
            notifier.forget("VI_1");
            assertEquals(Optional.empty(), notifier.lastTransition("VI_1"));
        }
        assertEquals(List.of("deleted1 ", "fault2 ", "notify INSTANCE VI_1 DELETED 150",
                "notify INSTANCE VI_2 FAULT 100"), calls().lines().sorted().toList(),
                "nothing for an instance deleted while in FAULT without notify_deleted");
    }

    @Test
    void initIsNotReported() {
        assertEquals(Optional.empty(), VrrpNotifier.reported(VrrpState.INIT));
        assertEquals(Optional.of(dev.vigil.daemon.alert.VrrpState.STOP), VrrpNotifier.reported(VrrpState.STOPPED));
    }
}
