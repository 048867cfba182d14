package dev.vigil.daemon.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The queue, retries and counters: an unreachable or stalled server never blocks submit(). */
class SmtpAlerterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:05:03Z"), ZoneId.of("Europe/Paris"));
    static final AlertEvent MASTER = new AlertEvent.InstanceStateChanged("VI_1", VrrpState.MASTER, 100);
    /** Far below every SMTP timeout used here, so a slow machine cannot make it flaky. */
    static final long SUBMIT_MAX_MILLIS = 200;

    static SmtpSettings settings(int port, Duration timeout) {
        return SmtpSettings.of("127.0.0.1", "director1", "lb@example.org", List.of("ops@example.org"), "LVS_DEVEL")
                .withPort(port).withTimeout(timeout);
    }

    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Records listener calls. */
    static final class Recorder implements MailDeliveryListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile SmtpOutcome lastFailure;

        @Override
        public void onDelivered(MailMessage message, int attempts) {
            calls.add("delivered " + attempts);
        }

        @Override
        public void onRetry(MailMessage message, SmtpOutcome outcome, int attempt) {
            calls.add("retry " + attempt);
        }

        @Override
        public void onFailed(MailMessage message, SmtpOutcome outcome, int attempts) {
            lastFailure = outcome;
            calls.add("failed " + attempts);
        }

        @Override
        public void onDropped(MailMessage message, SubmitResult reason) {
            calls.add("dropped " + reason);
        }
    }

    static SubmitResult timedSubmit(SmtpAlerter alerter, AlertEvent event) {
        long start = System.nanoTime();
        SubmitResult result = alerter.submit(event);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < SUBMIT_MAX_MILLIS, "submit took " + millis + " ms");
        return result;
    }

    @Test
    void aClosedPortIsRetriedThenCountedAsFailed() throws IOException {
        Recorder recorder = new Recorder();
        DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofMillis(50), 8);
        try (SmtpAlerter alerter = SmtpAlerter.start(settings(closedPort(), Duration.ofSeconds(2)), policy, CLOCK,
                recorder)) {
            assertEquals(SubmitResult.QUEUED, timedSubmit(alerter, MASTER));
            await().atMost(Duration.ofSeconds(10)).until(() -> alerter.stats().failed() == 1);
            MailStats stats = alerter.stats();
            assertEquals(new MailStats(1, 0, 1, 0, 2, 0), stats);
            assertEquals(List.of("retry 1", "retry 2", "failed 3"), recorder.calls);
            SmtpOutcome.ConnectionFailed failure = assertInstanceOf(SmtpOutcome.ConnectionFailed.class,
                    recorder.lastFailure);
            assertEquals(SmtpStage.CONNECT, failure.stage());
        }
    }

    @Test
    void aStalledServerTimesOutOnEveryAttempt() throws IOException {
        Recorder recorder = new Recorder();
        DeliveryPolicy policy = new DeliveryPolicy(2, Duration.ofMillis(50), 8);
        try (FakeSmtpServer server = new FakeSmtpServer(null, FakeSmtpServer::happyPath);
             SmtpAlerter alerter = SmtpAlerter.start(settings(server.port(), Duration.ofMillis(400)), policy, CLOCK,
                     recorder)) {
            assertEquals(SubmitResult.QUEUED, timedSubmit(alerter, MASTER));
            assertEquals(0, alerter.stats().failed(), "nothing is counted before the timeout");
            await().atMost(Duration.ofSeconds(10)).until(() -> alerter.stats().failed() == 1);
            assertEquals(new MailStats(1, 0, 1, 0, 1, 0), alerter.stats());
            assertEquals(new SmtpOutcome.TimedOut(SmtpStage.GREETING), recorder.lastFailure);
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aPermanentRejectionIsNotRetried() throws IOException {
        Recorder recorder = new Recorder();
        try (FakeSmtpServer server = new FakeSmtpServer("220 hi\r\n",
                line -> line.startsWith("MAIL") ? "550 go away\r\n" : FakeSmtpServer.happyPath(line));
             SmtpAlerter alerter = SmtpAlerter.start(settings(server.port(), Duration.ofSeconds(2)),
                     new DeliveryPolicy(3, Duration.ofMillis(10), 8), CLOCK, recorder)) {
            alerter.submit(MASTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> alerter.stats().failed() == 1);
            assertEquals(List.of("failed 1"), recorder.calls);
            assertEquals(1, server.connections());
        }
    }

    @Test
    void aFullQueueDropsAndCounts() throws IOException {
        Recorder recorder = new Recorder();
        try (FakeSmtpServer server = new FakeSmtpServer(null, FakeSmtpServer::happyPath);
             SmtpAlerter alerter = SmtpAlerter.start(settings(server.port(), Duration.ofSeconds(30)),
                     new DeliveryPolicy(1, Duration.ZERO, 2), CLOCK, recorder)) {
            assertEquals(SubmitResult.QUEUED, timedSubmit(alerter, MASTER));
            assertEquals(SubmitResult.QUEUED, timedSubmit(alerter, MASTER));
            assertEquals(SubmitResult.QUEUE_FULL, timedSubmit(alerter, MASTER));
            assertEquals(SubmitResult.NO_MAIL,
                    timedSubmit(alerter, new AlertEvent.InstancePriorityChanged("VI_1", true, 1)));
            assertEquals(new MailStats(2, 0, 0, 1, 0, 2), alerter.stats());
            alerter.close();
            // Closing abandons the stalled mail and the waiting one.
            assertEquals(new MailStats(2, 0, 0, 3, 0, 0), alerter.stats());
            assertEquals(SubmitResult.CLOSED, alerter.submit(MASTER));
            assertEquals(List.of("dropped QUEUE_FULL", "dropped CLOSED", "dropped CLOSED", "dropped CLOSED"),
                    recorder.calls);
        }
    }

    @Test
    void mailsAreSentInOrderAfterAnOutage() throws IOException {
        Recorder recorder = new Recorder();
        try (FakeSmtpServer server = new FakeSmtpServer("220 hi\r\n", FakeSmtpServer::happyPath);
             SmtpAlerter alerter = SmtpAlerter.start(settings(server.port(), Duration.ofSeconds(2)),
                     DeliveryPolicy.DEFAULT, CLOCK, recorder)) {
            alerter.submit(MASTER);
            alerter.submit(new AlertEvent.InstanceStateChanged("VI_1", VrrpState.BACKUP, 100));
            await().atMost(Duration.ofSeconds(10)).until(() -> alerter.stats().delivered() == 2);
            assertTrue(server.transcript(0).contains("Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state"));
            assertTrue(server.transcript(1).contains("Subject: [LVS_DEVEL] VRRP Instance VI_1 - Entering BACKUP state"));
            assertTrue(server.transcript(0).contains("Date: Sat, 21 Nov 2026 09:05:03 +0100\r\n"));
            assertEquals(List.of("delivered 1", "delivered 1"), recorder.calls);
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        DeliveryPolicy policy = new DeliveryPolicy(10, Duration.ofSeconds(5), 1);
        assertEquals(Duration.ofSeconds(5), policy.backoffAfter(1));
        assertEquals(Duration.ofSeconds(10), policy.backoffAfter(2));
        assertEquals(Duration.ofSeconds(20), policy.backoffAfter(3));
        assertEquals(DeliveryPolicy.MAX_BACKOFF, policy.backoffAfter(30));
    }
}
