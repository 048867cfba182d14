package dev.vigil.vrrp.fsm;

/** The one-shot timers an instance uses; at most one of each kind is pending. */
public enum TimerKind {
    /** BACKUP: Master_Down_Timer (RFC 5798 §6.2). */
    MASTER_DOWN,
    /** MASTER: Adver_Timer (RFC 5798 §6.2). */
    ADVERT,
    /** MASTER: keepalived's second gratuitous ARP / NA burst, {@code garp_master_delay} after becoming master. */
    GARP_DELAY,
    /** MASTER: periodic gratuitous ARPs, {@code garp_master_refresh}. */
    GARP_REFRESH,
    /** MASTER: the second lower-priority burst, {@code garp_lower_prio_delay}. */
    GARP_LOWER_PRIO_DELAY,
    /**
     * MASTER, address owner: how long a rogue second owner has to stop advertising before we
     * keep the master role (keepalived vrrp_rogue_timer_thread).
     */
    ROGUE_OWNER
}
