package dev.vigil.daemon.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
 * The acceptance test for the director: namespaces {@code client}, {@code director},
 * {@code rs1} and {@code rs2} on one bridge; each real server runs a small HTTP server that
 * answers with its own name; the director runs a Vigil daemon ({@code -C --backend userspace})
 * with one round-robin virtual server whose real servers carry an HTTP_GET check; the client
 * sends one request through the VIP roughly every 70 ms.
 *
 * <p>It asserts that (1) both servers answer while both are up; (2) after rs2's server stops,
 * rs2 leaves the live table ({@code vigil ctl ipvs -L -n}) within delay_loop + connect_timeout
 * + retry × delay_before_retry, plus one second (keepalived's checker timing, reference
 * §1.2), and not before delay_before_retry (retry 1 means a second, failing attempt), and no
 * request started after that moment fails; (3) when rs2's server starts again
 * it returns to the table and gets requests again.
 *
 * <p>rs2 is stopped only after each checker has made two attempts ({@code ctl status --json}):
 * a checker that has never run is declared down by its first failure, which is keepalived's
 * start-up rule, not the steady state this test measures.
 *
 * <p>The client is a Python loop in the client namespace that prints, for each request, its
 * start time from {@code time.monotonic_ns()}; that is CLOCK_MONOTONIC, the clock behind
 * {@link System#nanoTime()} on Linux, so the test compares it with its own instants directly.
 */
@Tag("netns")
class RealServersComeAndGoNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(RealServersComeAndGoNetnsTest.class);
    private static final String VIP = "10.78.0.100";
    private static final String RS1 = "10.78.0.11";
    private static final String RS2 = "10.78.0.12";
    private static final int RS_PORT = 8080;
    /** delay_loop 1 + connect_timeout 1 + retry 1 × delay_before_retry 1, plus 1 s margin. */
    private static final Duration REMOVAL_BOUND = Duration.ofSeconds(1 + 1 + 1 + 1);
    /** delay_before_retry: with retry 1 a running checker needs two failures, this far apart. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /**
     * Attempts each checker must have made before rs2 is stopped: keepalived declares a checker
     * down on its very first failure (the "one failure is enough initially" rule), so the
     * retry rule under test applies only once a check has passed.
     */
    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\"\\s*:\\s*(\\d+)");
    private static final int SETTLED_ATTEMPTS = 2;
    /** JVM start of the daemon and the first checks on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** A restarted server passes its next check within delay_loop; Python's start is the rest. */
    private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(15);
    /** How long traffic runs after rs2 left the table: about 40 requests. */
    private static final Duration DOWN_PHASE = Duration.ofSeconds(3);
    /** Enough answers from a server to say round robin reaches it, not a stray one. */
    private static final int ENOUGH_ANSWERS = 3;

    @TempDir
    Path dir;

    private NetnsLab lab;
    private String python;
    private final List<Process> children = new ArrayList<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    /** One client request: when it started (CLOCK_MONOTONIC ns) and who answered, or null. */
    private record Sample(long startNanos, String server) {
        boolean failed() {
            return server == null;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        python = Python3Lab.locateOrSkip();
        lab = new NetnsLab();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process child : children.reversed()) {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRealServerLeavesTheTableWhenItStopsAndReturnsWhenItStarts() throws Exception {
        String client = lab.namespace("client");
        String director = lab.namespace("director");
        String rs1 = lab.namespace("rs1");
        String rs2 = lab.namespace("rs2");
        wire(lab.namespace("sw"), List.of(client, director, rs1, rs2), List.of("1", "2", "11", "12"));
        lab.address(director, "veth0", VIP + "/32");
        startServer(rs1, "rs1", RS1);
        Process rs2Server = startServer(rs2, "rs2", RS2);
        Process daemon = startDaemon(director);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .failFast("the daemon exited", () -> !daemon.isAlive())
                    .until(() -> inTable(RS1) && inTable(RS2));
        } catch (RuntimeException e) {
            throw new AssertionError("both real servers never entered the table:\n" + table() + logs(), e);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(this::checkersSettled);
        } catch (RuntimeException e) {
            throw new AssertionError("checkers never ran twice:\n" + status() + logs(), e);
        }
        startClient(client);

        long bothUp = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).until(() -> answers(bothUp, "rs1") >= ENOUGH_ANSWERS
                && answers(bothUp, "rs2") >= ENOUGH_ANSWERS);

        long stopped = System.nanoTime();
        rs2Server.destroy();
        assertTrue(rs2Server.waitFor(10, TimeUnit.SECONDS), "rs2's server stops");
        await().atMost(REMOVAL_BOUND.plusSeconds(2)).pollInterval(Duration.ofMillis(25)).until(this::onlyRs1InTable);
        long removed = System.nanoTime();
        Duration removal = Duration.ofNanos(removed - stopped);
        LOG.info("rs2 left the table {} ms after its server stopped (bound {} ms); {} requests failed before that",
                removal.toMillis(), REMOVAL_BOUND.toMillis(), failures(stopped, removed));
        assertTrue(removal.compareTo(REMOVAL_BOUND) <= 0, "rs2 left the table after " + removal.toMillis() + " ms");
        assertTrue(removal.compareTo(RETRY_DELAY) >= 0, "retry 1: the failed attempt is retried after "
                + "delay_before_retry before rs2 is removed, but it left after " + removal.toMillis() + " ms");
        assertTrue(inTable(RS1), table());

        await().pollDelay(DOWN_PHASE).atMost(DOWN_PHASE.plusSeconds(1)).until(() -> true);
        long downEnd = System.nanoTime();
        List<Sample> whileDown = between(removed, downEnd);
        assertTrue(whileDown.size() >= 10, "requests while rs2 was down: " + whileDown.size());
        assertEquals(List.of(), whileDown.stream().filter(s -> !"rs1".equals(s.server())).toList(),
                "every request after rs2 left the table is answered by rs1");

        long restarted = System.nanoTime();
        startServer(rs2, "rs2", RS2);
        await().atMost(RETURN_TIMEOUT).pollInterval(Duration.ofMillis(25)).until(() -> inTable(RS2));
        long returned = System.nanoTime();
        LOG.info("rs2 returned to the table {} ms after its server was started",
                Duration.ofNanos(returned - restarted).toMillis());
        await().atMost(Duration.ofSeconds(15)).until(() -> answers(returned, "rs2") >= ENOUGH_ANSWERS);
        assertEquals(0, failures(returned, System.nanoTime()), "failures after rs2 returned");
        assertTrue(answers(returned, "rs1") >= 1, "rs1 still gets requests");
        Files.readAllLines(dir.resolve("director.log")).stream().filter(line -> line.contains(RS2))
                .forEach(line -> LOG.info("director: {}", line));
    }

    /** A bridge in {@code sw}, one veth from each namespace to it, addresses 10.78.0.HOST/24. */
    private void wire(String sw, List<String> namespaces, List<String> hosts) {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < namespaces.size(); i++) {
            String port = "p" + hosts.get(i);
            lab.veth(namespaces.get(i), "veth0", sw, port);
            lab.address(namespaces.get(i), "veth0", "10.78.0." + hosts.get(i) + "/24");
            ports.add(port);
        }
        lab.bridge(sw, "br0", ports.toArray(String[]::new));
    }

    private Process startServer(String namespace, String name, String address) throws Exception {
        Process process = Python3Lab.httpServer(python, namespace, name, address, RS_PORT, dir);
        children.add(process);
        return process;
    }

    private static String config() {
        StringBuilder servers = new StringBuilder();
        for (String address : List.of(RS1, RS2)) {
            servers.append("""
                        real_server %s %d {
                            weight 1
                            HTTP_GET {
                                url {
                                    path /
                                    status_code 200
                                }
                                connect_timeout 1
                                retry 1
                                delay_before_retry 1
                            }
                        }
                    """.formatted(address, RS_PORT));
        }
        return """
                global_defs {
                    router_id director
                }
                virtual_server %s 80 {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                %s}
                """.formatted(VIP, servers);
    }

    private Process startDaemon(String namespace) throws Exception {
        Path conf = dir.resolve("director.conf");
        Files.writeString(conf, config());
        List<String> command = List.of("ip", "netns", "exec", namespace,
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main",
                "-n", "-l", "-C", "-f", conf.toString(), "--backend", "userspace",
                "-p", dir.resolve("director.pid").toString(), "--control-socket", socket().toString(),
                "--metrics", "off");
        Path tmp = Files.createDirectories(dir.resolve("director-tmp"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("director.log").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** The client loop; each line is "START_NS STATUS BODY" or "START_NS ERR REASON". */
    private void startClient(String namespace) throws Exception {
        Process process = Python3Lab.probeLoop(python, namespace, VIP, Duration.ofMillis(70),
                dir.resolve("client.err"));
        children.add(process);
        Thread.ofVirtual().name("client-reader").start(() -> readSamples(process));
    }

    private void readSamples(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(" ", 3);
                boolean ok = fields.length == 3 && fields[1].equals("200");
                samples.add(new Sample(Long.parseLong(fields[0]), ok ? fields[2] : null));
                if (!ok) {
                    LOG.info("client request failed: {}", line);
                }
            }
        } catch (java.io.IOException e) {
            LOG.info("client output closed: {}", e.toString());
        }
    }

    private List<Sample> between(long fromNanos, long toNanos) {
        return samples.stream().filter(s -> s.startNanos() >= fromNanos && s.startNanos() < toNanos).toList();
    }

    private long answers(long sinceNanos, String server) {
        return between(sinceNanos, Long.MAX_VALUE).stream().filter(s -> server.equals(s.server())).count();
    }

    private long failures(long fromNanos, long toNanos) {
        return between(fromNanos, toNanos).stream().filter(Sample::failed).count();
    }

    private Path socket() {
        return dir.resolve("director.sock");
    }

    /** A real listing (the virtual server and rs1 in it) without rs2, not a failed ctl call. */
    private boolean onlyRs1InTable() {
        String table = table();
        return table.contains(VIP + ":80") && table.contains(RS1 + ":" + RS_PORT)
                && !table.contains(RS2 + ":" + RS_PORT);
    }

    private boolean inTable(String realServer) {
        return table().contains(realServer + ":" + RS_PORT);
    }

    private String table() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtlCommand.run(new String[] {"-s", socket().toString(), "ipvs", "-L", "-n"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return code == 0 ? out.toString() : "exit " + code + ": " + err;
    }

    /** Both checkers (in {@code ctl status --json}) have made at least {@link #SETTLED_ATTEMPTS} attempts. */
    private boolean checkersSettled() {
        Matcher matcher = ATTEMPTS.matcher(status());
        int checkers = 0;
        while (matcher.find()) {
            if (Long.parseLong(matcher.group(1)) < SETTLED_ATTEMPTS) {
                return false;
            }
            checkers++;
        }
        return checkers == 2;
    }

    private String status() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtlCommand.run(new String[] {"-s", socket().toString(), "status", "--json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return code == 0 ? out.toString() : "exit " + code + ": " + err;
    }

    private String logs() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("director", "rs1", "rs2")) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log)) {
                text.append("--- ").append(name).append(":\n").append(Files.readString(log));
            }
        }
        return text.toString();
    }
}
