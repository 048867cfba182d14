package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.NativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unix datagram sockets for real (no privilege needed): datagrams cross both address kinds
 * whole, sending never blocks, errors carry the errno name, and closing wakes a receiver.
 */
class UnixDatagramSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @BeforeEach
    void nativeAvailable() {
        assumeTrue(LinuxNative.isAvailable(), () -> "skipping: " + LinuxNative.unavailabilityCause().orElse(""));
    }

    private static UnixSocketAddress uniqueAbstract() {
        return UnixSocketAddress.abstractName("vigil-test/" + UUID.randomUUID());
    }

    private static String text(UnixDatagramSocket.Datagram datagram) {
        return new String(datagram.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void aDatagramReachesAnAbstractName() throws Exception {
        UnixSocketAddress address = uniqueAbstract();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(address);
             UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            sender.send(address, "READY=1\nSTATUS=up".getBytes(StandardCharsets.UTF_8));
            UnixDatagramSocket.Datagram got = receiver.receive(WAIT).orElseThrow();
            assertEquals("READY=1\nSTATUS=up", text(got));
            assertFalse(got.truncated());
            assertEquals(Optional.of(address), receiver.localAddress());
        }
    }

    @Test
    void aDatagramReachesAPathAndTheSocketFileStays() throws Exception {
        Path file = dir.resolve("notify.sock");
        UnixSocketAddress address = UnixSocketAddress.parse(file.toString());
        assertFalse(address.abstractName());
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(address);
             UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            assertTrue(Files.exists(file), "bind created the socket file");
            byte[] payload = new byte[4096];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            sender.send(address, payload);
            sender.send(address, new byte[0]);
            assertArrayEquals(payload, receiver.receive(WAIT).orElseThrow().payload());
            assertEquals(0, receiver.receive(WAIT).orElseThrow().payload().length, "empty datagrams are datagrams");
        }
        assertTrue(Files.exists(file), "close leaves the file to whoever bound it");
    }

    @Test
    void nobodyBoundToAnAbstractNameIsConnectionRefused() throws Exception {
        UnixSocketAddress address = uniqueAbstract();
        try (UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            NativeException e = assertThrows(NativeException.class, () -> sender.send(address, new byte[] {1}));
            assertTrue(e.is(Errno.ECONNREFUSED), e.getMessage());
            assertEquals("ECONNREFUSED", e.errnoName());
            assertTrue(e.getMessage().startsWith("sendto(AF_UNIX @vigil-test/"), e.getMessage());
        }
    }

    @Test
    void aMissingPathIsNoSuchFile() throws Exception {
        UnixSocketAddress address = UnixSocketAddress.path(dir.resolve("absent.sock").toString());
        try (UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            NativeException e = assertThrows(NativeException.class, () -> sender.send(address, new byte[] {1}));
            assertEquals("ENOENT", e.errnoName());
            assertEquals("sendto(AF_UNIX " + address + ", 1 bytes): ENOENT (No such file or directory)",
                    e.getMessage());
        }
    }

    @Test
    void aTakenNameCannotBeBoundTwice() throws Exception {
        UnixSocketAddress address = uniqueAbstract();
        try (UnixDatagramSocket first = UnixDatagramSocket.bind(address)) {
            NativeException e = assertThrows(NativeException.class, () -> UnixDatagramSocket.bind(address));
            assertEquals("EADDRINUSE", e.errnoName());
            assertTrue(first.isOpen());
        }
    }

    /** The kernel queues net.unix.max_dgram_qlen datagrams (10 by default); then send fails, it never waits. */
    @Test
    void aFullReceiverQueueFailsAtOnceWithEagain() throws Exception {
        UnixSocketAddress address = uniqueAbstract();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(address);
             UnixDatagramSocket sender = UnixDatagramSocket.open()) {
            NativeException full = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 100_000; i++) {
                    try {
                        sender.send(address, new byte[1024]);
                    } catch (NativeException e) {
                        return e;
                    }
                }
                return null;
            });
            assertTrue(full != null && full.is(Errno.EAGAIN), String.valueOf(full));
            assertTrue(receiver.receive(WAIT).isPresent(), "what was queued is still there");
        }
    }

    @Test
    void closeWakesABlockedReceiverAndReleasesDescriptors() throws Exception {
        long before = openDescriptors();
        UnixDatagramSocket receiver = UnixDatagramSocket.bind(uniqueAbstract());
        assertEquals(Optional.empty(), receiver.receive(Duration.ofMillis(20)), "timeout gives empty");
        CompletableFuture<Optional<UnixDatagramSocket.Datagram>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return receiver.receive(null);
            } catch (NativeException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(blocked.isDone());
        receiver.close();
        assertEquals(Optional.empty(), blocked.get(5, TimeUnit.SECONDS));
        assertFalse(receiver.isOpen());
        assertEquals(before, openDescriptors());
        NativeException e = assertThrows(NativeException.class,
                () -> receiver.send(uniqueAbstract(), new byte[] {1}));
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void addressesAreParsedAsSystemdWritesThem() {
        assertEquals(UnixSocketAddress.abstractName("/org/freedesktop/systemd1/notify/123"),
                UnixSocketAddress.parse("@/org/freedesktop/systemd1/notify/123"));
        assertEquals(UnixSocketAddress.path("/run/systemd/notify"), UnixSocketAddress.parse("/run/systemd/notify"));
        assertEquals("@x", UnixSocketAddress.parse("@x").toString());
        assertThrows(IllegalArgumentException.class, () -> UnixSocketAddress.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> UnixSocketAddress.parse(""));
        assertThrows(IllegalArgumentException.class, () -> UnixSocketAddress.parse("/" + "x".repeat(107)));
        assertEquals(107, UnixSocketAddress.parse("/" + "x".repeat(106)).name().length());
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
