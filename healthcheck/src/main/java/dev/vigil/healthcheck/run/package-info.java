/**
 * The runtime that joins a probe to the pure checker state:
 * {@link dev.vigil.healthcheck.run.CheckRunner} schedules attempts on a
 * {@link dev.vigil.common.time.Scheduler}, feeds results to a
 * {@link dev.vigil.healthcheck.state.CheckerState} and reports events.
 * {@link dev.vigil.common.time.ExecutorScheduler} on one Netty event loop is the real
 * scheduler; tests use {@link dev.vigil.common.time.FakeScheduler}.
 */
package dev.vigil.healthcheck.run;
