package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.Protocol;

/**
 * One proxied flow: a TCP connection pair or a UDP client association. Its traffic
 * counters are written only by the flow's event loop and read by {@link ForwarderState}
 * under its monitor, which also owns the {@code reported*} / {@code touched*} fields.
 */
abstract class Session {

    private final Protocol protocol;
    private Booking booking;

    /** Written by the flow's event loop only (single writer); read by the state. */
    private volatile long inPackets;
    private volatile long outPackets;
    private volatile long inBytes;
    private volatile long outBytes;

    /** Guarded by the ForwarderState monitor: totals already charged to the counters. */
    long reportedInPackets;
    long reportedOutPackets;
    long reportedInBytes;
    long reportedOutBytes;
    /** Guarded by the ForwarderState monitor: packet totals when the table entry was last re-armed. */
    long touchedInPackets;
    long touchedOutPackets;

    Session(Protocol protocol) {
        this.protocol = protocol;
    }

    Protocol protocol() {
        return protocol;
    }

    Booking booking() {
        return booking;
    }

    void bind(Booking newBooking) {
        this.booking = newBooking;
    }

    /** Client to server: one read of {@code bytes} (a segment batch or a datagram). */
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // single writer: the flow's event loop
    final void countIn(int bytes) {
        inPackets = inPackets + 1;
        inBytes = inBytes + bytes;
    }

    /** Server to client. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // single writer: the flow's event loop
    final void countOut(int bytes) {
        outPackets = outPackets + 1;
        outBytes = outBytes + bytes;
    }

    final long inPackets() {
        return inPackets;
    }

    final long outPackets() {
        return outPackets;
    }

    final long inBytes() {
        return inBytes;
    }

    final long outBytes() {
        return outBytes;
    }

    /** Bytes queued inside the forwarder for this flow, both directions. */
    abstract long pendingWriteBytes();

    /** Ends the flow now (idle timeout or shutdown); safe from any thread. */
    abstract void close();
}
