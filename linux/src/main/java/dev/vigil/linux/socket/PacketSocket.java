package dev.vigil.linux.socket;

import dev.vigil.linux.Capability;
import dev.vigil.linux.LinuxNative;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.internal.Libc;
import dev.vigil.linux.internal.Segments;
import dev.vigil.linux.internal.SocketAddresses;
import dev.vigil.linux.internal.SocketFd;
import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * A send-only packet socket (packet(7), {@code AF_PACKET, SOCK_RAW}) for whole Ethernet
 * frames: gratuitous ARP and unsolicited neighbour advertisements built by
 * {@link dev.vigil.linux.packet.GratuitousArp} and
 * {@link dev.vigil.linux.packet.NeighborAdvertisement}.
 *
 * <p>Opened with protocol 0, so the kernel queues no received frames to it. One socket
 * can send on any interface of its network namespace. Thread-safe; needs CAP_NET_RAW.
 */
public final class PacketSocket implements AutoCloseable {

    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** Destination MAC (6) + source MAC (6) + EtherType (2). */
    private static final int ETHERNET_HEADER = 14;

    private final SocketFd socket;

    private PacketSocket(SocketFd socket) {
        this.socket = socket;
    }

    /** Opens a packet socket in the calling thread's network namespace. */
    public static PacketSocket open() throws NativeException {
        String operation = "socket(AF_PACKET, SOCK_RAW, 0)";
        LinuxNative.ensureAvailable(operation);
        int fd = Libc.socket(SocketAddresses.AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0, operation, Capability.CAP_NET_RAW);
        return new PacketSocket(SocketFd.wrap(fd));
    }

    /**
     * Sends one Ethernet frame (header included) on an interface. The destination MAC and
     * EtherType are taken from the frame.
     *
     * @throws IllegalArgumentException when the frame is shorter than an Ethernet header
     */
    public void send(int interfaceIndex, byte[] frame) throws NativeException {
        if (frame.length < ETHERNET_HEADER) {
            throw new IllegalArgumentException("an Ethernet frame has at least 14 bytes, got " + frame.length);
        }
        int etherType = (frame[12] & 0xFF) << 8 | frame[13] & 0xFF;
        byte[] destination = Arrays.copyOf(frame, 6);
        String operation = String.format("sendto(AF_PACKET ifindex %d type 0x%04x)", interfaceIndex, etherType);
        socket.use("packet socket", fd -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.sendto(fd, Segments.copyOf(arena, frame),
                        SocketAddresses.link(arena, interfaceIndex, etherType, destination), operation,
                        Capability.CAP_NET_RAW);
            }
        });
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
