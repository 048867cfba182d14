package dev.vigil.daemon.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one {@link ControlRequest} to a daemon's control socket and returns its
 * {@link ControlResponse}. The whole exchange (connect, send, receive) is bounded by a timeout;
 * failures are {@link ControlClientException}s that say what went wrong in operator terms.
 * Stateless and thread-safe; each call opens its own connection.
 */
public final class ControlClient {

    /** Largest response accepted (an IPVS table with 10,000 real servers is about 1 MiB). */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int READ_CHUNK = 64 * 1024;

    private final Path socket;
    private final Duration timeout;

    public ControlClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** The socket this client talks to. */
    public Path socket() {
        return socket;
    }

    /** Sends {@code request}; returns the daemon's response. */
    public ControlResponse send(ControlRequest request) throws ControlClientException {
        SocketChannel channel = connect();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> ControlServer.closeQuietly(channel),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (channel) {
            ByteBuffer out = ByteBuffer.wrap(ControlJson.encode(request));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            // Tells the server the request is complete (see ControlConnection on ECONNRESET).
            channel.shutdownOutput();
            byte[] received = readAll(channel);
            return switch (ControlJson.decodeResponse(received)) {
                case ControlJson.Decoded.Valid<ControlResponse> valid -> valid.value();
                case ControlJson.Decoded.Malformed<ControlResponse> malformed -> throw new ControlClientException(
                        ControlClientException.Kind.PROTOCOL, socket, malformed.reason(), null);
            };
        } catch (IOException e) {
            if (watchdog.isDone()) {
                throw new ControlClientException(ControlClientException.Kind.TIMEOUT, socket,
                        "no answer within " + timeout.toMillis() + " ms", e);
            }
            throw new ControlClientException(ControlClientException.Kind.PROTOCOL, socket,
                    "connection lost: " + e.getMessage(), e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private SocketChannel connect() throws ControlClientException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new ControlClientException(ControlClientException.Kind.NO_SUCH_FILE, socket, "no such file", null);
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            ControlServer.closeQuietly(channel);
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            ControlClientException.Kind kind = message.contains("refused") ? ControlClientException.Kind.REFUSED
                    : message.contains("permission") ? ControlClientException.Kind.PERMISSION_DENIED
                    : message.contains("no such file") ? ControlClientException.Kind.NO_SUCH_FILE
                    : ControlClientException.Kind.OTHER;
            throw new ControlClientException(kind, socket, String.valueOf(e.getMessage()), e);
        }
    }

    private static byte[] readAll(SocketChannel channel) throws IOException, ControlClientException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
        while (channel.read(chunk) >= 0) {
            received.write(chunk.array(), 0, chunk.position());
            chunk.clear();
            if (received.size() > MAX_RESPONSE_BYTES) {
                throw new ControlClientException(ControlClientException.Kind.PROTOCOL, null,
                        "response larger than " + MAX_RESPONSE_BYTES + " bytes", null);
            }
        }
        return received.toByteArray();
    }
}
