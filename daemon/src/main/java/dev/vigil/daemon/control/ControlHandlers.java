package dev.vigil.daemon.control;

import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of control commands: the daemon registers {@code status}, {@code ipvs},
 * {@code reload}, {@code dump} and {@code stats} (and may replace them at reload);
 * {@link #dispatch} routes a request to its handler. Thread-safe.
 */
public final class ControlHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandlers.class);

    private final ConcurrentMap<String, ControlHandler> handlers = new ConcurrentHashMap<>();

    /** Registers (or replaces) the handler for {@code command}. */
    public ControlHandlers register(String command, ControlHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command name must not be blank");
        }
        handlers.put(command, handler);
        return this;
    }

    /** Removes the handler for {@code command}, if any. */
    public void unregister(String command) {
        handlers.remove(command);
    }

    /**
     * Answers {@code request}: the handler's response, or a failure response for an unknown
     * command (exit 2), a handler that throws or returns null (exit 1).
     */
    public ControlResponse dispatch(ControlRequest request) {
        ControlHandler handler = handlers.get(request.command());
        if (handler == null) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE,
                    "unknown command '" + request.command() + "'; the daemon knows: "
                            + String.join(", ", new TreeSet<>(handlers.keySet())));
        }
        try {
            ControlResponse response = handler.handle(request);
            if (response == null) {
                LOG.error("control command '{}' returned no response", request.command());
                return ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                        "internal error: command '" + request.command() + "' gave no answer");
            }
            return response;
        } catch (RuntimeException e) {
            LOG.error("control command '{}' failed", request.command(), e);
            return ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                    "internal error in '" + request.command() + "': " + e);
        }
    }
}
