package dev.vigil.daemon.controller;

/** What {@link HealthController#stop()} does to the IPVS table. */
public enum StopMode {
    /** Leave every entry in place (keepalived {@code -I} / {@code --dont-release-ipvs}). */
    KEEP,
    /**
     * Delete the services this controller installed, after reporting their real servers down
     * when omega is set (keepalived's default, {@code clear_services()}).
     */
    REMOVE_OWN,
    /** Flush the whole table at once and report only the virtual servers ({@code lvs_flush_on_stop}). */
    FLUSH_ALL
}
