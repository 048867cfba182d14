package dev.vigil.ipvs.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * Runs the scheduler benchmarks with JMH command-line options, e.g. a smoke run:
 * {@code java -cp <test classpath> dev.vigil.ipvs.bench.BenchmarkMain -f 0 -wi 1 -i 1 -w 100ms -r 100ms Maglev}.
 * Not part of {@code mvn verify}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new CommandLineOptions(args)).run();
    }
}
