package dev.vigil.daemon.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.daemon.metrics.PrometheusText;
import dev.vigil.daemon.testing.ChildDaemon;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.rtnetlink.RtEvent;
import dev.vigil.linux.rtnetlink.RtEventListener;
import dev.vigil.linux.rtnetlink.RtEventSubscription;
import dev.vigil.linux.rtnetlink.RtGroup;
import dev.vigil.linux.testing.NetnsLab;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7's operations acceptance items on a real director pair: namespaces {@code a} and
 * {@code b} (the directors, VRRPv3, the userspace backend, metrics on their own
 * addresses) and {@code rs} (a real server listening on 8080, nothing on 8081), on one bridge.
 *
 * <ul>
 *   <li>The backup's {@code /metrics}, parsed by a strict Prometheus text parser, follows a
 *       failover: {@code vigil_vrrp_state} moves from BACKUP to MASTER and
 *       {@code vigil_vrrp_transitions_total{from="BACKUP",to="MASTER"}} grows by one.</li>
 *   <li>{@code vigil ctl status --json} agrees with what the engines do, seen from outside: the
 *       state and priority with the metrics, the VIP with the interface's addresses, real-server
 *       health with which port listens, the metrics and the live table.</li>
 *   <li>A refused notify script (world-writable, {@code enable_script_security}) is logged once,
 *       published as {@code vigil_script_refused} and never runs, even when its state is entered.</li>
 *   <li>An SMTP server that cannot be reached leaves failover timing as it is: the master is
 *       killed (SIGKILL, no priority-0 advert) with alert mail reachable and with the SMTP server's
 *       address dead, and both takeovers happen within Master_Down_Interval plus a margin.</li>
 * </ul>
 */
