package dev.vigil.healthcheck;

/**
 * Receives a checker's events. Logging, metrics, notify scripts, SMTP alerts and the IPVS
 * table are all listeners. Called on the checker's scheduler thread, one event at a time,
 * in order; an implementation must not block.
 */
@FunctionalInterface
public interface CheckEventListener {

    void onEvent(CheckEvent event);

    /** A listener that ignores everything. */
    static CheckEventListener none() {
        return event -> { };
    }
}
