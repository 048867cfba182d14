package dev.vigil.conf.model;

import java.util.Optional;

/**
 * Scripts run on VRRP state changes ({@code notify_master}, {@code notify_backup},
 * {@code notify_fault}, {@code notify_stop}, {@code notify_deleted}, the generic
 * {@code notify}, and {@code notify_master_rx_lower_pri}).
 *
 * @param notifyDeleted true when {@code notify_deleted} was given, with or without a script
 */
public record StateNotify(
        Optional<NotifyScript> master,
        Optional<NotifyScript> backup,
        Optional<NotifyScript> fault,
        Optional<NotifyScript> stop,
        Optional<NotifyScript> deleted,
        boolean notifyDeleted,
        Optional<NotifyScript> any,
        Optional<NotifyScript> masterRxLowerPri) {

    public static StateNotify none() {
        return new StateNotify(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }
}
