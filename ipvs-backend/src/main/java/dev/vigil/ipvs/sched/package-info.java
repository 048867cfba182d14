/**
 * The kernel's IPVS schedulers as pure classes, decision for decision: rr, wrr, lc, wlc,
 * sed, nq, dh, sh, mh, lblc, lblcr, fo, ovf, twos. Each works on a list of
 * {@link dev.vigil.ipvs.sched.DestinationView} in kernel list order (newest first) and the
 * hashed fields of a {@link dev.vigil.ipvs.sched.Flow}; {@link dev.vigil.ipvs.sched.RealServer}
 * is the mutable per-destination accounting a forwarder keeps.
 *
 * <p>Threading: a scheduler instance belongs to one service and its owner serialises calls.
 * No I/O; time comes from an injected {@link dev.vigil.common.time.Ticker}.
 */
package dev.vigil.ipvs.sched;
