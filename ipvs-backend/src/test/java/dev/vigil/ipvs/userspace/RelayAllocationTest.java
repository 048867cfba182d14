package dev.vigil.ipvs.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.ipvs.ServiceKey;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relaying on an established connection allocates nothing on the event loop: no buffer
 * (data goes through the loop's read buffer), and no event object — Netty allocates one for
 * every readiness report it has no cached object for, such as EPOLLIN|EPOLLOUT, so the relay
 * asks for output events only while it needs them. Garbage per request would mean
 * collections at a steady keep-alive load (docs/BENCHMARKS.md: 62 bytes a request did).
 */
class RelayAllocationTest {

    private static final Logger LOG = LoggerFactory.getLogger(RelayAllocationTest.class);
    private static final String VIP = "127.0.0.10";
    private static final int WARM_UP = 20_000;
    private static final int ROUND_TRIPS = 20_000;
    /** Bytes per round trip allowed for what else the loop may do now and then (a timer, a task). */
    private static final double ALLOWED_BYTES_PER_ROUND_TRIP = 4;

    @Test
    void anEchoRoundTripAllocatesNothingOnTheEventLoop() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "the JVM does not count allocations per thread");
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(1));
             LoopbackServer server = LoopbackServer.nameEcho("A", "127.0.0.21")) {
            assumeTrue(forwarder.transportName().equals("epoll"), "needs the epoll transport");
            ServiceKey.Inet key = Loopback.serviceTo(forwarder, VIP, server);
            long loopThread = forwarder.eventLoops().iterator().next()
                    .submit(() -> Thread.currentThread().threadId()).get(10, TimeUnit.SECONDS);
            try (Socket client = Loopback.connect("127.0.0.51", VIP, key.port())) {
                assertEquals("A", Loopback.readLine(client));
                echo(client, WARM_UP);
                long before = threads.getThreadAllocatedBytes(loopThread);
                echo(client, ROUND_TRIPS);
                long allocated = threads.getThreadAllocatedBytes(loopThread) - before;
                double perRoundTrip = (double) allocated / ROUND_TRIPS;
                LOG.info("event loop allocated {} bytes in {} round trips ({} per round trip)", allocated,
                        ROUND_TRIPS, String.format("%.2f", perRoundTrip));
                assertTrue(perRoundTrip <= ALLOWED_BYTES_PER_ROUND_TRIP,
                        "the event loop allocated " + perRoundTrip + " bytes per round trip");
            }
        }
    }

    private static void echo(Socket client, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            assertEquals("x", Loopback.echo(client, "x"));
        }
    }
}
