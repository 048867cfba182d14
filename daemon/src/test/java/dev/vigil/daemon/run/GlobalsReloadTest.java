package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.daemon.metrics.MetricsListen;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import dev.vigil.ipvs.userspace.ForwarderSettings;
import dev.vigil.ipvs.userspace.UserspaceIpvsBackend;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload re-reads {@code global_defs} as keepalived does: the next alert goes to the new
 * SMTP server and recipients, {@code lvs_timeouts} are set and put back, the dump files move.
 * The daemon runs in the test JVM with the checkers only (no privileges needed).
 */
class GlobalsReloadTest {

    @TempDir
    Path dir;

    private Daemon daemon;
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private DaemonSettings settings(Path file) {
        return DaemonSettings.defaults(file)
                .withPaths(dir.resolve("run/vigil.pid"), dir.resolve("run/vigil.sock"))
                .withMetrics(new MetricsListen.Disabled())
                .withSubsystems(false, true)
                .withSignals(false);
    }

    private static String config(String globals, int virtualPort, int realPort) {
        return """
                global_defs {
                %s
                }
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(globals, virtualPort, realPort);
    }

    private static String smtpGlobals(int port, String routerId, String... recipients) {
        return """
                    router_id %s
                    notification_email {
                        %s
                    }
                    notification_email_from lb@example.org
                    smtp_server 127.0.0.1 %d
                    smtp_connect_timeout 5
                    smtp_alert
                """.formatted(routerId, String.join("\n        ", recipients), port);
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
    }

    @Test
    void theNextAlertAfterAReloadGoesToTheNewServerAndRecipients() throws Exception {
        GreenMail before = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        GreenMail after = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        before.start();
        after.start();
        try (ServerSocket realServer = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            int port = realServer.getLocalPort();
            Path file = dir.resolve("keepalived.conf");
            Files.writeString(file, config(smtpGlobals(before.getSmtp().getPort(), "first", "old@example.org"),
                    8080, port));
            daemon = Daemon.start(settings(file), choice -> new FakeIpvsBackend(), err);

            Files.writeString(file, config(smtpGlobals(after.getSmtp().getPort(), "second", "ops@example.org",
                    "dev@example.org"), 8080, port));
            ControlResponse answer = daemon.reload();
            System.out.println(answer.text());
            assertTrue(answer.ok(), answer.text());
            assertTrue(answer.text().contains("SMTP alerts: now through 127.0.0.1:" + after.getSmtp().getPort()
                    + " to ops@example.org, dev@example.org"), answer.text());
            assertTrue(!answer.text().contains("real server"), "the virtual server is unchanged: " + answer.text());
            int mailedBefore = before.getReceivedMessages().length;

            realServer.close();
            long t0 = System.nanoTime();
            Awaitility.await("the real server's alert at the new server").atMost(Duration.ofSeconds(30))
                    .until(() -> after.getReceivedMessages().length >= 2);
            System.out.printf("alert at the new server after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            MimeMessage mail = after.getReceivedMessages()[0];
            // The subject's UP/DOWN is keepalived's (the state before the change, AlertMailFormat);
            // what matters here is the new router_id, server and recipients.
            assertTrue(mail.getSubject().startsWith("[second] Realserver [127.0.0.1]:tcp:" + port
                    + " of virtual server [127.0.0.1]:tcp:8080 - "), mail.getSubject());
            assertEquals(List.of("ops@example.org", "dev@example.org"), recipients(mail));
            assertEquals(mailedBefore, before.getReceivedMessages().length, "nothing more went to the old server");
        } finally {
            before.stop();
            after.stop();
        }
    }

    @Test
    void lvsTimeoutsAreSetListedAndPutBackByAReload() throws Exception {
        int virtualPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            virtualPort = probe.getLocalPort();
        }
        try (ServerSocket realServer = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Path file = dir.resolve("keepalived.conf");
            Files.writeString(file, config("    lvs_timeouts tcp 3600 udp 60", virtualPort, realServer.getLocalPort()));
            DaemonSettings settings = settings(file);
            daemon = Daemon.start(settings, choice -> new UserspaceIpvsBackend(
                    ForwarderSettings.defaults().withEventLoops(1)), err);
            assertEquals("Timeout (tcp tcpfin udp): 3600 120 60\n", timeouts(settings));

            Files.writeString(file, config("    lvs_timeouts tcpfin 30", virtualPort, realServer.getLocalPort()));
            ControlResponse changed = daemon.reload();
            assertTrue(changed.text().contains("lvs_timeouts: tcp 900 tcpfin 30 udp 300 set"), changed.text());
            assertEquals("Timeout (tcp tcpfin udp): 900 30 300\n", timeouts(settings),
                    "parts left out get the originals back, as keepalived sets all three");

            Files.writeString(file, config("", virtualPort, realServer.getLocalPort()));
            ControlResponse removed = daemon.reload();
            assertTrue(removed.text().contains("lvs_timeouts: removed, original timeouts tcp 900 tcpfin 120 udp 300"
                    + " set"), removed.text());
            assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", timeouts(settings));
        }
    }

    private String timeouts(DaemonSettings settings) {
        StringWriter out = new StringWriter();
        assertEquals(0, CtlCommand.run(new String[] {"-s", settings.controlSocket().toString(), "ipvs", "-L", "-n",
                "--timeout"}, new PrintWriter(out, true), err), errText::toString);
        return out.toString();
    }

    @Test
    void withAllConfigAReloadMissingAnIncludedFileIsRefused() throws Exception {
        try (ServerSocket realServer = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Path included = Files.writeString(dir.resolve("vs.conf"), config("", 8080, realServer.getLocalPort()));
            Path file = Files.writeString(dir.resolve("keepalived.conf"), "include " + included + "\n");
            DaemonSettings plain = settings(file);
            DaemonSettings allConfig = new DaemonSettings(plain.configFile(), plain.configId(), plain.pidFile(),
                    plain.controlSocket(), plain.metrics(), plain.backend(), false, true, true, true, false, true);
            daemon = Daemon.start(allConfig, choice -> new FakeIpvsBackend(), err);
            Files.delete(included);
            ControlResponse refused = daemon.reload();
            assertTrue(!refused.ok(), refused.text());
            assertTrue(refused.text().contains("fatal: config files missing"), refused.text());
            assertTrue(refused.text().contains("nothing was reloaded"), refused.text());
            assertEquals(1, daemon.status().virtualServers().size(), "the running configuration stays");
        }
    }

    @Test
    void aReloadThatRenamesTheInstanceOrMovesTheNamespaceIsRefused() throws Exception {
        try (ServerSocket realServer = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            int port = realServer.getLocalPort();
            Path file = Files.writeString(dir.resolve("keepalived.conf"), "instance blue\n" + config("", 8080, port));
            daemon = Daemon.start(settings(file), choice -> new FakeIpvsBackend(), err);

            Files.writeString(file, "instance green\n" + config("", 8081, port));
            ControlResponse renamed = daemon.reload();
            assertTrue(!renamed.ok(), renamed.text());
            assertTrue(renamed.text().contains("instance cannot change at a reload ('blue' -> 'green'); restart"
                    + " Vigil"), renamed.text());
            assertTrue(renamed.text().contains("nothing was reloaded"), renamed.text());

            Files.writeString(file, "instance blue\nnet_namespace vgl-elsewhere\n" + config("", 8081, port));
            ControlResponse moved = daemon.reload();
            assertTrue(!moved.ok(), moved.text());
            assertTrue(moved.text().contains("net_namespace cannot change at a reload (none -> 'vgl-elsewhere')"),
                    moved.text());
            assertTrue(daemon.status().virtualServers().getFirst().id().contains(":8080"),
                    () -> "the running configuration stays: " + daemon.status());

            Files.writeString(file, "instance blue\n" + config("", 8081, port));
            ControlResponse same = daemon.reload();
            assertTrue(same.ok(), same.text());
            assertTrue(daemon.status().virtualServers().getFirst().id().contains(":8081"),
                    () -> "the same identity reloads: " + daemon.status());

            // keepalived: "Cannot change IPVS network namespace at a reload - please restart"
            Files.writeString(file, "instance blue\nnet_namespace_ipvs\n" + config("", 8082, port));
            ControlResponse ipvsMoved = daemon.reload();
            assertTrue(!ipvsMoved.ok(), ipvsMoved.text());
            assertTrue(ipvsMoved.text().contains("net_namespace_ipvs cannot change at a reload (none -> the host's"
                    + " namespace); restart Vigil to move the IPVS table"), ipvsMoved.text());
            assertTrue(daemon.status().virtualServers().getFirst().id().contains(":8081"),
                    () -> "the running configuration stays: " + daemon.status());
        }
    }

    @Test
    void dumpFilesMoveWithAReload() throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        try (ServerSocket realServer = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Path file = dir.resolve("keepalived.conf");
            Files.writeString(file, config("    state_dump_file " + first + "/state.txt", 8080,
                    realServer.getLocalPort()));
            DaemonSettings settings = settings(file);
            daemon = Daemon.start(settings, choice -> new FakeIpvsBackend(), err);
            assertEquals(List.of(first.resolve("state_check.txt")), daemon.dumps().orElseThrow().writeData());

            Files.writeString(file, config("    state_dump_file " + second + "/\n    stats_dump_file " + second
                    + "/s.stats", 8080, realServer.getLocalPort()));
            assertTrue(daemon.reload().ok());
            assertEquals(List.of(second.resolve("keepalived_check.data")), daemon.dumps().orElseThrow().writeData());
            assertEquals(second.resolve("s.stats"), daemon.dumps().orElseThrow().writeStats());
        }
    }
}
