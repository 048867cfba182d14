/**
 * VRRP sync groups ({@code vrrp_sync_group}): a pure coordinator,
 * {@link dev.vigil.vrrp.sync.SyncGroup}, over the members' state machines.
 *
 * <p>Design: the group owns its members' {@link dev.vigil.vrrp.fsm.InstanceStateMachine}s. The
 * runtime sends every input for a member instance through
 * {@link dev.vigil.vrrp.sync.SyncGroup#handle(String, dev.vigil.vrrp.fsm.Input, long)} instead of
 * the machine's own {@code handle}. The group (1) passes the machine a
 * {@link dev.vigil.vrrp.fsm.MasterGate} so a member cannot become master alone, (2) looks at the
 * member's state before and after, and (3) orders the other members with
 * {@link dev.vigil.vrrp.fsm.GroupOrder}s, exactly where keepalived runs its transition matrix
 * (vrrp_scheduler.c VRRP_TSM: BACKUP/FAULT → MASTER syncs master, MASTER → BACKUP syncs backup;
 * FAULT is synced from down_instance). Every effect comes back as a
 * {@link dev.vigil.vrrp.sync.GroupEffect.Member} tagged with its member, plus
 * {@link dev.vigil.vrrp.sync.GroupEffect.GroupStateChanged} for the group's notify scripts, FIFO
 * lines and SMTP alerts. No clock, thread or I/O here; time comes in as {@code nowNanos}.
 *
 * <p>Trackers: the group's own {@code track_interface}/{@code track_script}/{@code track_file}
 * are added to every member's {@link dev.vigil.vrrp.track.TrackingSettings} (as keepalived
 * does), with weights filtered by {@link dev.vigil.vrrp.track.WeightPolicy}: members' weights
 * only count with {@code sync_group_tracking_weight}. The runtime feeds one observation to every
 * member's {@link dev.vigil.vrrp.track.InstanceTracking} and passes the resulting inputs here.
 *
 * <p>Threads: none of its own; the VRRP event loop owns each group and its members.
 */
package dev.vigil.vrrp.sync;
