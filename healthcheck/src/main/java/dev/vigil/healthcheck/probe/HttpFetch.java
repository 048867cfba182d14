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

    /** Where an exchange stopped. */
    enum Stage { SETUP, CONNECT, TLS_HANDSHAKE, SEND, READ }

    /** Setting up TLS, connecting, the handshake, sending or reading failed or timed out. */
    record NotReceived(Stage stage, CheckResult result) implements HttpFetch {
        public NotReceived {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(result, "result");
        }
    }
}
