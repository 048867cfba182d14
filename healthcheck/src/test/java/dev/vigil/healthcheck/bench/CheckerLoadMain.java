package dev.vigil.healthcheck.bench;

import dev.vigil.common.time.ExecutorScheduler;
import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.CheckSpec;
import dev.vigil.healthcheck.CheckTiming;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.UrlSpec;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.Probe;
import dev.vigil.healthcheck.probe.ProbeFactory;
import dev.vigil.healthcheck.run.CheckRunner;
import dev.vigil.healthcheck.state.CheckPolicy;
import dev.vigil.healthcheck.state.Warmup;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code CheckerLoadMain COUNT tcp|http WARMUP_S DURATION_S}: runs {@code COUNT} checkers
 * (TCP_CHECK or HTTP_GET {@code /}, delay_loop 1 s, connect_timeout 5 s, retry 1,
 * delay_before_retry 1 s) against the endpoints of {@link CheckerLoadTargets}, wired as the
 * daemon wires them (one checker I/O thread from {@link CheckTransport}, one scheduler
 * thread, {@link CheckRunner} with keepalived's policy), waits {@code WARMUP_S} (bootstrap
 * delay, warmup spread and JIT), then measures for {@code DURATION_S}: completed checks per
 * second, failures, state changes, and the process's CPU time (all threads: checkers, GC, JIT)
 * divided by the wall time, i.e. the average number of cores used; then, per check, the CPU
 * time of the I/O thread (less disturbed by other processes' load than the process total,
 * and the thread that caps the rate) and the bytes allocated by all threads.
 */
public final class CheckerLoadMain {

    /** The scenario. */
    private static final Duration DELAY_LOOP = Duration.ofSeconds(1);
    /** keepalived's default connect_timeout (check_data.c). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder stateChanges = new LongAdder();
    private final LongAdder attemptNanos = new LongAdder();

    private CheckerLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !List.of("tcp", "http").contains(args[1])) {
            System.err.println("usage: CheckerLoadMain COUNT tcp|http WARMUP_S DURATION_S");
            System.exit(2);
        }
        new CheckerLoadMain().run(Integer.parseInt(args[0]), args[1].equals("http"),
                Duration.ofSeconds(Long.parseLong(args[2])), Duration.ofSeconds(Long.parseLong(args[3])));
    }

    private void run(int count, boolean http, Duration warmup, Duration duration) throws Exception {
        DefaultEventExecutor executor = new DefaultEventExecutor(new DefaultThreadFactory("bench-scheduler", true));
        ExecutorScheduler scheduler = new ExecutorScheduler(executor);
        List<CheckRunner> runners = new ArrayList<>(count);
        try (CheckTransport transport = CheckTransport.create(1)) {
            ProbeFactory probes = new ProbeFactory(transport, new SplittableRandom(1));
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < count; i++) {
                CheckSpec spec = spec(new LoadTarget(i), http);
                Probe counted = counting(probes.create(spec));
                runners.add(new CheckRunner("rs" + i, CheckPolicy.of(spec), counted, scheduler,
                        event -> {
                            if (event instanceof CheckEvent.Down || event instanceof CheckEvent.Up) {
                                stateChanges.increment();
                            }
                        }, random.split(), Warmup.BOOTSTRAP_DELAY));
            }
            runners.forEach(CheckRunner::start);
            System.out.printf(Locale.ROOT, "%d %s checkers started (epoll %s); warm-up %d s, measuring %d s%n",
                    count, http ? "HTTP_GET" : "TCP_CHECK", transport.isEpoll(), warmup.toSeconds(),
                    duration.toSeconds());
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
            Snapshot before = snapshot();
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            Snapshot after = snapshot();
            report(count, before, after);
            runners.forEach(CheckRunner::stop);
        } finally {
            executor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    private static CheckSpec spec(LoadTarget target, boolean http) {
        ConnectOptions connect = ConnectOptions.to(target.address()).withTimeout(CONNECT_TIMEOUT);
        CheckTiming timing = new CheckTiming(DELAY_LOOP, 1, Duration.ofSeconds(1), DELAY_LOOP, false, false);
        return http ? new CheckSpec.HttpGetCheck(connect, timing, HttpSettings.of(UrlSpec.path("/")))
                : new CheckSpec.TcpCheck(connect, timing);
    }

    private Probe counting(Probe probe) {
        return () -> {
            long started = System.nanoTime();
            return probe.attempt().whenComplete((result, error) -> {
                attemptNanos.add(System.nanoTime() - started);
                if (result != null && result.isSuccess()) {
                    successes.increment();
                } else {
                    failures.increment();
                }
            });
        };
    }

    /** Counters and clocks at one instant. */
    private record Snapshot(long wallNanos, long cpuNanos, long ioCpuNanos, long allocatedBytes, long successes,
                            long failures, long stateChanges, long attemptNanos, String loadAverage) {
    }

    private Snapshot snapshot() throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), ioThreadCpu(threads),
                threads.getTotalThreadAllocatedBytes(), successes.sum(), failures.sum(), stateChanges.sum(),
                attemptNanos.sum(), load);
    }

    /**
     * CPU time of the checker I/O threads (Netty names them after their group). Unlike the
     * process's CPU, it leaves out JIT and GC threads, and it is the thread that limits the
     * rate: every check's connection is handled on it.
     */
    private static long ioThreadCpu(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("multiThreadIoEventLoopGroup")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static void report(int count, Snapshot before, Snapshot after) {
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        double cpu = (after.cpuNanos() - before.cpuNanos()) / 1e9;
        long ok = after.successes() - before.successes();
        long failed = after.failures() - before.failures();
        System.out.printf(Locale.ROOT, "checkers            %d%n", count);
        System.out.printf(Locale.ROOT, "measured            %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "checks completed/s  %.0f (ideal just under %d)%n", (ok + failed) / seconds,
                count);
        System.out.printf(Locale.ROOT, "mean attempt time   %.2f ms (probe start to result; the cycle is this + 1 s)%n",
                (after.attemptNanos() - before.attemptNanos()) / 1e6 / Math.max(1, ok + failed));
        System.out.printf(Locale.ROOT, "failed checks       %d%n", failed);
        System.out.printf(Locale.ROOT, "up/down changes     %d%n", after.stateChanges() - before.stateChanges());
        System.out.printf(Locale.ROOT, "process CPU         %.1f s = %.2f cores on average%n", cpu, cpu / seconds);
        System.out.printf(Locale.ROOT, "CPU per check       %.1f us%n", cpu * 1e6 / Math.max(1, ok + failed));
        System.out.printf(Locale.ROOT, "I/O thread per check %.1f us of CPU (%.2f of a core)%n",
                (after.ioCpuNanos() - before.ioCpuNanos()) / 1e3 / Math.max(1, ok + failed),
                (after.ioCpuNanos() - before.ioCpuNanos()) / 1e9 / seconds);
        System.out.printf(Locale.ROOT, "allocated per check %.0f bytes (all threads)%n",
                (double) (after.allocatedBytes() - before.allocatedBytes()) / Math.max(1, ok + failed));
        System.out.printf(Locale.ROOT, "load average        %s (before) / %s (after)%n", before.loadAverage(),
                after.loadAverage());
    }
}
