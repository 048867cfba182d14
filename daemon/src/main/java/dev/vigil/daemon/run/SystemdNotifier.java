package dev.vigil.daemon.run;

import dev.vigil.common.time.Ticker;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.socket.UnixDatagramSocket;
import dev.vigil.linux.socket.UnixSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's service readiness protocol ({@code sd_notify(3)}): when the service manager sets
 * {@code NOTIFY_SOCKET} ({@code Type=notify} or {@code Type=notify-reload} units), each call
 * sends one datagram of newline-separated assignments to that unix socket ({@code @name} is
 * an abstract name, anything starting with {@code /} a path):
 * <ul>
 *   <li>{@link #ready}: {@code READY=1} once VRRP, the checkers and the control socket are up,
 *       and again when a reload has finished;</li>
 *   <li>{@link #reloading}: {@code RELOADING=1} with {@code MONOTONIC_USEC=} (CLOCK_MONOTONIC in
 *       microseconds, which systemd 253+ requires for {@code Type=notify-reload} to match the
 *       message to its reload request; older systemd and {@code Type=notify} ignore it);</li>
 *   <li>{@link #stopping}: {@code STOPPING=1} when a stop begins;</li>
 *   <li>each carries a one-line {@code STATUS=} that {@code systemctl status} shows.</li>
 * </ul>
 *
 * <p>Without {@code NOTIFY_SOCKET} every call does nothing. Sending never blocks (the socket is
 * non-blocking; a full queue is an error like any other) and never throws: the first failure
 * is logged once, with the errno and what to check, and later ones are only counted, so a
 * missing or wrong socket costs one log line. Thread-safe; {@link #close()} is idempotent.
 */
public final class SystemdNotifier implements AutoCloseable {

    /** The environment variable systemd sets for notify services. */
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final long NANOS_PER_MICRO = 1_000;

    private final Optional<UnixSocketAddress> target;
    private final Optional<UnixDatagramSocket> socket;
    private final Ticker ticker;
    private final Consumer<String> warn;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    /** Guarded by this. */
    private long failures;

    private SystemdNotifier(Optional<UnixSocketAddress> target, Optional<UnixDatagramSocket> socket, Ticker ticker,
                            Consumer<String> warn) {
        this.target = target;
        this.socket = socket;
        this.ticker = ticker;
        this.warn = warn;
    }

    /** A notifier that sends nothing. */
    public static SystemdNotifier disabled() {
        return new SystemdNotifier(Optional.empty(), Optional.empty(), Ticker.system(), LOG::warn);
    }

    /** From the process environment, logging to this class's logger. */
    public static SystemdNotifier fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, Ticker.system(), LOG::warn);
    }

    /**
     * From {@code environment}: disabled when {@code NOTIFY_SOCKET} is unset or empty; when it is
     * set but unusable (not {@code /path} or {@code @name}, too long, no socket can be made) the
     * reason is logged once through {@code warn} and the notifier is disabled.
     *
     * @param ticker CLOCK_MONOTONIC for {@code MONOTONIC_USEC} ({@link System#nanoTime()} is that
     *               clock on Linux)
     */
    static SystemdNotifier fromEnvironment(Map<String, String> environment, Ticker ticker, Consumer<String> warn) {
        String value = environment.getOrDefault(NOTIFY_SOCKET, "");
        if (value.isEmpty()) {
            return new SystemdNotifier(Optional.empty(), Optional.empty(), ticker, warn);
        }
        UnixSocketAddress address;
        try {
            if (!value.startsWith("/") && !value.startsWith("@")) {
                throw new IllegalArgumentException("it is neither an absolute path nor an @abstract name");
            }
            address = UnixSocketAddress.parse(value);
        } catch (IllegalArgumentException e) {
            warn.accept(NOTIFY_SOCKET + "=" + value + " cannot be used (" + e.getMessage()
                    + "); systemd will not be told when Vigil is ready");
            return new SystemdNotifier(Optional.empty(), Optional.empty(), ticker, warn);
        }
        try {
            return new SystemdNotifier(Optional.of(address), Optional.of(UnixDatagramSocket.open()), ticker, warn);
        } catch (NativeException e) {
            warn.accept("cannot notify systemd at " + address + ": " + e.getMessage()
                    + "; systemd will not be told when Vigil is ready");
            return new SystemdNotifier(Optional.empty(), Optional.empty(), ticker, warn);
        }
    }

    /** True when notifications are sent. */
    public boolean enabled() {
        return socket.isPresent();
    }

    /** {@code READY=1}: startup finished, or a reload finished. */
    public void ready(String status) {
        send("READY=1\n" + statusLine(status));
    }

    /** {@code RELOADING=1} with {@code MONOTONIC_USEC}: a reload starts; send {@link #ready} when it ends. */
    public void reloading(String status) {
        send("RELOADING=1\nMONOTONIC_USEC=" + ticker.nanoTime() / NANOS_PER_MICRO + "\n" + statusLine(status));
    }

    /** {@code STOPPING=1}: the daemon is stopping. */
    public void stopping(String status) {
        send("STOPPING=1\n" + statusLine(status));
    }

    /** Only a new {@code STATUS=} line. */
    public void status(String status) {
        send(statusLine(status));
    }

    /** Sends that failed (the first one was logged). */
    public synchronized long failures() {
        return failures;
    }

    @Override
    public void close() {
        socket.ifPresent(UnixDatagramSocket::close);
    }

    /** One {@code STATUS=} assignment; newlines would start new assignments, so they become spaces. */
    static String statusLine(String status) {
        return "STATUS=" + Objects.requireNonNull(status, "status").replace('\n', ' ').replace('\r', ' ');
    }

    private void send(String message) {
        if (socket.isEmpty()) {
            return;
        }
        try {
            socket.get().send(target.orElseThrow(), message.getBytes(StandardCharsets.UTF_8));
        } catch (NativeException e) {
            synchronized (this) {
                failures++;
            }
            if (failureLogged.compareAndSet(false, true)) {
                warn.accept("cannot notify systemd: " + e.getMessage() + " (check that " + NOTIFY_SOCKET + "="
                        + target.orElseThrow() + " is the service manager's socket; further failures are not"
                        + " logged)");
            }
        }
    }
}
