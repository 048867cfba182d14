/**
 * The control socket and {@code vigil ctl}.
 *
 * <p>Data flow: {@code vigil ctl} ({@link dev.vigil.daemon.control.CtlCommand}) sends one
 * {@link dev.vigil.daemon.control.ControlRequest} as a JSON line through
 * {@link dev.vigil.daemon.control.ControlClient}; the daemon's
 * {@link dev.vigil.daemon.control.ControlServer} checks the peer, decodes the line
 * ({@link dev.vigil.daemon.control.ControlJson}), dispatches it to the
 * {@link dev.vigil.daemon.control.ControlHandler} registered under the command name in
 * {@link dev.vigil.daemon.control.ControlHandlers}, and writes back one
 * {@link dev.vigil.daemon.control.ControlResponse} ({@code ok}, {@code exitCode}, {@code text},
 * {@code data}). ctl prints the text and exits with the exit code.
 *
 * <p>Threads: the server accepts on one platform thread ("vigil-control") and serves each
 * connection on a virtual thread; handlers therefore run concurrently and must hand engine
 * work to the engine's own thread. Timeouts close stalled connections on both sides.
 */
package dev.vigil.daemon.control;
