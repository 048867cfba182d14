package dev.vigil.daemon.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.linux.testing.NetnsLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance test for reload (#7): a MASTER/BACKUP pair of daemons with the
 * userspace backend serve a virtual service on VIP 10.79.0.100:80 with two real servers; a
 * client probes the VIP every 10 ms (TCP connect and HTTP GET); 20 reloads on each director
 * alternately add and remove an unrelated VIP (10.79.0.101 in the same instance) and a third
 * real server. Director a reloads through {@code vigil ctl reload} (its answer is checked),
 * director b through SIGHUP (its log is checked).
 *
 * <p>It asserts that no probe is lost and the VRRP instance makes no transition (notify script
 * lines and {@code vigil_vrrp_transitions_total} unchanged) across the reloads; that the added
 * VIP appears on and disappears from the master's interface and never shows on the backup; that
 * the third real server appears in and disappears from both directors' {@code ctl ipvs -L -n};
 * and that a configuration with an error is refused with {@code file:line:col}, counted in
 * {@code vigil_reload_total{result="failed"}}, and leaves everything running.
 */
@Tag("netns")
class ReloadWithoutFlapNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadWithoutFlapNetnsTest.class);
    private static final String VIP = "10.79.0.100";
    private static final String EXTRA_VIP = "10.79.0.101";
    private static final List<String> REAL_SERVERS = List.of("10.79.0.11", "10.79.0.12", "10.79.0.13");
    private static final String ADDED_RS = "10.79.0.13";
    private static final int RS_PORT = 8080;
    private static final int RELOADS = 20;
    private static final int METRICS_PORT = 9650;
    /** JVM start of two daemons on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    /** A reload parses the file and waits for two engine threads; generous for a loaded machine. */
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
    /** How long the client must have answered before and after the reloads. */
    private static final Duration STEADY = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private NetnsLab lab;
    private String python;
    private final List<Process> children = new ArrayList<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    /** One probe: when it started (CLOCK_MONOTONIC ns) and whether the VIP answered. */
    private record Sample(long startNanos, boolean ok, String line) {
    }

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        python = Python3Lab.locateOrSkip();
        lab = new NetnsLab();
    }

    @AfterEach
    void tearDown() {
        for (Process child : children.reversed()) {
            if (child.isAlive()) {
                child.destroyForcibly();
                try {
                    child.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twentyReloadsOnEachDirectorLoseNoProbeAndMoveNoInstance() throws Exception {
        long testStart = System.nanoTime();
        String nsA = lab.namespace("a");
        String nsB = lab.namespace("b");
        String client = lab.namespace("client");
        List<String> rsNamespaces = List.of(lab.namespace("rs1"), lab.namespace("rs2"), lab.namespace("rs3"));
        List<String> all = new ArrayList<>(List.of(nsA, nsB, client));
        all.addAll(rsNamespaces);
        wire(lab.namespace("sw"), all, List.of("1", "2", "5", "11", "12", "13"));
        for (int i = 0; i < REAL_SERVERS.size(); i++) {
            startServer(rsNamespaces.get(i), "rs" + (i + 1), REAL_SERVERS.get(i));
        }
        Process a = startDaemon(nsA, "a", config("a", 150, false, false));
        Process b = startDaemon(nsB, "b", config("b", 100, false, false));
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .failFast("a daemon exited", () -> !a.isAlive() || !b.isAlive())
                    .until(() -> ctl("a", "status").contains("MASTER") && ctl("b", "status").contains("BACKUP")
                            && inTable("a", "10.79.0.12") && inTable("b", "10.79.0.12") && holds(nsA, VIP));
        } catch (RuntimeException e) {
            throw new AssertionError("the directors did not settle:\n" + logs(), e);
        }
        startClient(client);
        long clientStart = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> okSince(clientStart) >= 20);
        // The daemons start together, so b may be master for a moment before a preempts it; the
        // baseline is taken once the notify scripts have reported the settled states.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> lastLine(dir.resolve("a.notify"), "INSTANCE").equals("INSTANCE VI_1 MASTER 150")
                        && lastLine(dir.resolve("b.notify"), "INSTANCE").equals("INSTANCE VI_1 BACKUP 100"));
        await().pollDelay(STEADY).atMost(STEADY.plusSeconds(1)).until(() -> true);
        long notifiesA = lines(dir.resolve("a.notify"));
        long notifiesB = lines(dir.resolve("b.notify"));
        double transitionsA = transitions(nsA);
        double transitionsB = transitions(nsB);

        long reloadsStart = System.nanoTime();
        List<Long> replyMillis = new ArrayList<>();
        for (int round = 1; round <= RELOADS; round++) {
            boolean extra = round % 2 == 1;
            Files.writeString(dir.resolve("a.conf"), config("a", 150, extra, extra));
            Files.writeString(dir.resolve("b.conf"), config("b", 100, extra, extra));
            long sent = System.nanoTime();
            String reply = ctl("a", "reload");
            replyMillis.add((System.nanoTime() - sent) / 1_000_000);
            String expected = extra ? "reloaded: 1 VIP added, 1 real server added"
                    : "reloaded: 1 VIP removed, 1 real server removed";
            assertEquals(expected + "\n", reply, "round " + round);
            NetnsLab.check("kill", "-HUP", Long.toString(b.pid()));
            int hups = round;
            await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(dir.resolve("b.log"), "reload: reloaded: ") >= hups);
            String logged = lastLine(dir.resolve("b.log"), "reload: reloaded: ");
            assertTrue(logged.endsWith(expected), "b's log: " + logged);
            assertEquals(extra, holds(nsA, EXTRA_VIP), "round " + round + ": the extra VIP on the master");
            assertFalse(holds(nsB, EXTRA_VIP) || holds(nsB, VIP), "round " + round + ": the backup holds no VIP");
            assertEquals(extra, inTable("a", ADDED_RS), "round " + round + ": " + ctl("a", "ipvs", "-L", "-n"));
            assertEquals(extra, inTable("b", ADDED_RS), "round " + round + ": " + ctl("b", "ipvs", "-L", "-n"));
        }
        long reloadsEnd = System.nanoTime();

        Files.writeString(dir.resolve("a.conf"), config("a", 150, false, false).replace("    priority 150\n",
                "    priority 150\n    priority 300\n"));
        StringWriter refusedOut = new StringWriter();
        StringWriter refusedErr = new StringWriter();
        int refusedCode = CtlCommand.run(new String[] {"-s", socket("a").toString(), "reload"},
                new PrintWriter(refusedOut, true), new PrintWriter(refusedErr, true));
        String refused = refusedOut + refusedErr.toString();
        assertEquals(1, refusedCode, refused);
        assertTrue(Pattern.compile(Pattern.quote(dir.resolve("a.conf").toString()) + ":\\d+:\\d+: error: priority 300")
                .matcher(refused).find(), refused);
        assertTrue(refused.contains("nothing was reloaded, the running configuration is unchanged"), refused);
        assertTrue(count(dir.resolve("a.log"), "a.conf:") >= 1, "the refusal is logged");
        String metricsA = metrics(nsA);
        assertTrue(metricsA.contains("vigil_reload_total{result=\"failed\"} 1.0"), metricsA);
        assertTrue(metricsA.contains("vigil_reload_total{result=\"success\"} " + RELOADS + ".0"), metricsA);
        assertTrue(metricsA.contains("vigil_reload_last_success 0.0"), metricsA);
        assertTrue(holds(nsA, VIP) && ctl("a", "status").contains("MASTER"), "a still serves after the refusal");
        assertTrue(inTable("a", "10.79.0.11") && !inTable("a", ADDED_RS), ctl("a", "ipvs", "-L", "-n"));
        await().pollDelay(STEADY).atMost(STEADY.plusSeconds(1)).until(() -> true);
        long end = System.nanoTime();

        List<Sample> window = samples.stream().filter(s -> s.startNanos() >= reloadsStart && s.startNanos() < end)
                .toList();
        List<Sample> lost = window.stream().filter(s -> !s.ok()).toList();
        long transitionsAfter = lines(dir.resolve("a.notify")) + lines(dir.resolve("b.notify"));
        double metricTransitions = transitions(nsA) + transitions(nsB);
        LOG.info("{} reloads on each director in {} ms (ctl reload answered in {} ms median, {} ms max); {} probes "
                        + "sent through the VIP meanwhile, {} lost; VRRP transitions {} -> {} (notify), {} -> {} (metric);"
                        + " test wall time {} s",
                RELOADS, (reloadsEnd - reloadsStart) / 1_000_000, median(replyMillis),
                replyMillis.stream().mapToLong(Long::longValue).max().orElse(0), window.size(), lost.size(),
                notifiesA + notifiesB, transitionsAfter, transitionsA + transitionsB, metricTransitions,
                (System.nanoTime() - testStart) / 1_000_000_000);
        assertTrue(window.size() >= RELOADS * 5, "probes during the reloads: " + window.size());
        assertEquals(List.of(), lost.stream().map(Sample::line).toList(), "probes lost");
        assertEquals(notifiesA + notifiesB, transitionsAfter, "notify lines: the instance never moved");
        assertEquals(transitionsA + transitionsB, metricTransitions, "vigil_vrrp_transitions_total");
        assertTrue(a.isAlive() && b.isAlive());
    }

    /** The daemon's configuration: VI_1 with VIP (and the extra one), the virtual server with rs1, rs2 (and rs3). */
    private String config(String name, int priority, boolean extraVip, boolean extraServer) throws Exception {
        Path notify = dir.resolve(name + "-notify.sh");
        if (!Files.exists(notify)) {
            Files.writeString(notify, "#!/bin/sh\necho \"$*\" >> " + dir.resolve(name + ".notify") + "\n");
            Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        StringBuilder servers = new StringBuilder();
        for (String address : extraServer ? REAL_SERVERS : REAL_SERVERS.subList(0, 2)) {
            servers.append("""
                        real_server %s %d {
                            weight 1
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    """.formatted(address, RS_PORT));
        }
        return """
                global_defs {
                    router_id %s
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface veth0
                    virtual_router_id 79
                    version 3
                    priority %d
                    advert_int 0.2
                    notify %s
                    virtual_ipaddress {
                        %s/24
                %s    }
                }
                virtual_server %s 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                %s}
                """.formatted(name, priority, notify, VIP, extraVip ? "        " + EXTRA_VIP + "/24\n" : "", VIP,
                servers);
    }

    /** A bridge in {@code sw}, one veth from each namespace to it, addresses 10.79.0.HOST/24. */
    private void wire(String sw, List<String> namespaces, List<String> hosts) {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < namespaces.size(); i++) {
            String port = "p" + hosts.get(i);
            lab.veth(namespaces.get(i), "veth0", sw, port);
            lab.address(namespaces.get(i), "veth0", "10.79.0." + hosts.get(i) + "/24");
            ports.add(port);
        }
        lab.bridge(sw, "br0", ports.toArray(String[]::new));
    }

    private void startServer(String namespace, String name, String address) throws Exception {
        children.add(Python3Lab.httpServer(python, namespace, name, address, RS_PORT, dir));
    }

    private Process startDaemon(String namespace, String name, String configText) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, configText);
        List<String> command = List.of("ip", "netns", "exec", namespace,
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main",
                "-n", "-l", "-f", conf.toString(), "--backend", "userspace", "-p", dir.resolve(name + ".pid").toString(),
                "--control-socket", socket(name).toString(), "--metrics", "127.0.0.1:" + METRICS_PORT);
        Path tmp = Files.createDirectories(dir.resolve(name + "-tmp"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** The probe loop: connect, GET /, read; every 10 ms. Lines "START_NS 200 BODY" or "START_NS ERR KIND". */
    private void startClient(String namespace) throws Exception {
        Process process = Python3Lab.probeLoop(python, namespace, VIP, Duration.ofMillis(10),
                dir.resolve("client.err"));
        children.add(process);
        Thread.ofVirtual().name("client-reader").start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] fields = line.split(" ", 3);
                    samples.add(new Sample(Long.parseLong(fields[0]), fields.length == 3 && fields[1].equals("200"),
                            line));
                }
            } catch (java.io.IOException e) {
                LOG.info("client output closed: {}", e.toString());
            }
        });
    }

    private long okSince(long nanos) {
        return samples.stream().filter(s -> s.startNanos() >= nanos && s.ok()).count();
    }

    private Path socket(String name) {
        return dir.resolve(name + ".sock");
    }

    /** The control command's output, or its failure. */
    private String ctl(String name, String... args) {
        List<String> argv = new ArrayList<>(List.of("-s", socket(name).toString()));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtlCommand.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return code == 0 ? out.toString() : "exit " + code + ": " + err;
    }

    private boolean inTable(String name, String realServer) {
        return ctl(name, "ipvs", "-L", "-n").contains(realServer + ":" + RS_PORT);
    }

    private boolean holds(String namespace, String address) {
        return lab.exec(namespace, "ip", "-4", "addr", "show", "dev", "veth0").contains(" " + address + "/");
    }

    private String metrics(String namespace) {
        return lab.exec(namespace, python, "-c", "import urllib.request; print(urllib.request.urlopen("
                + "'http://127.0.0.1:" + METRICS_PORT + "/metrics', timeout=5).read().decode())");
    }

    /** Sum of vigil_vrrp_transitions_total over every label set. */
    private double transitions(String namespace) {
        return metrics(namespace).lines().filter(l -> l.startsWith("vigil_vrrp_transitions_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static long count(Path file, String text) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> l.contains(text)).count();
    }

    private static String lastLine(Path file, String text) throws Exception {
        if (!Files.exists(file)) {
            return "";
        }
        return Files.readAllLines(file).stream().filter(l -> l.contains(text)).reduce((x, y) -> y).orElse("");
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().skip(values.size() / 2).findFirst().orElse(0L);
    }

    private String logs() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("a", "b")) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log)) {
                text.append("--- ").append(name).append(":\n").append(Files.readString(log));
            }
        }
        return text.toString();
    }
}
