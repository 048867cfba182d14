package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import java.util.Objects;

/** How one GET went: a response stream was read to its end, or it was not. */
public sealed interface HttpFetch {

    /** The server sent something and closed the connection. */
    record Received(ScannedResponse response) implements HttpFetch {
        public Received {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Connecting, the TLS handshake, sending or reading failed or timed out. */
    record NotReceived(CheckResult result) implements HttpFetch {
        public NotReceived {
            Objects.requireNonNull(result, "result");
        }
    }
}
