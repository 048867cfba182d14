package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/** A FIFO keepalived writes state lines to ({@code notify_fifo PATH [USER [GROUP]]}), with its optional reader script. */
public record NotifyFifo(String path, Optional<NotifyScript> script) {
    public NotifyFifo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(script, "script");
    }
}
