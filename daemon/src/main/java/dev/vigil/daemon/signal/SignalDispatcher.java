package dev.vigil.daemon.signal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Installs the daemon's signal handlers and delivers each signal to a {@link SignalHandler} on
 * one dedicated platform thread ("vigil-signals"). The JVM's signal callback only queues the
 * signal, so no work ever runs in it, and signals are handled one at a time in arrival order.
 *
 * <p>What works on JDK 25 (Temurin, Linux), checked by the tests:
 * <ul>
 * <li>HUP, INT, TERM, USR1, USR2: through {@code sun.misc.Signal} (module jdk.unsupported, no
 *     flags needed). Installing INT or TERM replaces the JVM's shutdown handling for them: the
 *     handler must stop the daemon itself. Under {@code nohup} HUP stays ignored.</li>
 * <li>SIGRTMIN+2 (36) and SIGRTMAX-1 (63): not nameable through any JDK signal API; handled by
 *     {@link RealtimeSignals} when the JVM runs with
 *     {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}. Otherwise they are reported in
 *     {@link #unavailable()} and <strong>sending them kills the daemon</strong> (their default
 *     action); {@code vigil ctl stats --clear} and {@code vigil ctl dump --json} do the same
 *     work without signals.</li>
 * <li>QUIT is the JVM's (thread dump) and is not offered.</li>
 * </ul>
 *
 * <p>Lifecycle: {@link #install} → {@link #close()}, which restores the previous dispositions
 * and stops the thread, or → {@link #retire()}, which stops the thread but keeps the handlers
 * installed: a process that is about to exit uses it, so that a second SIGTERM arriving late
 * in its shutdown is dropped instead of reaching the JVM's own handling (which would end the
 * process with status 143 instead of 0). Thread-safe.
 */
public final class SignalDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalDispatcher.class);
    /** How long {@link #close()} waits for a handler that is still running. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final BlockingQueue<DaemonSignal> queue = new LinkedBlockingQueue<>();
    private final SignalHandler handler;
    private final Thread thread;
    /** Undo actions for installed handlers; guarded by this. */
    private final List<Runnable> restorers = new ArrayList<>();
    private final Set<DaemonSignal> installed = EnumSet.noneOf(DaemonSignal.class);
    private final Map<DaemonSignal, String> unavailable = new EnumMap<>(DaemonSignal.class);
    private volatile boolean closed;

    private SignalDispatcher(SignalHandler handler) {
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("vigil-signals").unstarted(this::run);
    }

    /** Installs handlers for every {@link DaemonSignal}. */
    public static SignalDispatcher install(SignalHandler handler) {
        return install(EnumSet.allOf(DaemonSignal.class), handler);
    }

    /**
     * Installs handlers for {@code signals}; those that cannot be handled here are listed in
     * {@link #unavailable()} with the reason, and the rest still work.
     */
    public static SignalDispatcher install(Set<DaemonSignal> signals, SignalHandler handler) {
        SignalDispatcher dispatcher = new SignalDispatcher(handler);
        dispatcher.thread.start();
        synchronized (dispatcher) {
            Optional<String> realtimeProblem = RealtimeSignals.unavailabilityCause();
            for (DaemonSignal signal : signals) {
                dispatcher.installOne(signal, realtimeProblem);
            }
            dispatcher.unavailable.forEach((signal, reason) ->
                    LOG.warn("SIG{} ({}) cannot be handled: {}", signal.signalName(), signal.action(), reason));
        }
        return dispatcher;
    }

    private void installOne(DaemonSignal signal, Optional<String> realtimeProblem) {
        if (signal.realtime()) {
            if (realtimeProblem.isPresent()) {
                unavailable.put(signal, realtimeProblem.get());
                return;
            }
            try {
                RealtimeSignals.Registration registration = RealtimeSignals.install(signal, () -> offer(signal));
                restorers.add(registration::restore);
                installed.add(signal);
            } catch (IllegalStateException e) {
                unavailable.put(signal, e.getMessage());
            }
            return;
        }
        try {
            Signal jdkSignal = new Signal(signal.signalName());
            sun.misc.SignalHandler previous = Signal.handle(jdkSignal, received -> offer(signal));
            restorers.add(() -> Signal.handle(jdkSignal, previous));
            installed.add(signal);
        } catch (IllegalArgumentException e) {
            unavailable.put(signal, e.getMessage());
        }
    }

    /** The signals this dispatcher handles. */
    public synchronized Set<DaemonSignal> installed() {
        return Set.copyOf(installed);
    }

    /** Signals that could not be installed, with the reason. */
    public synchronized Map<DaemonSignal, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    @Override
    public void close() {
        shutDown(true);
    }

    /**
     * Stops delivering signals but leaves this dispatcher's handlers installed, so that every
     * later signal it handled is dropped (with nothing logged). For a process on its way to exit;
     * idempotent, and {@link #close()} afterwards does nothing.
     */
    public void retire() {
        shutDown(false);
    }

    private void shutDown(boolean restore) {
        List<Runnable> undo;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            undo = restore ? List.copyOf(restorers) : List.of();
            restorers.clear();
            installed.clear();
        }
        for (Runnable restorer : undo.reversed()) {
            try {
                restorer.run();
            } catch (RuntimeException e) {
                LOG.warn("cannot restore a signal disposition: {}", e.toString());
            }
        }
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called in the JVM's signal callback: queues, or drops once closed or retired. */
    private void offer(DaemonSignal signal) {
        if (!closed) {
            queue.add(signal);
        }
    }

    private void run() {
        while (!closed) {
            DaemonSignal signal;
            try {
                signal = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            LOG.info("received SIG{}: {}", signal.signalName(), signal.action());
            try {
                handler.onSignal(signal);
            } catch (RuntimeException e) {
                LOG.error("handling SIG{} failed", signal.signalName(), e);
            }
        }
    }
}
