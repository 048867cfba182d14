/**
 * The pure per-instance VRRP state machine: {@link dev.vigil.vrrp.fsm.InstanceStateMachine#handle}
 * takes an {@link dev.vigil.vrrp.fsm.Input} (startup, an advert with the checker's verdict, a
 * timer expiry, a priority or link change, shutdown) and the monotonic time, and returns
 * {@link dev.vigil.vrrp.fsm.Effect}s (send an advert, add/remove VIPs, gratuitous ARPs, arm or
 * cancel a timer, state changed). No clock, socket, thread or logger lives here.
 *
 * <p>Data flow: the runtime's receive thread decodes packets ({@code dev.vigil.vrrp.codec}),
 * the VRRP event loop dispatches by VRID, runs the instance's {@code AdvertChecker} and feeds
 * the result here; it turns {@code ArmTimer}/{@code CancelTimer} into scheduler tasks whose
 * expiry comes back as an input, and carries out the other effects in order. Each instance is
 * confined to that one event-loop thread.
 *
 * <p>Rules: RFC 3768 §6 / RFC 5798 §6 (Master_Down_Interval, Skew_Time, preemption,
 * priority 0, tie-break by address), with keepalived's options and quirks where the RFCs
 * leave room (shared/reference/keepalived-behaviour.md §1.1, §2.4).
 */
package dev.vigil.vrrp.fsm;
