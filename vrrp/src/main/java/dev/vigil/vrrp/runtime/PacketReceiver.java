package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.vrrp.codec.RxMeta;
import java.util.Objects;
import java.util.Optional;

/**
 * The receive side of one raw socket (one interface and address family). The runtime gives
 * each receiver its own thread, which blocks in {@link #receive()}, decodes and hands the
 * result to the event loop. {@link #close()} (from another thread) wakes it.
 */
public interface PacketReceiver extends AutoCloseable {

    /** Waits for the next packet; empty once the receiver is closed. */
    Optional<RawPacket> receive() throws NativeException;

    /** Closes the socket and wakes a blocked {@link #receive()}; idempotent. */
    @Override
    void close();

    /**
     * One received packet: the bytes the socket gave (IPv4 with its header) and what the
     * socket said about them.
     */
    record RawPacket(byte[] bytes, RxMeta meta) {
        public RawPacket {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(meta, "meta");
        }
    }
}
