/**
 * Load benchmarks for the health checkers, run by {@code bench/checkers-10k}: many real
 * servers on loopback ({@link dev.vigil.healthcheck.bench.CheckerLoadTargets}, a process of
 * its own) and as many checkers ({@link dev.vigil.healthcheck.bench.CheckerLoadMain}) whose
 * process CPU time is measured.
 */
package dev.vigil.healthcheck.bench;
