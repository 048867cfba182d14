package dev.vigil.ipvs.userspace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ipvs.ServiceKey;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On epoll every event loop watches the TCP listener and whichever waits for work accepts:
 * a loop that is stalled (busy, or descheduled on a loaded machine) holds back no new
 * connections — with one SO_REUSEPORT socket per loop, the kernel would hand about half of
 * them to the stalled loop's queue. And the accepting loop passes a connection on to a loop
 * with clearly fewer sessions, so long-lived connections end up spread evenly.
 */
class SharedListenerTest {

    private static final Logger LOG = LoggerFactory.getLogger(SharedListenerTest.class);
    private static final String VIP = "127.0.0.10";
    /** Longer than the clients' patience below, so a connection given to the stalled loop fails the test. */
    private static final long STALL_SECONDS = 8;
    private static final int CONNECTIONS = 10;

    @Test
    void newConnectionsAreServedWhileOneLoopIsStalled() throws Exception {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
             LoopbackServer server = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            assumeTrue(forwarder.transportName().equals("epoll"), "needs the epoll transport");
            ServiceKey.Inet key = Loopback.serviceTo(forwarder, VIP, server);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stalled = new CountDownLatch(1);
            EventExecutor first = forwarder.eventLoops().iterator().next();
            first.execute(() -> {
                stalled.countDown();
                try {
                    release.await(STALL_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(stalled.await(10, TimeUnit.SECONDS));
            try {
                long start = System.nanoTime();
                for (int i = 0; i < CONNECTIONS; i++) {
                    try (Socket s = Loopback.connect("127.0.0.51", VIP, key.port())) {
                        s.setSoTimeout(3_000);
                        assertEquals("A", Loopback.readLine(s));
                        assertEquals("echo " + i, Loopback.echo(s, "echo " + i));
                    }
                }
                LOG.info("{} connections served in {} ms with one of two loops stalled", CONNECTIONS,
                        (System.nanoTime() - start) / 1_000_000);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void connectionsAreSpreadEvenlyOverTheLoops() throws Exception {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
             LoopbackServer server = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            assumeTrue(forwarder.transportName().equals("epoll"), "needs the epoll transport");
            ServiceKey.Inet key = Loopback.serviceTo(forwarder, VIP, server);
            List<Socket> open = new ArrayList<>();
            try {
                // One at a time: each time the same idle loop is likely to be woken first.
                for (int i = 0; i < 20; i++) {
                    Socket s = Loopback.connect("127.0.0.51", VIP, key.port());
                    open.add(s);
                    assertEquals("A", Loopback.readLine(s));
                }
                List<Integer> perLoop = forwarder.relaySessionsPerLoop();
                LOG.info("20 connections per loop: {}", perLoop);
                assertEquals(20, perLoop.stream().mapToInt(Integer::intValue).sum());
                int spread = Math.abs(perLoop.get(0) - perLoop.get(1));
                assertTrue(spread <= 3, "sessions per loop " + perLoop);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> forwarder.relaySessionsPerLoop().stream().mapToInt(Integer::intValue).sum() == 0);
        }
    }
}
