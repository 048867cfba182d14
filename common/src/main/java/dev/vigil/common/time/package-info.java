/**
 * Time for pure code: a monotonic {@link dev.vigil.common.time.Ticker}, a
 * {@link dev.vigil.common.time.Scheduler} for one-shot timers, and
 * {@link dev.vigil.common.time.FakeScheduler}, which lets tests move time by hand.
 */
package dev.vigil.common.time;
