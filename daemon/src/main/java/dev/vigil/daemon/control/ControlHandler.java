package dev.vigil.daemon.control;

/**
 * Serves one control command. Called on a control-socket connection thread (a virtual thread),
 * possibly concurrently with other requests, so implementations must be thread-safe and hand
 * work that must run on an engine's own thread to that thread. An exception thrown here is
 * logged and answered as an internal error; it never stops the server.
 */
@FunctionalInterface
public interface ControlHandler {

    /** Answers {@code request}; never returns null. */
    ControlResponse handle(ControlRequest request);
}
