package dev.vigil.ipvs.userspace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ipvs.ServiceKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A real server that sends far more than the client reads: the forwarder must stop reading
 * from the server (so the server blocks) instead of queueing the difference.
 */
class BackPressureTest {

    private static final String VIP = "127.0.0.10";
    /** Well above what the three sockets' kernel buffers can absorb (a few MiB each on loopback). */
    private static final long TOTAL = 64L * 1024 * 1024;
    /**
     * Bound on bytes queued inside the forwarder: the 64 KiB high water mark plus one read
     * of at most 64 KiB, per direction, with slack for one more read in flight.
     */
    private static final long PENDING_BOUND = 256 * 1024;

    @Test
    void aSlowReaderDoesNotMakeTheForwarderBuffer() throws IOException {
        try (UserspaceIpvsBackend forwarder = new UserspaceIpvsBackend(ForwarderSettings.defaults().withEventLoops(2));
             LoopbackServer source = LoopbackServer.source("S", "127.0.0.21", TOTAL)) {
            ServiceKey.Inet key = Loopback.serviceTo(forwarder, VIP, source);
            try (Socket client = Loopback.connect("127.0.0.51", VIP, key.port())) {
                long[] last = {-1};
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(400)).until(() -> {
                    long now = source.written();
                    boolean stalled = now > 0 && now == last[0];
                    last[0] = now;
                    return stalled;
                });
                assertTrue(source.written() < TOTAL, "the server must be blocked, wrote " + source.written());
                long pending = forwarder.pendingWriteBytes();
                assertTrue(pending <= PENDING_BOUND, "forwarder holds " + pending + " bytes");
                assertEquals(TOTAL, readAll(client.getInputStream(), forwarder, source));
            }
        }
    }

    /**
     * Reads to the end, checking the pattern and, while the server is still sending, the
     * forwarder's queue. Once the server has closed, Netty's epoll transport drains the
     * socket to its end regardless of auto-read (EPOLLRDHUP), so the queue may then hold up
     * to one socket receive buffer — bounded by the kernel, not by the forwarder.
     */
    private static long readAll(InputStream in, UserspaceIpvsBackend forwarder, LoopbackServer source)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        long maxPending = 0;
        int samples = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != LoopbackServer.pattern(offset + i)) {
                    throw new AssertionError("corrupt byte at " + (offset + i));
                }
            }
            offset += n;
            long pending = forwarder.pendingWriteBytes();
            if (source.written() < TOTAL) {
                maxPending = Math.max(maxPending, pending);
                samples++;
            }
        }
        assertTrue(samples > 0, "no sample taken while the server was sending");
        assertTrue(maxPending <= PENDING_BOUND, "forwarder held up to " + maxPending + " bytes while draining");
        return offset;
    }
}
