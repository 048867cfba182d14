package dev.vigil.vrrp.fsm;

/** Why an instance changed state; carried by {@link Effect.StateChanged} for logs and notifies. */
public enum TransitionReason {
    /** Startup with the link up: BACKUP, or MASTER at once for an address owner. */
    STARTUP,
    /** No usable advert within Master_Down_Interval (RFC 5798 §6.4.2). */
    MASTER_DOWN_TIMER,
    /** A higher-priority advert, or an equal one from a higher address (RFC 5798 §6.4.3). */
    HIGHER_PRIORITY_ADVERT,
    /** The interface or a tracked object failed. */
    LINK_DOWN,
    /** The interface or tracked objects recovered. */
    LINK_UP,
    /** A tracker (weight 0, or a file result below -253) put the instance in FAULT. */
    TRACKER_FAULT,
    /** Every tracker recovered. */
    TRACKER_RECOVERED,
    /** Another member of the sync group moved, and the group follows it (vrrp_sync.c). */
    SYNC_GROUP,
    /** Orderly stop. */
    SHUTDOWN,
    /** A reload removed the instance from the configuration (keepalived's DELETED). */
    DELETED,
    /**
     * One of a master's virtual addresses was deleted by someone else (keepalived's
     * {@code set_vrrp_backup}, unless the address has {@code no_track}).
     */
    ADDRESS_DELETED,
    /**
     * One of a master's virtual routes or rules was deleted by someone else (keepalived's
     * {@code set_vrrp_backup}, unless the entry has {@code no_track}).
     */
    ROUTING_DELETED
}
