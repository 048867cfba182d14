package dev.vigil.vrrp.fsm;

/**
 * Asked whenever an instance would become master on its own (its master-down timer expired, or
 * an owner starts): a sync group answers "not yet" until every member wants to be master
 * (keepalived vrrp_sync_can_goto_master, "prefer backup state to avoid thrashing"). A refused
 * instance stays BACKUP, remembers that it wants MASTER ({@link InstanceStateMachine#wantsMaster()})
 * and re-arms its master-down timer. Must be pure: it is called from inside
 * {@link InstanceStateMachine#handle(Input, long, MasterGate)}.
 */
@FunctionalInterface
public interface MasterGate {

    /** No sync group: always allowed. */
    MasterGate ALWAYS = candidate -> true;

    boolean mayBecomeMaster(InstanceStateMachine candidate);
}
