/**
 * Signals and the dump files they write, as keepalived does (reference §1.6-1.7).
 *
 * <p>Data flow: {@link dev.vigil.daemon.signal.SignalDispatcher} installs JVM handlers that only
 * queue a {@link dev.vigil.daemon.signal.DaemonSignal}; its thread ("vigil-signals") hands each
 * to the daemon's {@link dev.vigil.daemon.signal.SignalHandler}, which maps the
 * {@link dev.vigil.daemon.signal.SignalAction} to work: reload, stop, or writing a dump with
 * {@link dev.vigil.daemon.signal.DumpFiles} from records it builds
 * ({@link dev.vigil.daemon.signal.InstanceStats}, {@link dev.vigil.daemon.signal.InstanceJson}).
 * The formatters ({@link dev.vigil.daemon.signal.StatsFileFormat}) are pure.
 *
 * <p>Which signals work on JDK 25, and what the real-time ones need, is documented on
 * {@link dev.vigil.daemon.signal.SignalDispatcher}.
 */
package dev.vigil.daemon.signal;