@Tag("netns")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OperationsNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsNetnsTest.class);
    private static final String NET = "10.81.0.";
    private static final String VIP = NET + "100";
    private static final String RS = NET + "11";
    private static final int RS_UP = 8080;
    private static final int RS_DOWN = 8081;
    private static final int SMTP_PORT = 2525;
    /** On the bridge's subnet, but no host has it: ARP is never answered, connects hang. */
    private static final String DEAD_SMTP = NET + "250";
    private static final int METRICS_PORT = 9650;
    private static final int MASTER_PRIORITY = 150;
    private static final int BACKUP_PRIORITY = 100;
    /**
     * advert_int of the timed failover: short enough for a quick test, long enough that a starved
     * JVM on a loaded two-core machine does not make the backup take over before the kill.
     */
    private static final double ADVERT_INTERVAL = 0.5;
    /** advert_int where no timing is measured: no spurious takeover even under heavy load. */
    private static final double CALM_ADVERT_INTERVAL = 1;
    /**
     * RFC 5798 §6.1: Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time, Skew_Time =
     * (256 − Priority) × Master_Adver_Interval / 256: 1.5 + 0.305 s for the backup at 100.
     */
    private static final Duration MASTER_DOWN_INTERVAL = Duration.ofNanos((long) ((3 * ADVERT_INTERVAL
            + (256 - BACKUP_PRIORITY) * ADVERT_INTERVAL / 256) * 1e9));
    private static final Duration ADVERT = Duration.ofMillis((long) (ADVERT_INTERVAL * 1000));
    /** The backup's JVM and event loop on a busy two-core machine, and the notification's delivery. */
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private NetnsLab lab;
    private String nsA;
    private String nsB;
    private String nsRs;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        nsA = lab.namespace("a");
        nsB = lab.namespace("b");
        nsRs = lab.namespace("rs");
        String sw = lab.namespace("sw");
        List<String> ports = new ArrayList<>();
        for (var host : List.of(Map.entry(nsA, "1"), Map.entry(nsB, "2"), Map.entry(nsRs, "11"))) {
            lab.veth(host.getKey(), "veth0", sw, "p" + host.getValue());
            lab.address(host.getKey(), "veth0", NET + host.getValue() + "/24");
            ports.add("p" + host.getValue());
        }
        lab.bridge(sw, "br0", ports.toArray(String[]::new));
        resources.add(listen(nsRs, RS, RS_UP));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("cleanup: {}", e.toString());
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void metricsAndStatusFollowAFailoverAndARefusedScriptNeverRuns() throws Exception {
        Path marker = dir.resolve("notify-ran");
        Path unsafe = dir.resolve("notify.sh");
        Files.writeString(unsafe, "#!/bin/sh\necho \"$@\" >> " + marker + "\n");
        Files.setPosixFilePermissions(unsafe, PosixFilePermissions.fromString("rwxrwxrwx"));
        ChildDaemon a = start("a", nsA, NET + "1", MASTER_PRIORITY, CALM_ADVERT_INTERVAL, DEAD_SMTP + " 25",
                Optional.of(unsafe));
        ChildDaemon b = start("b", nsB, NET + "2", BACKUP_PRIORITY, CALM_ADVERT_INTERVAL, DEAD_SMTP + " 25",
                Optional.of(unsafe));
        settle(a, b);

        var before = scrape(b);
        assertEquals(Optional.of(1.0), gauge(before, "vigil_vrrp_state", "state", "BACKUP"));
        assertEquals(Optional.of(0.0), gauge(before, "vigil_vrrp_state", "state", "MASTER"));
        // b may have been master for a moment at start, before a's JVM was up and preempted it.
        double promotionsBefore = transitions(before, "BACKUP", "MASTER");
        assertEquals("BACKUP", statusMatchesEngines(b, nsB));
        assertEquals("MASTER", statusMatchesEngines(a, nsA));
        assertEquals(Optional.of(1.0), PrometheusText.value(before, "vigil_script_refused", Map.of("kind",
                "notify_master", "subject", "(VI_1)", "script", unsafe.toString(), "reason", "unsafe_permissions")));
        assertSchedulingApplied(b);

        long terminated = System.nanoTime();
        assertEquals(0, a.terminate(Duration.ofSeconds(30)), a::logWithHeader);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> holdsVip(nsB));
        LOG.info("b held the VIP {} ms after SIGTERM to a", (System.nanoTime() - terminated) / 1_000_000);

        var after = scrape(b);
        assertEquals(Optional.of(1.0), gauge(after, "vigil_vrrp_state", "state", "MASTER"));
        assertEquals(Optional.of(0.0), gauge(after, "vigil_vrrp_state", "state", "BACKUP"));
        assertEquals(promotionsBefore + 1, transitions(after, "BACKUP", "MASTER"),
                () -> "one promotion counted\n" + a.logWithHeader() + "\n" + b.logWithHeader());
        assertEquals("MASTER", statusMatchesEngines(b, nsB));
        assertEquals("self", ctlJson(b).at("/vrrp/0/master").asText());

        assertFalse(Files.exists(marker), "the refused notify_master never ran, though b entered MASTER");
        assertEquals(1, b.log().lines().filter(l -> l.contains("notify_master of (VI_1): script '" + unsafe
                + "' refused (unsafe_permissions)")).count(), b::logWithHeader);
        assertEquals(0, b.terminate(Duration.ofSeconds(30)), b::logWithHeader);
    }

    @Test
    void anUnreachableSmtpServerDoesNotSlowFailover() throws Exception {
        GreenMail mail = NetNamespace.call(nsRs, () -> {
            GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, RS, ServerSetup.PROTOCOL_SMTP));
            server.start();
            return server;
        });
        resources.add(mail::stop);
        Duration reachable = killMasterAndTimeTakeover("a1", "b1", RS + " " + SMTP_PORT);
        String promoted = "[b1] VRRP Instance VI_1 - Entering MASTER state";
        await().atMost(Duration.ofSeconds(30)).until(() -> subjects(mail).contains(promoted));

        Duration unreachable = killMasterAndTimeTakeover("a2", "b2", DEAD_SMTP + " 25");
        LOG.info("failover after SIGKILL of the master: {} ms with SMTP reachable, {} ms with the SMTP server's"
                        + " address dead (Master_Down_Interval {} ms, bound {} ms)", reachable.toMillis(),
                unreachable.toMillis(), MASTER_DOWN_INTERVAL.toMillis(), MASTER_DOWN_INTERVAL.plus(MARGIN).toMillis());
        for (Duration takeover : List.of(reachable, unreachable)) {
            assertTrue(takeover.compareTo(MASTER_DOWN_INTERVAL.plus(MARGIN)) <= 0, "too late: " + takeover);
            // The last advert left up to one interval before the kill: no takeover before MDI minus that.
            assertTrue(takeover.compareTo(MASTER_DOWN_INTERVAL.minus(ADVERT)) >= 0, "too early: " + takeover);
        }
    }

    /**
     * Starts a pair with {@code smtp}, waits until it settles, SIGKILLs the master (no priority-0
     * advert: the backup must time out) and returns the time until the VIP is added on the
     * backup's interface (an rtnetlink notification, not polling). Leaves the backup stopped and
     * the dead master's VIP removed.
     */
    private Duration killMasterAndTimeTakeover(String master, String backup, String smtp) throws Exception {
        ChildDaemon a = start(master, nsA, NET + "1", MASTER_PRIORITY, ADVERT_INTERVAL, smtp, Optional.empty());
        ChildDaemon b = start(backup, nsB, NET + "2", BACKUP_PRIORITY, ADVERT_INTERVAL, smtp, Optional.empty());
        settle(a, b);
        if (smtp.startsWith(DEAD_SMTP)) {
            // The alerts of the first transitions are on their way: b's connect to the dead address hangs.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !lab.exec(nsB,
                    "ss", "-Htn", "state", "syn-sent", "dst", DEAD_SMTP).isBlank());
            assertEquals(Optional.of(0.0), PrometheusText.value(scrape(b), "vigil_smtp_alerts_total",
                    Map.of("result", "sent")), "nothing can be delivered");
        }
        CompletableFuture<Long> vipAdded = new CompletableFuture<>();
        InetAddress vip = InetAddress.ofLiteral(VIP);
        RtEventSubscription watch = NetNamespace.call(nsB, () -> RtEventSubscription.start(Set.of(RtGroup.IPV4_IFADDR),
                new RtEventListener() {
                    @Override
                    public void onEvent(RtEvent event) {
                        if (event instanceof RtEvent.AddressAdded added && added.address().address().equals(vip)) {
                            vipAdded.complete(System.nanoTime());
                        }
                    }
                }, "vip-watch"));
        try {
            assertFalse(holdsVip(nsB));
            long killed = System.nanoTime();
            a.process().destroyForcibly();
            long added = vipAdded.get(30, TimeUnit.SECONDS);
            assertTrue(a.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals("MASTER", ctlJson(b).at("/vrrp/0/state").asText());
            return Duration.ofNanos(added - killed);
        } finally {
            watch.close();
            assertEquals(0, b.terminate(Duration.ofSeconds(30)), b::logWithHeader);
            lab.exec(nsA, "ip", "addr", "flush", "dev", "veth0", "to", VIP + "/32");
        }
    }

    /**
     * vrrp_rt_priority 20 and checker_priority 2 reached the daemon's VRRP threads (SCHED_RR, 20)
     * and its checker loop (nice 2), and no other thread ({@code /proc/PID/task/TID/stat}).
     */
    private static void assertSchedulingApplied(ChildDaemon daemon) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(daemon.process().pid()), "task");
        Map<String, List<String>> byName = new java.util.TreeMap<>();
        try (var list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // proc(5): field 19 nice, 40 rt_priority, 41 policy (index = field - 3)
                byName.computeIfAbsent(Files.readString(task.resolve("comm")).strip(), k -> new ArrayList<>())
                        .add("nice " + fields[16] + " rt " + fields[37] + " policy " + fields[38]);
            }
        }
        LOG.info("daemon threads: {}", byName);
        List<String> signals = byName.get("vigil-signals");
        assertTrue(signals.getFirst().endsWith("rt 0 policy 0"), "other threads stay normal: " + byName);
        String normalNice = signals.getFirst().split(" ")[1];
        assertEquals(List.of("nice " + normalNice + " rt 20 policy 2"), byName.get("vrrp-loop"), byName::toString);
        assertTrue(byName.keySet().stream().anyMatch(n -> n.startsWith("vrrp-rx-")), byName::toString);
        assertTrue(byName.keySet().stream().anyMatch(n -> n.startsWith("vigil-check")), byName::toString);
        byName.forEach((name, threads) -> {
            if (name.startsWith("vrrp-rx-")) {
                assertTrue(threads.stream().allMatch(t -> t.endsWith("rt 20 policy 2")), byName::toString);
            } else if (name.startsWith("vigil-check")) {
                assertTrue(threads.stream().allMatch(t -> t.equals("nice 2 rt 0 policy 0")), byName::toString);
            }
        });
    }

    private ChildDaemon start(String name, String ns, String address, int priority, double advertInterval,
                              String smtp, Optional<Path> notifyMaster) throws IOException {
        String conf = """
                global_defs {
                    router_id %1$s
                    notification_email {
                        ops@example.com
                    }
                    notification_email_from vigil@example.com
                    smtp_server %2$s
                    smtp_connect_timeout 30
                    enable_script_security
                    script_user root
                    vrrp_rt_priority 20
                    checker_priority 2
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface veth0
                    virtual_router_id 81
                    version 3
                    priority %3$d
                    advert_int %4$s
                    smtp_alert
                    %5$s
                    virtual_ipaddress {
                        %6$s/24
                    }
                }
                virtual_server %6$s 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server %7$s %8$d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                    real_server %7$s %9$d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(name, smtp, priority, advertInterval, notifyMaster.map(p -> "notify_master " + p)
                .orElse(""), VIP, RS, RS_UP, RS_DOWN);
        ChildDaemon daemon = ChildDaemon.named(name, dir).inNamespace(ns)
                .metrics(new InetSocketAddress(InetAddress.ofLiteral(address), METRICS_PORT))
                .arguments("--backend", "userspace")
                .start(conf);
        resources.add(daemon);
        return daemon;
    }

    /** Waits until a is MASTER, b BACKUP, and both have checked both real servers. */
    private void settle(ChildDaemon a, ChildDaemon b) {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .failFast("a daemon exited", () -> !a.process().isAlive() || !b.process().isAlive())
                    .until(() -> state(a).equals("MASTER") && state(b).equals("BACKUP") && checked(a) && checked(b)
                            && holdsVip(nsA));
        } catch (RuntimeException e) {
            throw new AssertionError("the pair did not settle:\n" + a.logWithHeader() + "\n" + b.logWithHeader(), e);
        }
    }

    private String state(ChildDaemon daemon) throws IOException {
        JsonNode status = ctlJson(daemon);
        return status.at("/vrrp/0/state").asText("");
    }

    /** Both real servers' checkers have run, and the listening one is alive, the other down. */
    private boolean checked(ChildDaemon daemon) throws IOException {
        JsonNode reals = ctlJson(daemon).at("/virtualServers/0/realServers");
        if (reals.size() != 2) {
            return false;
        }
        for (JsonNode rs : reals) {
            if (rs.at("/checkers/0/attempts").asLong() < 1
                    || rs.get("alive").asBoolean() != rs.get("endpoint").asText().endsWith(":" + RS_UP)) {
                return false;
            }
        }
        return true;
    }

    private JsonNode ctlJson(ChildDaemon daemon) throws IOException {
        ChildDaemon.Ctl status = daemon.ctl("status", "--json");
        return status.exitCode() == 0 ? JSON.readTree(status.out()) : JSON.createObjectNode();
    }

    /**
     * Compares {@code ctl status --json} with what can be seen from outside the status code:
     * metrics, the interface's addresses, the live table and which real-server port listens.
     * Returns the instance's state.
     */
    private String statusMatchesEngines(ChildDaemon daemon, String ns) throws Exception {
        JsonNode status = ctlJson(daemon);
        Map<String, PrometheusText.Family> metrics = scrape(daemon);
        JsonNode instance = status.at("/vrrp/0");
        assertEquals("VI_1", instance.get("name").asText());
        String state = instance.get("state").asText();
        for (String s : List.of("INIT", "BACKUP", "MASTER", "FAULT")) {
            assertEquals(Optional.of(s.equals(state) ? 1.0 : 0.0), gauge(metrics, "vigil_vrrp_state", "state", s),
                    "vigil_vrrp_state for " + s + " while status says " + state);
        }
        assertEquals(Optional.of((double) instance.get("priority").asInt()), PrometheusText.value(metrics,
                "vigil_vrrp_priority", Map.of("instance", "VI_1")));
        assertEquals(List.of(VIP + "/24"), JSON.convertValue(instance.get("vips"), List.class));
        assertEquals(state.equals("MASTER"), holdsVip(ns), "the VIP is on veth0 exactly while MASTER");

        JsonNode vs = status.at("/virtualServers/0");
        assertEquals("[" + VIP + "]:tcp:80", vs.get("id").asText());
        String table = daemon.ctl("ipvs", "-L", "-n").text();
        for (JsonNode rs : vs.get("realServers")) {
            String endpoint = rs.get("endpoint").asText();
            boolean listening = endpoint.equals("[" + RS + "]:tcp:" + RS_UP);
            assertEquals(listening, rs.get("alive").asBoolean(), endpoint + " alive");
            assertEquals(Optional.of(listening ? 1.0 : 0.0), PrometheusText.value(metrics, "vigil_realserver_up",
                    Map.of("virtual_server", vs.get("id").asText(), "real_server", endpoint)), endpoint);
            String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
            assertEquals(listening, table.contains(RS + ":" + port), endpoint + " in the table:\n" + table);
            assertEquals(listening, !rs.get("tableWeight").isNull(), endpoint + " tableWeight");
        }
        return state;
    }

    private static Map<String, PrometheusText.Family> scrape(ChildDaemon daemon) throws Exception {
        return PrometheusText.parse(daemon.httpGet("/metrics"));
    }

    private static Optional<Double> gauge(Map<String, PrometheusText.Family> metrics, String name, String label,
                                          String value) {
        return PrometheusText.value(metrics, name, Map.of("instance", "VI_1", label, value));
    }

    private static double transitions(Map<String, PrometheusText.Family> metrics, String from, String to) {
        return PrometheusText.value(metrics, "vigil_vrrp_transitions_total", Map.of("instance", "VI_1", "from", from,
                "to", to)).orElse(0.0);
    }

    private static List<String> subjects(GreenMail mail) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private boolean holdsVip(String ns) {
        return lab.exec(ns, "ip", "-4", "addr", "show", "dev", "veth0").contains(" " + VIP + "/");
    }

    /** A TCP listener inside {@code ns} that accepts and closes connections (a real server for TCP_CHECK). */
    private static AutoCloseable listen(String ns, String address, int port) throws Exception {
        ServerSocket server = NetNamespace.call(ns, () -> new ServerSocket(port, 50, InetAddress.ofLiteral(address)));
        Thread.ofVirtual().name("rs-accept").start(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    // TCP_CHECK only needs the connection to be accepted.
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }
}
