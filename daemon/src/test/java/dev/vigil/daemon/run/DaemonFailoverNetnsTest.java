package dev.vigil.daemon.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.daemon.testing.ChildDaemon;
import dev.vigil.linux.testing.NetnsLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Vigil daemons as child processes ({@code ip netns exec NS java … dev.vigil.daemon.Main -f CONF}),
 * one per namespace, on a veth pair: the higher priority takes the VIP, {@code vigil ctl status}
 * shows MASTER and BACKUP, and SIGTERM to the master makes it resign (priority 0) and release
 * the VIP, so the backup takes over within its skew time plus a margin; the master exits 0 and
 * removes its pid file and control socket. Children are processes because a network namespace
 * belongs to a thread, and the daemon's VRRP threads must inherit it.
 */
@Tag("netns")
class DaemonFailoverNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonFailoverNetnsTest.class);
    private static final String VIP = "10.77.0.100";
    /** JVM start of two daemons on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /**
     * After the master's priority-0 advert the backup waits its skew, (256-100)/256 × 0.1 s
     * ≈ 61 ms (RFC 5798 §6.4.2); the margin covers the JVM, the event loop and polling ip.
     */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private NetnsLab lab;
    private final List<ChildDaemon> children = new ArrayList<>();

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ChildDaemon child : children) {
            child.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String config(int priority) {
        return """
                global_defs {
                    router_id node%d
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface veth0
                    virtual_router_id 77
                    version 3
                    priority %d
                    advert_int 0.1
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(priority, priority, VIP);
    }

    /**
     * Two instances in sync group G1 tracking script {@code chk} with weight -60 (with
     * {@code sync_group_tracking_weight}, so it lowers both members' priority): the script fails
     * while {@code NAME.fail} exists. The group's {@code notify} script appends its arguments to
     * {@code NAME.group}.
     */
    private String trackedGroupConfig(String name, int priority) throws Exception {
        Path check = script(name + "-chk.sh", "test ! -e " + dir.resolve(name + ".fail"));
        Path notify = script(name + "-group.sh", "echo \"$*\" >> " + dir.resolve(name + ".group"));
        StringBuilder conf = new StringBuilder("""
                vrrp_script chk {
                    script %s
                    interval 0.2
                    weight -60
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                    track_script {
                        chk
                    }
                    sync_group_tracking_weight
                    notify %s
                }
                """.formatted(check, notify));
        for (int i = 1; i <= 2; i++) {
            conf.append("""
                    vrrp_instance VI_%d {
                        state BACKUP
                        interface veth0
                        virtual_router_id %d
                        version 3
                        priority %d
                        advert_int 0.1
                        virtual_ipaddress {
                            10.77.0.%d/24
                        }
                    }
                    """.formatted(i, 76 + i, priority, 99 + i));
        }
        return conf.toString();
    }

    private Path script(String fileName, String body) throws Exception {
        Path script = dir.resolve(fileName);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Process startDaemon(String namespace, String name, int priority) throws Exception {
        return startDaemon(namespace, name, config(priority));
    }

    private Process startDaemon(String namespace, String name, String configText) throws Exception {
        ChildDaemon daemon = ChildDaemon.named(name, dir).inNamespace(namespace).start(configText);
        children.add(daemon);
        return daemon.process();
    }

    private Path pid(String name) {
        return dir.resolve(name + ".pid");
    }

    private Path socket(String name) {
        return dir.resolve(name + ".sock");
    }

    private boolean holdsVip(String namespace) {
        return holdsVip(namespace, VIP);
    }

    private boolean holdsVip(String namespace, String vip) {
        return lab.exec(namespace, "ip", "-4", "addr", "show", "dev", "veth0").contains(" " + vip + "/");
    }

    private String ctlStatus(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtlCommand.run(new String[] {"-s", socket(name).toString(), "status"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return code == 0 ? out.toString() : "exit " + code + ": " + err;
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        children.forEach(child -> text.append(child.logWithHeader()));
        return text.toString();
    }

    @Test
    void theBackupTakesTheVipWhenTheMasterIsTerminated() throws Exception {
        String nsA = lab.namespace("a");
        String nsB = lab.namespace("b");
        lab.veth(nsA, "veth0", nsB, "veth0");
        lab.address(nsA, "veth0", "10.77.0.1/24");
        lab.address(nsB, "veth0", "10.77.0.2/24");
        Process a = startDaemon(nsA, "a", 150);
        Process b = startDaemon(nsB, "b", 100);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ctlStatus("a").contains("MASTER") && ctlStatus("b").contains("BACKUP"));
        } catch (RuntimeException e) {
            throw new AssertionError("daemons did not settle:\n" + logs(), e);
        }
        assertTrue(ctlStatus("a").contains("VI_1 (veth0, vrid 77): MASTER, priority 150"), ctlStatus("a"));
        assertTrue(ctlStatus("b").contains("VI_1 (veth0, vrid 77): BACKUP, priority 100, master 10.77.0.1"),
                ctlStatus("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> holdsVip(nsA));
        assertFalse(holdsVip(nsB), "exactly one holds the VIP");
        assertEquals(a.pid(), PidFile.read(pid("a")).orElseThrow());

        NetnsLab.check("kill", "-USR2", Long.toString(b.pid()));
        Path stats = dir.resolve("b-tmp/keepalived.stats");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(stats)
                && Files.readString(stats).startsWith("VRRP Instance: VI_1\n"));
        NetnsLab.check("kill", "-HUP", Long.toString(b.pid()));
        await().atMost(Duration.ofSeconds(10)).until(() -> logs().contains("reload: reloaded: nothing changed"));

        long terminated = System.nanoTime();
        a.destroy();
        await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(10)).until(() -> holdsVip(nsB));
        LOG.info("backup held the VIP {} ms after SIGTERM to the master", (System.nanoTime() - terminated) / 1_000_000);
        assertTrue(a.waitFor(20, TimeUnit.SECONDS), "master exits");
        assertEquals(0, a.exitValue(), "master's exit code; logs:\n" + logs());
        assertFalse(holdsVip(nsA), "the master released the VIP");
        assertFalse(Files.exists(pid("a")), "pid file removed");
        assertFalse(Files.exists(socket("a")), "control socket removed");
        assertTrue(ctlStatus("b").contains("MASTER"), ctlStatus("b"));
        assertTrue(b.isAlive());
        b.destroy();
        assertTrue(b.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, b.exitValue());
        String log = logs();
        assertTrue(log.contains("(VI_1) Entering MASTER STATE"), log);
    }

    @Test
    void aFailingGroupScriptMovesTheWholeSyncGroupToTheBackup() throws Exception {
        String nsA = lab.namespace("a");
        String nsB = lab.namespace("b");
        lab.veth(nsA, "veth0", nsB, "veth0");
        lab.address(nsA, "veth0", "10.77.0.1/24");
        lab.address(nsB, "veth0", "10.77.0.2/24");
        Process a = startDaemon(nsA, "a", trackedGroupConfig("a", 150));
        Process b = startDaemon(nsB, "b", trackedGroupConfig("b", 100));
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> holdsVip(nsA, "10.77.0.100") && holdsVip(nsA, "10.77.0.101")
                            && ctlStatus("b").contains("VI_2 (veth0, vrid 78): BACKUP"));
        } catch (RuntimeException e) {
            throw new AssertionError("daemons did not settle:\n" + logs(), e);
        }
        assertTrue(ctlStatus("a").contains("VI_1 (veth0, vrid 77): MASTER, priority 150, master this node, "
                + "sync group G1"), ctlStatus("a"));
        assertTrue(ctlStatus("a").contains("tracks script chk (weight -60)"), ctlStatus("a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("a.group"))
                && Files.readString(dir.resolve("a.group")).contains("GROUP G1 MASTER 0"));

        Files.createFile(dir.resolve("a.fail"));
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> holdsVip(nsB, "10.77.0.100") && holdsVip(nsB, "10.77.0.101"));
        } catch (RuntimeException e) {
            throw new AssertionError("backup did not take over:\n" + ctlStatus("a") + ctlStatus("b") + logs(), e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !holdsVip(nsA, "10.77.0.100")
                && !holdsVip(nsA, "10.77.0.101"));
        assertTrue(ctlStatus("a").contains("VI_1 (veth0, vrid 77): BACKUP, priority 90"), ctlStatus("a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("b.group"))
                && Files.readString(dir.resolve("b.group")).contains("GROUP G1 MASTER 0"));

        Files.delete(dir.resolve("a.fail"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> holdsVip(nsA, "10.77.0.100") && holdsVip(nsA, "10.77.0.101"));
        for (Process p : List.of(a, b)) {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "exit code; logs:\n" + logs());
        }
    }

    /**
     * The whole path from the configuration file: {@code use_vmac} with a custom
     * {@code vrrp_mcast_group4}; the master's VIP sits on its {@code vrrp.77} macvlan, the
     * backup takes it over on its own when the master is terminated, and the master's VMAC is
     * gone once it has exited.
     */
    @Test
    void useVmacWithACustomGroupFromTheConfigFile() throws Exception {
        String nsA = lab.namespace("a");
        String nsB = lab.namespace("b");
        lab.veth(nsA, "veth0", nsB, "veth0");
        lab.address(nsA, "veth0", "10.77.0.1/24");
        lab.address(nsB, "veth0", "10.77.0.2/24");
        Process a = startDaemon(nsA, "a", vmacConfig(150));
        Process b = startDaemon(nsB, "b", vmacConfig(100));
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> ctlStatus("a").contains("MASTER") && ctlStatus("b").contains("BACKUP"));
        } catch (RuntimeException e) {
            throw new AssertionError("daemons did not settle:\n" + logs(), e);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> vmacHoldsVip(nsA));
        assertFalse(vmacHoldsVip(nsB), "the backup's VMAC has no VIP");
        String link = lab.exec(nsB, "ip", "-d", "link", "show", "vrrp.77");
        assertTrue(link.contains("link/ether 00:00:5e:00:01:4d") && link.contains("macvlan mode private"), link);
        assertTrue(lab.exec(nsB, "ip", "maddr", "show", "dev", "vrrp.77").contains("224.0.0.60"),
                "the backup listens on the configured group");

        a.destroy();
        await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(10)).until(() -> vmacHoldsVip(nsB));
        assertTrue(a.waitFor(20, TimeUnit.SECONDS), "master exits");
        assertEquals(0, a.exitValue(), "master's exit code; logs:\n" + logs());
        assertFalse(lab.exec(nsA, "ip", "link", "show").contains("vrrp.77"), "the master's VMAC is deleted");
        b.destroy();
        assertTrue(b.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, b.exitValue());
        assertFalse(lab.exec(nsB, "ip", "link", "show").contains("vrrp.77"));
    }

    private static String vmacConfig(int priority) {
        return """
                global_defs {
                    router_id node%d
                    vrrp_mcast_group4 224.0.0.60
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface veth0
                    virtual_router_id 77
                    version 3
                    use_vmac
                    priority %d
                    advert_int 0.1
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(priority, priority, VIP);
    }

    private boolean vmacHoldsVip(String namespace) {
        NetnsLab.Result shown;
        try {
            shown = NetnsLab.run(List.of("ip", "-n", namespace, "-4", "addr", "show", "dev", "vrrp.77"));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return shown.stdout().contains(" " + VIP + "/");
    }
}
