package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.testing.NetnsLab;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import dev.vigil.vrrp.testing.KeepalivedProcess;
import dev.vigil.vrrp.testing.VipProbe;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth_type AH} against Debian's keepalived: Vigil and keepalived in two namespaces
 * ("a" 10.79.0.1, "b" 10.79.0.2) on a bridge in a third, VRRPv2, advert_int 1, VIP
 * 10.79.0.100/24, both with {@code authentication { auth_type AH; auth_pass ... }}. They must
 * agree on one master, fail over both ways (link down, link up and preemption, a restart with
 * a fresh sequence counter), and refuse each other, counting it, when the passwords differ.
 *
 * <p>Failover times are logged; the bound is the backup's Master_Down_Interval (3 s + skew)
 * plus a margin for `ip addr` polling on a busy 2-core machine.
 */
@Tag("netns")
class IpsecAhInteropNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(IpsecAhInteropNetnsTest.class);
    private static final String VIP = "10.79.0.100";
    private static final String PASSWORD = "vigilahpass";
    private static final long SECOND = 1_000_000_000L;
    /** Backup at priority 100, v2, advert_int 1: Master_Down_Interval = 3 s + 156/256 s (RFC 3768 §6.1). */
    private static final long BACKUP_MASTER_DOWN = 3 * SECOND + 156 * SECOND / 256;
    /** For the last advert (up to one interval old) and `ip addr` polling on a loaded machine. */
    private static final long MARGIN = SECOND + 750_000_000L;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private NetnsLab lab;
    private String nsA;
    private String nsB;

    @BeforeEach
    void buildLan() {
        NetnsLab.assumeAvailable();
        KeepalivedProcess.assumeInstalled();
        lab = new NetnsLab();
        nsA = lab.namespace("a");
        nsB = lab.namespace("b");
        String br = lab.namespace("br");
        lab.veth(nsA, "va", br, "bra");
        lab.veth(nsB, "vb", br, "brb");
        lab.bridge(br, "br0", "bra", "brb");
        lab.address(nsA, "va", "10.79.0.1/24");
        lab.address(nsB, "vb", "10.79.0.2/24");
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void keepalivedMasterAndVigilBackupFailOverBothWays() throws Exception {
        KeepalivedProcess keepalived = keepalived(nsA, "va", 150, PASSWORD);
        VrrpRuntime vigil = vigil(nsB, "vb", 100, PASSWORD);
        VipProbe.await(nsA, "va", VIP, true, SETTLE);
        Awaitility.await("Vigil accepts keepalived's AH adverts").atMost(SETTLE)
                .until(() -> stats(vigil).advertsReceived() >= 3);
        assertEquals(VrrpState.BACKUP, state(vigil));
        assertEquals(0, stats(vigil).rejectedTotal(), () -> "keepalived's AH adverts refused: " + stats(vigil));

        failOver("keepalived/vigil AH", nsA, "va", nsB, "vb");
        assertTrue(keepalived.isAlive(), keepalived::log);
        Awaitility.await("Vigil back to backup").atMost(SETTLE).until(() -> state(vigil) == VrrpState.BACKUP);
        assertNoAuthFailures(vigil);
        assertNoAuthFailures(keepalived);
    }

    @Test
    void vigilMasterAndKeepalivedBackupFailOverBothWaysAndSurviveARestart() throws Exception {
        VrrpRuntime vigil = vigil(nsA, "va", 150, PASSWORD);
        KeepalivedProcess keepalived = keepalived(nsB, "vb", 100, PASSWORD);
        VipProbe.await(nsA, "va", VIP, true, SETTLE);
        Awaitility.await("keepalived accepts Vigil's AH adverts").atMost(SETTLE)
                .until(() -> keepalived.log().contains("Entering BACKUP STATE"));
        assertEquals(VrrpState.MASTER, state(vigil));

        failOver("vigil/keepalived AH", nsA, "va", nsB, "vb");
        assertEquals(VrrpState.MASTER, state(vigil));
        assertTrue(stats(vigil).advertsReceived() >= 1, "Vigil heard keepalived as master: " + stats(vigil));

        // A restart: the new runtime's counter starts at 0 again, below keepalived's. It starts
        // as backup, accepts keepalived's higher numbers, and preempts numbering after them.
        long stopAt = System.nanoTime();
        vigil.stop();
        VipProbe.await(nsB, "vb", VIP, true, Duration.ofSeconds(5));
        LOG.info("vigil/keepalived AH: keepalived held the VIP {} ms after Vigil's stop() (priority 0 sent)",
                (System.nanoTime() - stopAt) / 1_000_000);
        VrrpRuntime restarted = vigil(nsA, "va", 150, PASSWORD);
        VipProbe.await(nsA, "va", VIP, true, SETTLE);
        VipProbe.await(nsB, "vb", VIP, false, Duration.ofSeconds(5));
        assertEquals(VrrpState.MASTER, state(restarted));
        assertTrue(stats(restarted).advertsReceived() >= 1, () -> "restarted Vigil heard keepalived: "
                + stats(restarted));
        assertNoAuthFailures(restarted);
        assertTrue(keepalived.isAlive(), keepalived::log);
        assertNoAuthFailures(keepalived);
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedOnBothSides() throws Exception {
        KeepalivedProcess keepalived = keepalived(nsA, "va", 150, "otherpwd");
        VrrpRuntime vigil = vigil(nsB, "vb", 100, PASSWORD);
        // Neither accepts the other: both end up master, as two keepalived nodes would.
        VipProbe.await(nsA, "va", VIP, true, SETTLE);
        VipProbe.await(nsB, "vb", VIP, true, SETTLE);
        Awaitility.await("Vigil counts ICV mismatches").atMost(SETTLE).until(() ->
                stats(vigil).checkRejects().getOrDefault(CheckReason.AH_ICV_MISMATCH, 0L) >= 1);
        Awaitility.await("keepalived counts auth failures").atMost(SETTLE).until(() ->
                authFailures(keepalived.stats()) >= 1);
        assertEquals(0, stats(vigil).advertsReceived(), () -> stats(vigil).toString());
        assertTrue(keepalived.log().contains("invalid IPSEC HMAC-MD5 value"), keepalived::log);
        LOG.info("wrong AH password: Vigil {}, keepalived auth failures {}", stats(vigil).checkRejects(),
                authFailures(keepalived.stats()));
    }

    /**
     * The master's link goes down: the backup holds the VIP within its Master_Down_Interval
     * (+ margin); the link comes back: the master preempts and the backup releases.
     */
    private void failOver(String pair, String masterNs, String masterIf, String backupNs, String backupIf) {
        Awaitility.await(pair + ": the backup must not take the VIP").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4)).until(() -> !VipProbe.present(backupNs, backupIf, VIP));
        long downAt = System.nanoTime();
        NetnsLab.check("ip", "-n", masterNs, "link", "set", masterIf, "down");
        long vipAt = VipProbe.await(backupNs, backupIf, VIP, true, Duration.ofSeconds(10));
        LOG.info("{}: VIP on the backup {} ms after the master's link went down (Master_Down_Interval {} ms)", pair,
                (vipAt - downAt) / 1_000_000, BACKUP_MASTER_DOWN / 1_000_000);
        assertTrue(vipAt - downAt <= BACKUP_MASTER_DOWN + MARGIN, pair + ": failover took "
                + (vipAt - downAt) / 1_000_000 + " ms");
        NetnsLab.check("ip", "-n", masterNs, "link", "set", masterIf, "up");
        long preemptAt = System.nanoTime();
        VipProbe.await(masterNs, masterIf, VIP, true, SETTLE);
        long releasedAt = VipProbe.await(backupNs, backupIf, VIP, false, SETTLE);
        LOG.info("{}: the master preempted and the backup released the VIP {} ms after the link came up", pair,
                (releasedAt - preemptAt) / 1_000_000);
    }

    /** The AH checks that must never fail between two correctly configured peers. */
    private static void assertNoAuthFailures(VrrpRuntime vigil) {
        Map<CheckReason, Long> rejects = stats(vigil).checkRejects();
        for (CheckReason reason : List.of(CheckReason.AH_ICV_MISMATCH, CheckReason.AH_SPI_MISMATCH,
                CheckReason.AUTH_TYPE_MISMATCH)) {
            assertEquals(0L, rejects.getOrDefault(reason, 0L), () -> reason + " in " + rejects);
        }
        assertEquals(Map.of(), stats(vigil).packetRejects());
        // Sequence numbers: at a change of master both sides may number one advert alike
        // (keepalived does the same between two keepalived nodes); that is a replay, no more.
        LOG.info("AH sequence replays refused during the changes of master: {}",
                rejects.getOrDefault(CheckReason.AH_SEQUENCE_REPLAYED, 0L));
    }

    /**
     * keepalived logs each AH failure (vrrp_in_chk_ipsecah): a bad ICV or SPI must never
     * appear between correctly configured peers. A sequence number "already processed" may, at
     * a change of master: keepalived counts an advert it could not send (link down) too, so
     * its counter can be ahead of the new master's first numbers; two keepalived nodes do the
     * same. Those are logged, not failed.
     */
    private static void assertNoAuthFailures(KeepalivedProcess keepalived) throws Exception {
        String log = keepalived.log();
        assertTrue(!log.contains("invalid IPSEC HMAC-MD5") && !log.contains("invalid IPSEC SPI")
                && !log.contains("No AH header") && !log.contains("Received AH header"), log);
        long replays = log.lines().filter(l -> l.contains("already processed")).count();
        LOG.info("keepalived: auth failures {} in its stats, all of them sequence replays at a change of master ({})",
                authFailures(keepalived.stats()), replays);
        assertEquals(replays, authFailures(keepalived.stats()), log);
    }

    private VrrpRuntime vigil(String namespace, String interfaceName, int priority, String password) throws Exception {
        VrrpInstanceSettings settings = VrrpInstanceSettings.of("VI_1", interfaceName, 51, VrrpVersion.V2, priority,
                100, List.of(VirtualAddress.of(InetAddress.getByName(VIP), 24))).withIpsecAh(password);
        VrrpRuntime runtime = new VrrpRuntime(List.of(settings), new LinuxVrrpIo(), new VrrpEventListener() {
            @Override
            public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
                LOG.info("Vigil in {}: {} {} -> {} ({})", namespace, instance, from, to, reason);
            }
        });
        NetNamespace.run(namespace, runtime::start);
        lab.closeFirst(new AutoCloseable() {
            @Override
            public void close() {
                runtime.stop();
            }

            @Override
            public String toString() {
                return "Vigil in " + namespace;
            }
        });
        return runtime;
    }

    private KeepalivedProcess keepalived(String namespace, String interfaceName, int priority, String password)
            throws Exception {
        String config = """
                global_defs {
                  router_id vigil_ah_%s
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface %s
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  authentication {
                    auth_type AH
                    auth_pass %s
                  }
                  virtual_ipaddress {
                    %s/24
                  }
                }
                """.formatted(interfaceName, interfaceName, priority, password, VIP);
        KeepalivedProcess process = KeepalivedProcess.start(namespace, config, temp.resolve("ka-" + interfaceName));
        lab.closeFirst(process);
        return process;
    }

    private static InstanceStatistics stats(VrrpRuntime runtime) {
        return runtime.snapshot().getFirst().statistics();
    }

    private static VrrpState state(VrrpRuntime runtime) {
        return runtime.snapshot().getFirst().state();
    }

    /** The "Failure" count under "Authentication Errors" in keepalived's stats file. */
    private static long authFailures(String stats) {
        Matcher m = Pattern.compile("Authentication Errors:\\s*\\n(?:.*\\n)*?\\s*Failure: (\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
