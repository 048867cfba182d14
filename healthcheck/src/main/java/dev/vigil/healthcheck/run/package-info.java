/**
 * The runtime that joins a probe to the pure checker state:
 * {@link dev.vigil.healthcheck.run.CheckRunner} schedules attempts on a
 * {@link dev.vigil.common.time.Scheduler}, feeds results to a
 * {@link dev.vigil.healthcheck.state.CheckerState} and reports events.
 * {@link dev.vigil.healthcheck.run.EventLoopScheduler} is the real scheduler, one Netty event
 * loop; tests use {@link dev.vigil.common.time.FakeScheduler}.
 */
package dev.vigil.healthcheck.run;
