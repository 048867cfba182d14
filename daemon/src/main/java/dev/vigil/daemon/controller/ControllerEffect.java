package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.AlertEvent;
import java.util.Objects;

/**
 * What the pure controller core asks the runtime to do besides changing the IPVS table:
 * tell the operator (FIFO line, mail) or run a notify script. Returned in the order keepalived
 * performs them.
 */
public sealed interface ControllerEffect {

    /**
     * An alert. {@code mail} says whether keepalived would mail it (the virtual server's or real
     * server's {@code smtp_alert}); FIFO lines do not depend on it.
     */
    record Alert(AlertEvent event, boolean mail) implements ControllerEffect {
        public Alert {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Run a notify script. {@code shuttingDown} marks scripts run while the daemon stops
     * (omega), which keepalived waits for with a short timeout.
     */
    record RunScript(ScriptCommand command, String reason, boolean shuttingDown) implements ControllerEffect {
        public RunScript {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
