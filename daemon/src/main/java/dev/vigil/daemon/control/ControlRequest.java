package dev.vigil.daemon.control;

import java.util.List;
import java.util.Objects;

/**
 * One request on the control socket: a command name ({@code status}, {@code ipvs}, {@code reload},
 * {@code dump}, {@code stats} ...) and its arguments, as {@code vigil ctl} received them.
 * On the wire it is one JSON object line: {@code {"command":"status","args":["--json"]}}.
 */
public record ControlRequest(String command, List<String> args) {

    public ControlRequest {
        Objects.requireNonNull(command, "command");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A request with arguments. */
    public static ControlRequest of(String command, String... args) {
        return new ControlRequest(command, List.of(args));
    }
}
