/**
 * JMH benchmarks of the hot schedulers (rr, wrr, wlc, sh, mh). Not run by {@code mvn verify};
 * start them with {@link dev.vigil.ipvs.bench.BenchmarkMain}.
 */
package dev.vigil.ipvs.bench;
