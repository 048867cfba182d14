package dev.vigil.ipvs.userspace;

import dev.vigil.ipvs.conn.ConnectionTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tuning of the userspace forwarder.
 *
 * @param eventLoops              event-loop threads; 0 = one per available core
 * @param preferNativeTransport   use epoll when available (else always NIO)
 * @param connectTimeout          how long a connection to a real server may take
 * @param writeBufferLowWaterMark bytes queued towards a socket below which the other side reads again
 * @param writeBufferHighWaterMark bytes queued towards a socket above which the other side stops reading
 * @param timeouts                per-state idle timeouts (IPVS defaults: TCP 900 s, FIN 120 s, UDP 300 s)
 * @param expireQuiescentTemplate {@code net.ipv4.vs.expire_quiescent_template}: weight 0 ends persistence
 * @param netNamespace            the network namespace (its file, e.g. {@code /var/run/netns/NAME}) in
 *                                which the forwarder listens and connects, as keepalived's
 *                                {@code net_namespace_ipvs} puts the kernel's IPVS there; empty: the
 *                                namespace of the thread that creates the forwarder
 */
public record ForwarderSettings(int eventLoops, boolean preferNativeTransport, Duration connectTimeout,
                                int writeBufferLowWaterMark, int writeBufferHighWaterMark,
                                ConnectionTimeouts timeouts, boolean expireQuiescentTemplate,
                                Optional<Path> netNamespace) {

    /** Netty's defaults (32 KiB / 64 KiB): about one socket read's worth in flight per direction. */
    private static final int DEFAULT_LOW_WATER_MARK = 32 * 1024;
    private static final int DEFAULT_HIGH_WATER_MARK = 64 * 1024;
    /** The same bound keepalived's TCP_CHECK uses by default (connect_timeout 5 s). */
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public ForwarderSettings {
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops must be >= 0: " + eventLoops);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(netNamespace, "netNamespace");
        if (writeBufferLowWaterMark <= 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("need 0 < low <= high water mark");
        }
    }

    /** One loop per core, epoll, 5 s connect timeout, Netty's water marks, kernel timeouts. */
    public static ForwarderSettings defaults() {
        return new ForwarderSettings(0, true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_LOW_WATER_MARK,
                DEFAULT_HIGH_WATER_MARK, ConnectionTimeouts.defaults(), false, Optional.empty());
    }

    public ForwarderSettings withEventLoops(int loops) {
        return new ForwarderSettings(loops, preferNativeTransport, connectTimeout, writeBufferLowWaterMark,
                writeBufferHighWaterMark, timeouts, expireQuiescentTemplate, netNamespace);
    }

    public ForwarderSettings withNativeTransport(boolean preferNative) {
        return new ForwarderSettings(eventLoops, preferNative, connectTimeout, writeBufferLowWaterMark,
                writeBufferHighWaterMark, timeouts, expireQuiescentTemplate, netNamespace);
    }

    public ForwarderSettings withTimeouts(ConnectionTimeouts newTimeouts) {
        return new ForwarderSettings(eventLoops, preferNativeTransport, connectTimeout, writeBufferLowWaterMark,
                writeBufferHighWaterMark, newTimeouts, expireQuiescentTemplate, netNamespace);
    }

    public ForwarderSettings withWaterMarks(int low, int high) {
        return new ForwarderSettings(eventLoops, preferNativeTransport, connectTimeout, low, high, timeouts,
                expireQuiescentTemplate, netNamespace);
    }

    /** Listens and connects in the namespace whose file is {@code namespace} ({@code net_namespace_ipvs}). */
    public ForwarderSettings withNetNamespace(Path namespace) {
        return new ForwarderSettings(eventLoops, preferNativeTransport, connectTimeout, writeBufferLowWaterMark,
                writeBufferHighWaterMark, timeouts, expireQuiescentTemplate, Optional.of(namespace));
    }
}
