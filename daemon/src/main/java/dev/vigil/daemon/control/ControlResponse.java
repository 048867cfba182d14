package dev.vigil.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * The answer to a {@link ControlRequest}: {@code ok}, the exit code {@code vigil ctl} exits
 * with, the {@code text} it prints and structured {@code data} (JSON null when the command has
 * none). On the wire it is one JSON object line with these four fields.
 */
public record ControlResponse(boolean ok, int exitCode, String text, JsonNode data) {

    /** Exit code for a request the daemon could not serve (unknown command, internal error). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a malformed request or bad arguments, as for command-line usage errors. */
    public static final int EXIT_USAGE = 2;

    public ControlResponse {
        Objects.requireNonNull(text, "text");
        data = data == null ? NullNode.getInstance() : data;
    }

    /** A successful answer: exit code 0. {@code data} may be any Jackson-serialisable value or null. */
    public static ControlResponse success(String text, Object data) {
        return new ControlResponse(true, 0, text, ControlJson.tree(data));
    }

    /** A failed answer with its exit code (non-zero) and the message {@code vigil ctl} prints. */
    public static ControlResponse failure(int exitCode, String text) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("a failure needs a non-zero exit code");
        }
        return new ControlResponse(false, exitCode, text, null);
    }
}
