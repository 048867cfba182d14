package dev.vigil.healthcheck.probe;

import dev.vigil.linux.packet.IcmpEcho;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The echo requests in flight on one ICMP socket, keyed by sequence number, and the rule that
 * pairs a received message with one of them: an echo reply of the socket's family carrying
 * the socket's identifier, a sequence number in flight, the request's data unchanged
 * (RFC 792, RFC 4443 §4.2) and the address the request went to as its source.
 *
 * <p>Sequence numbers count up from a starting point and wrap at 2¹⁶, skipping numbers
 * still in flight, so replies to many real servers are told apart on one shared socket.
 * Pure (no I/O, no clock); thread-safe: every method locks the table.
 *
 * @param <W> what waits for a reply (the runtime's attempt)
 */
final class EchoTable<W> {

    /** Sequence numbers are 16 bits. */
    static final int CAPACITY = 1 << 16;

    private final boolean ipv6;
    private final int identifier;
    private final byte[] payload;
    /** Guarded by this. */
    private final Map<Integer, Entry<W>> pending = new HashMap<>();
    /** Guarded by this: the next sequence number to try. */
    private int next;

    /** Why a received message was not a reply to anything in flight. */
    enum Ignored {
        /** Not an ICMP message of the family (too short, bad checksum). */
        MALFORMED,
        /** An ICMP message, but not an echo reply. */
        NOT_AN_ECHO_REPLY,
        /** Another socket's (or program's) echo. */
        OTHER_IDENTIFIER,
        /** No request with that sequence number is in flight (it timed out, or was never sent). */
        UNKNOWN_SEQUENCE,
        /** The sequence number is in flight to another address. */
        OTHER_SOURCE,
        /** The data came back changed. */
        OTHER_PAYLOAD
    }

    /** What {@link #match} found. */
    sealed interface Match<W> {
    }

    /** The reply to the request of {@code waiter}, now removed from the table. */
    record Matched<W>(W waiter) implements Match<W> {
    }

    /** Nothing in flight answered by this message. */
    record NoMatch<W>(Ignored reason) implements Match<W> {
    }

    private record Entry<W>(InetAddress target, W waiter) {
    }

    /**
     * @param identifier the socket's echo identifier
     * @param payload    the data every request carries
     * @param start      the first sequence number to use (0..65535)
     */
    EchoTable(boolean ipv6, int identifier, byte[] payload, int start) {
        this.ipv6 = ipv6;
        this.identifier = identifier;
        this.payload = payload.clone();
        this.next = start & (CAPACITY - 1);
    }

    /** Records a request to {@code target}; its sequence number, or empty when 2¹⁶ are in flight. */
    synchronized OptionalInt register(InetAddress target, W waiter) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(waiter, "waiter");
        if (pending.size() >= CAPACITY) {
            return OptionalInt.empty();
        }
        while (pending.containsKey(next)) {
            next = (next + 1) & (CAPACITY - 1);
        }
        int sequence = next;
        pending.put(sequence, new Entry<>(target, waiter));
        next = (next + 1) & (CAPACITY - 1);
        return OptionalInt.of(sequence);
    }

    /** Removes the request {@code sequence} if {@code waiter} still owns it; true when it did. */
    synchronized boolean remove(int sequence, W waiter) {
        Entry<W> entry = pending.get(sequence);
        if (entry == null || entry.waiter() != waiter) {
            return false;
        }
        pending.remove(sequence);
        return true;
    }

    /** Pairs a received ICMP message (from its header on) with the request it answers. */
    synchronized Match<W> match(InetAddress source, byte[] message) {
        IcmpEcho.Decoded decoded = IcmpEcho.decode(ipv6, message, 0, message.length);
        return switch (decoded) {
            case IcmpEcho.Malformed malformed -> new NoMatch<>(Ignored.MALFORMED);
            case IcmpEcho.Other other -> new NoMatch<>(Ignored.NOT_AN_ECHO_REPLY);
            case IcmpEcho.Echo(IcmpEcho echo) -> matchEcho(source, echo);
        };
    }

    private Match<W> matchEcho(InetAddress source, IcmpEcho echo) {
        if (echo.type() != IcmpEcho.Type.reply(ipv6)) {
            return new NoMatch<>(Ignored.NOT_AN_ECHO_REPLY);
        }
        if (echo.identifier() != identifier) {
            return new NoMatch<>(Ignored.OTHER_IDENTIFIER);
        }
        Entry<W> entry = pending.get(echo.sequence());
        if (entry == null) {
            return new NoMatch<>(Ignored.UNKNOWN_SEQUENCE);
        }
        // Byte comparison: an IPv6 link-local target carries a scope the received address lacks.
        if (!Arrays.equals(entry.target().getAddress(), source.getAddress())) {
            return new NoMatch<>(Ignored.OTHER_SOURCE);
        }
        if (!echo.samePayload(payload)) {
            return new NoMatch<>(Ignored.OTHER_PAYLOAD);
        }
        pending.remove(echo.sequence());
        return new Matched<>(entry.waiter());
    }

    /** Requests in flight. */
    synchronized int size() {
        return pending.size();
    }

    /** Removes every request in flight and returns their waiters (when the socket fails). */
    synchronized List<W> drain() {
        List<W> waiters = pending.values().stream().map(Entry::waiter).toList();
        pending.clear();
        return waiters;
    }
}
