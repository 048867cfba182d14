package dev.vigil.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: an AF_UNIX stream socket that answers one {@link ControlRequest}
 * per connection with one {@link ControlResponse} (see {@link ControlJson}), then closes.
 *
 * <p>Setup ({@link #start}): the parent directory is created with mode 0755 when missing; an
 * existing socket file is probed, and start is refused when a live daemon answers on it, while
 * a stale one (connection refused) is removed; anything that is not a socket is never removed.
 * The socket is bound inside a fresh 0700 staging directory, set to mode 0600 and then renamed
 * into place, so it is never reachable with looser permissions (the staging path is about 20
 * bytes longer than the socket path; both must fit in sun_path's 107 bytes). Peers are checked with
 * {@link PeerPolicy} (root or the daemon's own user by default).
 *
 * <p>Threads: one platform thread ("vigil-control") accepts; each connection is served on a
 * virtual thread. At most {@link ControlServerSettings#maxConnections()} connections are served
 * at once (others get a "busy" answer); a connection still open after
 * {@link ControlServerSettings#requestTimeout()} is closed. No error on a connection, nor a
 * handler failure, stops the server.
 *
 * <p>Lifecycle: {@link #start} → {@link #close()}; close stops accepting, removes the socket
 * file if it is still the one this server created, and is idempotent. Thread-safe.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    /** sun_path holds 108 bytes including the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    /** Pause after a failed accept (e.g. EMFILE) so a persistent error does not spin a core. */
    private static final long ACCEPT_ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ControlServerSettings settings;
    private final ServerSocketChannel server;
    private final ControlHandlers handlers;
    private final PeerPolicy peerPolicy;
    private final Object socketFileKey;
    private final Semaphore slots;
    private final Thread acceptor;
    /** Set once by {@link #close()} (synchronized), read by the acceptor thread. */
    private volatile boolean closed;

    private ControlServer(ControlServerSettings settings, ServerSocketChannel server, ControlHandlers handlers,
                          PeerPolicy peerPolicy, Object socketFileKey) {
        this.settings = settings;
        this.server = server;
        this.handlers = handlers;
        this.peerPolicy = peerPolicy;
        this.socketFileKey = socketFileKey;
        this.slots = new Semaphore(settings.maxConnections());
        this.acceptor = Thread.ofPlatform().daemon().name("vigil-control").unstarted(this::acceptLoop);
    }

    /** Starts a server that allows root and the daemon's own user ({@link PeerPolicy#rootOrSelf}). */
    public static ControlServer start(ControlServerSettings settings, ControlHandlers handlers)
            throws ControlSocketException {
        return start(settings, handlers, null);
    }

    /**
     * Creates the socket and starts serving. {@code peerPolicy} null means
     * {@link PeerPolicy#rootOrSelf} with the socket file's owner as the daemon's user.
     */
    public static ControlServer start(ControlServerSettings settings, ControlHandlers handlers, PeerPolicy peerPolicy)
            throws ControlSocketException {
        Path socket = settings.socket().toAbsolutePath();
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new ControlSocketException(ControlSocketException.Kind.IO, socket,
                    "control socket path " + socket + " is longer than " + MAX_SOCKET_PATH_BYTES + " bytes", null);
        }
        createParent(socket);
        removeStale(socket);
        ServerSocketChannel channel = bindPrivately(socket);
        try {
            PeerPolicy policy = peerPolicy != null ? peerPolicy : PeerPolicy.rootOrSelf(Files.getOwner(socket));
            Object fileKey = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            ControlServer controlServer = new ControlServer(settings, channel, handlers, policy, fileKey);
            controlServer.acceptor.start();
            LOG.info("control socket listening on {}", socket);
            return controlServer;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ControlSocketException(ControlSocketException.Kind.IO, socket,
                    "cannot set up the control socket " + socket + ": " + e, e);
        }
    }

    /** The socket path this server listens on. */
    public Path socket() {
        return settings.socket().toAbsolutePath();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeIfOurs();
    }

    private void removeIfOurs() {
        Path socket = socket();
        try {
            Object key = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (key != null && key.equals(socketFileKey)) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            LOG.debug("control socket {} not removed: {}", socket, e.toString());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket accept failed: {}", e.toString());
                LockSupport.parkNanos(ACCEPT_ERROR_PAUSE_NANOS);
                continue;
            }
            ControlConnection served = new ControlConnection(connection, settings, handlers, peerPolicy);
            Thread.ofVirtual().name("vigil-control-conn").start(() -> serve(served));
        }
    }

    private void serve(ControlConnection connection) {
        if (!slots.tryAcquire()) {
            connection.refuse(ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                    "the daemon is busy serving " + settings.maxConnections() + " control connections; try again"));
            return;
        }
        try {
            connection.serve();
        } finally {
            slots.release();
        }
    }

    private static void createParent(Path socket) throws ControlSocketException {
        Path parent = socket.getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        try {
            Files.createDirectories(parent);
            // createDirectories applies the umask; state the mode explicitly.
            Files.setPosixFilePermissions(parent, DIRECTORY_MODE);
        } catch (IOException e) {
            throw new ControlSocketException(ControlSocketException.Kind.IO, socket,
                    "cannot create the control socket directory " + parent + ": " + e, e);
        }
    }

    private static void removeStale(Path socket) throws ControlSocketException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!SocketFiles.isSocket(socket)) {
            throw new ControlSocketException(ControlSocketException.Kind.NOT_A_SOCKET, socket,
                    socket + " exists and is not a socket; remove it or choose another --control-socket", null);
        }
        if (SocketFiles.answers(socket)) {
            throw new ControlSocketException(ControlSocketException.Kind.ALREADY_RUNNING, socket,
                    "another daemon is listening on " + socket + "; use --control-socket to run a second one", null);
        }
        try {
            Files.deleteIfExists(socket);
            LOG.info("removed stale control socket {}", socket);
        } catch (IOException e) {
            throw new ControlSocketException(ControlSocketException.Kind.IO, socket,
                    "cannot remove the stale control socket " + socket + ": " + e, e);
        }
    }

    /** Binds in a private 0700 directory, sets 0600, then renames into place. */
    private static ServerSocketChannel bindPrivately(Path socket) throws ControlSocketException {
        Path staging = null;
        ServerSocketChannel channel = null;
        try {
            // Short name: the staging path must also fit in sun_path.
            staging = Files.createTempDirectory(socket.getParent(), ".v",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = staging.resolve("s");
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(temporary));
            Files.setPosixFilePermissions(temporary, SOCKET_MODE);
            Files.move(temporary, socket, StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new ControlSocketException(ControlSocketException.Kind.IO, socket,
                    "cannot bind the control socket " + socket + ": " + e, e);
        } finally {
            deleteStaging(staging);
        }
    }

    private static void deleteStaging(Path staging) {
        if (staging == null) {
            return;
        }
        try {
            Files.deleteIfExists(staging.resolve("s"));
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.warn("cannot remove the staging directory {}: {}", staging, e.toString());
        }
    }

    static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
