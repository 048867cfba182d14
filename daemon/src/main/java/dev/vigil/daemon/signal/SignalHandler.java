package dev.vigil.daemon.signal;

/**
 * Receives the signals {@link SignalDispatcher} installed, one at a time, on the dispatcher's
 * own thread ("vigil-signals"), never in the JVM's signal callback. May block (reload, dump)
 * since signals queue behind it; an exception is logged and the next signal is still delivered.
 */
@FunctionalInterface
public interface SignalHandler {

    void onSignal(DaemonSignal signal);
}
