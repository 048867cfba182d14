package dev.vigil.vrrp.fsm;

/**
 * What a sync group tells a member to do when another member moved (keepalived vrrp_sync.c).
 * Applied with {@link InstanceStateMachine#follow(GroupOrder, long)}; only
 * {@code dev.vigil.vrrp.sync.SyncGroup} should send these.
 */
public enum GroupOrder {
    /** vrrp_sync_master: a backup becomes master at once (advert, VIPs, gratuitous ARPs). */
    GO_MASTER,
    /**
     * vrrp_sync_backup: a master leaves without a priority-0 advert; a member held in FAULT by
     * the group (its own trackers clear) returns to BACKUP with a fresh down timer.
     */
    GO_BACKUP,
    /**
     * vrrp_sync_fault: a master resigns (priority-0 advert) and both masters and backups enter
     * FAULT, where the member stays until the group releases it with {@link #GO_BACKUP}.
     */
    GO_FAULT,
    /** A peer master heard a lower-priority advert: refresh our ARP caches too (garp_lower_prio_repeat). */
    LOWER_PRIORITY_GARP
}
