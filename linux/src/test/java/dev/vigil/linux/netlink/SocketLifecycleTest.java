package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.NativeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Descriptor hygiene of the socket wrapper, on netlink sockets (which need no privilege
 * and send nothing here): closing releases both descriptors, also when a receiver was
 * blocked, and a closed socket refuses work with EBADF.
 */
class SocketLifecycleTest {

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void openAndCloseLeaksNoDescriptors() throws Exception {
        assumeTrue(LinuxNative.isAvailable(), () -> "skipping: " + LinuxNative.unavailabilityCause().orElse(""));
        long before = openDescriptors();
        for (int i = 0; i < 50; i++) {
            NetlinkSocket socket = NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, 0);
            assertTrue(socket.portId() != 0);
            socket.close();
            socket.close();
        }
        assertEquals(before, openDescriptors());
    }

    @Test
    void closeWakesABlockedReceiverThenReleasesDescriptors() throws Exception {
        assumeTrue(LinuxNative.isAvailable(), () -> "skipping: " + LinuxNative.unavailabilityCause().orElse(""));
        long before = openDescriptors();
        NetlinkSocket socket = NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, 0);
        assertEquals(Optional.empty(), socket.receive(Duration.ofMillis(20)));
        CompletableFuture<Optional<NetlinkMessage.Batch>> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                return socket.receive(null);
            } catch (NativeException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(receiver.isDone());
        socket.close();
        assertEquals(Optional.empty(), receiver.get(5, TimeUnit.SECONDS));
        assertEquals(before, openDescriptors());

        NativeException closed = assertThrows(NativeException.class, () -> socket.joinGroup(1));
        assertTrue(closed.is(Errno.EBADF), closed.getMessage());
        NativeException request = assertThrows(NativeException.class,
                () -> socket.request(new NetlinkMessageBuilder(18, Netlink.F_DUMP), "RTM_GETLINK", null));
        assertTrue(request.is(Errno.EBADF), request.getMessage());
    }
}
