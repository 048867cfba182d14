package dev.vigil.healthcheck.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.ExecutorScheduler;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckKind;
import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.run.CheckRunner;
import dev.vigil.healthcheck.state.CheckPolicy;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.socket.IcmpSocket;
import dev.vigil.linux.testing.NetnsLab;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PING_CHECK against a real server namespace over a veth pair: its kernel answers echo
 * requests for the addresses it holds. The director side opens its ICMP sockets inside its
 * own namespace (the first attempt runs there).
 */
@Tag("netns")
class PingProbeNetnsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private NetnsLab lab;
    private String director;
    private String server;
    private CheckTransport transport;

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        director = lab.namespace("dir");
        server = lab.namespace("rs");
        lab.veth(director, "vd0", server, "vr0");
        lab.address(director, "vd0", "10.206.0.1/24");
        lab.address(server, "vr0", "10.206.0.2/24");
        lab.address(director, "vd0", "fd00:206::1/64", "nodad");
        lab.address(server, "vr0", "fd00:206::2/64", "nodad");
        transport = CheckTransport.create(1);
    }

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static ConnectOptions target(String address) {
        return ConnectOptions.to(new InetSocketAddress(address, 0)).withTimeout(TIMEOUT);
    }

    /** One attempt started inside the director's namespace (so a socket opened for it lives there). */
    private CheckResult attemptInDirector(ConnectOptions options) throws Exception {
        PingProbe probe = new PingProbe(transport, options);
        CompletableFuture<CheckResult> attempt = NetNamespace.call(director, probe::attempt);
        return attempt.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void liveIpv4AndIpv6AddressesAnswerThroughRawSocketsByDefault() throws Exception {
        assertInstanceOf(CheckResult.Success.class, attemptInDirector(target("10.206.0.2")));
        assertInstanceOf(CheckResult.Success.class, attemptInDirector(target("fd00:206::2")));
        assertEquals(2, transport.echoes().open().size(), "one socket per family");
        transport.echoes().open().values().forEach(e -> assertEquals(IcmpSocket.Kind.RAW, e.kind(),
                "ping_group_range is \"1 0\" in a new namespace"));
    }

    @Test
    void aPingSocketIsUsedWhenTheGroupRangeAllows() throws Exception {
        lab.sysctl(director, "net.ipv4.ping_group_range", "0 2147483647");
        CheckResult result = attemptInDirector(target("10.206.0.2"));
        assertTrue(((CheckResult.Success) result).detail().startsWith("echo reply from 10.206.0.2 in "), result.toString());
        assertEquals(IcmpSocket.Kind.PING, transport.echoes().open().values().iterator().next().kind());
        CheckResult v6 = attemptInDirector(target("fd00:206::2"));
        assertTrue(((CheckResult.Success) v6).detail().startsWith("echo reply from fd00:206::2 in "), v6.toString());
    }

    @Test
    void aSilentAddressTimesOutAfterTheConnectTimeout() throws Exception {
        long started = System.nanoTime();
        CheckResult result = attemptInDirector(target("10.206.0.99"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("silent address: " + result + " after " + elapsedMillis + " ms (timeout " + TIMEOUT + ")");
        assertEquals(new CheckResult.TimedOut("echo reply", TIMEOUT), result);
        assertTrue(elapsedMillis >= TIMEOUT.toMillis() && elapsedMillis < TIMEOUT.toMillis() + 1_000,
                "timed out after " + elapsedMillis + " ms");
        await().atMost(WAIT).until(() -> transport.echoes().open().values().iterator().next().inFlight() == 0);
    }

    @Test
    void aBlackholedRouteFailsAtOnce() throws Exception {
        lab.exec(director, "ip", "route", "add", "blackhole", "10.207.0.0/24");
        long started = System.nanoTime();
        CheckResult result = attemptInDirector(target("10.207.0.5"));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        CheckResult.Failure failure = assertInstanceOf(CheckResult.Failure.class, result);
        assertTrue(failure.reason().startsWith("ICMP echo: sendto(ICMP echo to 10.207.0.5): EINVAL"), failure.reason());
        assertTrue(elapsedMillis < TIMEOUT.toMillis(), "failed in " + elapsedMillis + " ms, before the timeout");
    }

    @Test
    void manyRealServersShareOneSocketAndEachGetsItsOwnReply() throws Exception {
        int servers = 40;
        for (int i = 0; i < servers; i++) {
            lab.address(server, "vr0", "10.206.1." + (i + 1) + "/32");
        }
        lab.exec(director, "ip", "route", "add", "10.206.1.0/24", "via", "10.206.0.2");
        List<CompletableFuture<CheckResult>> attempts = NetNamespace.call(director, () -> {
            List<CompletableFuture<CheckResult>> started = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                started.add(new PingProbe(transport, target("10.206.1." + (i + 1))).attempt());
            }
            started.add(new PingProbe(transport, target("10.206.1.200")).attempt());
            return started;
        });
        for (int i = 0; i < servers; i++) {
            CheckResult.Success success = assertInstanceOf(CheckResult.Success.class,
                    attempts.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(success.detail().startsWith("echo reply from 10.206.1." + (i + 1) + " in "), success.detail());
        }
        assertInstanceOf(CheckResult.TimedOut.class, attempts.getLast().get(WAIT.toSeconds(), TimeUnit.SECONDS),
                "an address nobody holds among them");
        assertEquals(1, transport.echoes().open().size());
    }

    @Test
    void aRunnerRetriesThenReportsDownComesBackUpAndGoesDownAgainBehindABlackhole() throws Exception {
        lab.address(server, "vr0", "10.206.0.3/24");
        Duration delayLoop = Duration.ofMillis(300);
        Duration beforeRetry = Duration.ofMillis(200);
        int retries = 2;
        CheckTiming timing = CheckTiming.resolve(CheckKind.PING_CHECK, Optional.of(delayLoop), OptionalInt.of(retries),
                Optional.of(beforeRetry), Optional.of(Duration.ZERO), false, false);
        CheckSpec spec = new CheckSpec.PingCheck(target("10.206.0.3"), timing);
        assertInstanceOf(CheckResult.Success.class, attemptInDirector(target("10.206.0.3")), "socket opened, server up");

        List<CheckEvent> events = new CopyOnWriteArrayList<>();
        List<Long> eventNanos = new CopyOnWriteArrayList<>();
        Probe probe = new ProbeFactory(transport, new SplittableRandom(1)).create(spec);
        CheckRunner runner = new CheckRunner("ping 10.206.0.3", CheckPolicy.of(spec), probe,
                new ExecutorScheduler(transport.group().next()), event -> {
                    eventNanos.add(System.nanoTime());
                    events.add(event);
                }, new SplittableRandom(2), Duration.ZERO);
        runner.start();
        try {
            Thread.sleep(delayLoop.toMillis() * 2);
            assertEquals(List.of(), events, "up while the address answers");
            long removed = System.nanoTime();
            lab.exec(server, "ip", "addr", "del", "10.206.0.3/24", "dev", "vr0");
            await().atMost(WAIT).until(() -> events.stream().anyMatch(CheckEvent.Down.class::isInstance));
            int downIndex = indexOf(events, CheckEvent.Down.class);
            CheckEvent.Down down = (CheckEvent.Down) events.get(downIndex);
            long downMillis = (eventNanos.get(downIndex) - removed) / 1_000_000;
            assertEquals(retries + 1, down.failedAttempts());
            assertEquals(new CheckResult.TimedOut("echo reply", TIMEOUT), down.cause());
            assertEquals(retries, events.subList(0, downIndex).stream()
                    .filter(CheckEvent.AttemptFailed.class::isInstance).count());
            // The first failing attempt may already be in flight at removal; the two retries
            // each wait delay_before_retry and then the whole timeout.
            long lower = 2 * (beforeRetry.toMillis() + TIMEOUT.toMillis());
            long upper = delayLoop.toMillis() + TIMEOUT.toMillis() + 3 * TIMEOUT.toMillis()
                    + 2 * beforeRetry.toMillis() + 1_000;
            System.out.println("down " + downMillis + " ms after the address went (bounds " + lower + ".." + upper + ")");
            assertTrue(downMillis >= lower && downMillis <= upper, "down after " + downMillis + " ms");

            lab.address(server, "vr0", "10.206.0.3/24");
            await().atMost(WAIT).until(() -> events.getLast() instanceof CheckEvent.Up);

            // A blackhole route: every send fails at once, so only the retry delays count.
            int before = events.size();
            long blackholed = System.nanoTime();
            lab.exec(director, "ip", "route", "add", "blackhole", "10.206.0.3/32");
            await().atMost(WAIT).until(() -> events.getLast() instanceof CheckEvent.Down);
            long blackholeMillis = (eventNanos.getLast() - blackholed) / 1_000_000;
            CheckEvent.Down second = (CheckEvent.Down) events.getLast();
            assertEquals(retries + 1, second.failedAttempts());
            assertTrue(((CheckResult.Failure) second.cause()).reason().contains("EINVAL"), second.cause().toString());
            assertEquals(retries, events.subList(before, events.size()).stream()
                    .filter(CheckEvent.AttemptFailed.class::isInstance).count());
            long blackholeUpper = delayLoop.toMillis() + TIMEOUT.toMillis() + 2 * beforeRetry.toMillis() + 1_000;
            System.out.println("down " + blackholeMillis + " ms after the blackhole route (bounds "
                    + 2 * beforeRetry.toMillis() + ".." + blackholeUpper + ")");
            assertTrue(blackholeMillis >= 2 * beforeRetry.toMillis() && blackholeMillis <= blackholeUpper,
                    "down after " + blackholeMillis + " ms");
        } finally {
            runner.stop();
        }
    }

    private static int indexOf(List<CheckEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
