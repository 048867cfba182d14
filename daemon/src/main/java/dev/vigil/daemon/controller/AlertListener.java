package dev.vigil.daemon.controller;

import dev.vigil.daemon.alert.AlertEvent;

/**
 * Receives the controller's alerts: the daemon writes FIFO lines
 * ({@link dev.vigil.daemon.alert.NotifyFifo#write(AlertEvent)}) and, when {@code mail} is true,
 * submits mail. Called on the controller thread; must not block.
 */
@FunctionalInterface
public interface AlertListener {

    void onAlert(AlertEvent event, boolean mail);

    static AlertListener none() {
        return (event, mail) -> { };
    }
}
