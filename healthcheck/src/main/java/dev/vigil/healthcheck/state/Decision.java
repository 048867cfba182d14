package dev.vigil.healthcheck.state;

import dev.vigil.healthcheck.CheckEvent;
import java.util.List;

/**
 * What a {@link CheckerState} decided after one attempt.
 *
 * @param events         events to report, in order (often none)
 * @param nextDelayNanos when the next attempt should start
 */
public record Decision(List<CheckEvent> events, long nextDelayNanos) {

    public Decision {
        events = List.copyOf(events);
        if (nextDelayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + nextDelayNanos);
        }
    }
}
