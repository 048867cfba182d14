package dev.vigil.vrrp.fsm;

/** States of one VRRP instance (RFC 5798 §6.4, plus keepalived's FAULT and STOP). */
public enum VrrpState {
    /** Before {@link Input.Startup} (RFC 5798 §6.4.1 Initialize). */
    INIT,
    /** Listening for the master; the master-down timer runs (RFC 5798 §6.4.2). */
    BACKUP,
    /** Holding the VIPs and advertising (RFC 5798 §6.4.3). */
    MASTER,
    /** Interface down or a tracker failed (keepalived): no adverts, no VIPs, packets ignored. */
    FAULT,
    /** After {@link Input.Shutdown} (keepalived's STOP notify); {@link Input.Startup} may start again. */
    STOPPED
}
