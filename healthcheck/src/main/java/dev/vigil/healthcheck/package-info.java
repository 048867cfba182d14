/**
 * Health-checker API: what to check ({@link dev.vigil.healthcheck.CheckSpec} and its
 * settings records, one per keepalived checker keyword), what one attempt found
 * ({@link dev.vigil.healthcheck.CheckResult}) and what the daemon is told
 * ({@link dev.vigil.healthcheck.CheckEvent} through a
 * {@link dev.vigil.healthcheck.CheckEventListener}).
 *
 * <p>These records never refer to the configuration model: the daemon adapts keepalived.conf
 * into them, applying keepalived's virtual_server → real_server → checker inheritance before
 * it builds a spec (see {@link dev.vigil.healthcheck.CheckTiming#resolve}).
 *
 * <p>Data flow: {@code dev.vigil.healthcheck.probe} runs one attempt and produces a
 * {@code CheckResult}; {@code dev.vigil.healthcheck.state} turns results into up/down
 * decisions and the delay to the next attempt, without I/O; {@code dev.vigil.healthcheck.run}
 * joins the two on a scheduler and reports events; {@code state.RealServerHealth} folds a real
 * server's checker events into {@link dev.vigil.healthcheck.RealServerEvent}s.
 * {@code dev.vigil.healthcheck.genhash} is keepalived's genhash as a library.
 */
package dev.vigil.healthcheck;
