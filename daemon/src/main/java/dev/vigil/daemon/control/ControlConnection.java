package dev.vigil.daemon.control;

import java.io.IOException;
import jdk.net.UnixDomainPrincipal;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted control connection: check the peer, read one request line, dispatch it, write
 * the response, close. A watchdog closes the channel when the request timeout expires, which
 * ends a blocked read with an exception; every failure is logged and ends only this connection.
 *
 * <p>Before closing, the server shuts down its output and reads what the client still sends
 * until the client's end of stream: closing an AF_UNIX socket with unread data makes the
 * client's read fail with ECONNRESET (Linux unix_release_sock) before it sees the answer.
 * Clients therefore shut down their output after the request line.
 */
final class ControlConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ControlConnection.class);

    /** A client still sending after this much past the answer is abusive; close on it. */
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final SocketChannel channel;
    private final ControlServerSettings settings;
    private final ControlHandlers handlers;
    private final PeerPolicy peerPolicy;

    ControlConnection(SocketChannel channel, ControlServerSettings settings, ControlHandlers handlers,
                      PeerPolicy peerPolicy) {
        this.channel = channel;
        this.settings = settings;
        this.handlers = handlers;
        this.peerPolicy = peerPolicy;
    }

    /** Serves the connection to its end with the dispatched answer; never throws. */
    void serve() {
        respond(null);
    }

    /** Answers with {@code response} without dispatching the request (server busy); never throws. */
    void refuse(ControlResponse response) {
        respond(response);
    }

    private void respond(ControlResponse fixed) {
        CompletableFuture.runAsync(() -> ControlServer.closeQuietly(channel),
                CompletableFuture.delayedExecutor(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        try (channel) {
            ControlResponse response = fixed != null ? fixed : answer();
            writeFully(channel, ControlJson.encode(response));
            channel.shutdownOutput();
            drain();
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("control connection failed", e);
        }
    }

    private ControlResponse answer() throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!peerPolicy.allows(peer)) {
            LOG.warn("control request from user {} refused", peer.user().getName());
            return ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                    "permission denied: user " + peer.user().getName() + " may not control the daemon (root only)");
        }
        byte[] line = readLine();
        if (line == null) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE,
                    "request longer than " + settings.maxRequestBytes() + " bytes or not ended by a newline");
        }
        return switch (ControlJson.decodeRequest(line)) {
            case ControlJson.Decoded.Valid<ControlRequest> valid -> handlers.dispatch(valid.value());
            case ControlJson.Decoded.Malformed<ControlRequest> malformed ->
                    ControlResponse.failure(ControlResponse.EXIT_USAGE, "bad request: " + malformed.reason());
        };
    }

    /** The bytes before the first newline, or null when the limit or end of stream comes first. */
    private byte[] readLine() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(settings.maxRequestBytes());
        int scanned = 0;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return null;
            }
            for (; scanned < buffer.position(); scanned++) {
                if (buffer.get(scanned) == '\n') {
                    return Arrays.copyOf(buffer.array(), scanned);
                }
            }
        }
        return null;
    }

    /** Discards what the client still sends, up to its end of stream or {@link #DRAIN_LIMIT} bytes. */
    private void drain() throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        long discarded = 0;
        int read;
        while (discarded < DRAIN_LIMIT && (read = channel.read(sink)) >= 0) {
            discarded += read;
            sink.clear();
        }
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
