/**
 * The pure per-instance VRRP state machine: {@link dev.vigil.vrrp.fsm.InstanceStateMachine#handle}
 * takes an {@link dev.vigil.vrrp.fsm.Input} (startup, an advert with the checker's verdict, a
 * timer expiry, a priority, link or tracker-fault change, shutdown) and the monotonic time, and
 * returns {@link dev.vigil.vrrp.fsm.Effect}s (send an advert, add/remove VIPs, a burst of
 * gratuitous ARPs, arm or cancel a timer, state changed, owner conflict). No clock, socket,
 * thread or logger lives here.
 *
 * <p>Data flow: the runtime's receive thread decodes packets ({@code dev.vigil.vrrp.codec}),
 * the VRRP event loop dispatches by VRID, runs the instance's {@code AdvertChecker} and feeds
 * the result here; it turns {@code ArmTimer}/{@code CancelTimer} into scheduler tasks whose
 * expiry comes back as {@link dev.vigil.vrrp.fsm.Input#timerFired}, and carries out the other
 * effects in order. Trackers ({@code dev.vigil.vrrp.track}) produce {@code PriorityChanged},
 * {@code FaultChanged} and {@code LinkChanged} inputs. An instance in a sync group is driven
 * through {@code dev.vigil.vrrp.sync.SyncGroup}, which passes a
 * {@link dev.vigil.vrrp.fsm.MasterGate} and sends {@link dev.vigil.vrrp.fsm.GroupOrder}s. Each
 * instance is confined to that one event-loop thread.
 *
 * <p>Rules: RFC 3768 §6 / RFC 5798 §6 (Master_Down_Interval, Skew_Time, preemption,
 * priority 0, tie-break by address), with keepalived's options and quirks where the RFCs
 * leave room (shared/reference/keepalived-behaviour.md §1.1, §2.4): nopreempt, preempt_delay,
 * lower_prio_no_advert, higher_prio_send_advert, garp_master_* and garp_lower_prio_*,
 * vrrp_startup_delay, two-owner back-off, owner with state BACKUP. The rule-by-rule scenarios
 * are in {@code src/test/resources/scenarios}.
 */
package dev.vigil.vrrp.fsm;
