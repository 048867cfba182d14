package dev.vigil.ipvs.bench;

import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.sched.DestinationChange;
import dev.vigil.ipvs.sched.DestinationView;
import dev.vigil.ipvs.sched.Flow;
import dev.vigil.ipvs.sched.MaglevHashing;
import dev.vigil.ipvs.sched.RealServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * mh (mh-port): a lookup per invocation ({@code schedule}), and a full 4093-slot table
 * rebuild, which the kernel does on every destination change ({@code rebuild}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaglevHashingBenchmark {

    @Param({"4", "64"})
    public int servers;

    private List<RealServer> list;
    private MaglevHashing scheduler;
    private Flow[] flows;
    private int next;

    @Setup
    public void setUp() {
        list = BenchFixtures.servers(servers);
        scheduler = BenchFixtures.bound(MaglevHashing.mh(Set.of(SchedulerFlag.FLAG_2), MaglevHashing.DEFAULT_TABLE_INDEX),
                list);
        flows = BenchFixtures.flows();
    }

    @Benchmark
    public DestinationView schedule() {
        return scheduler.schedule(list, flows[next++ & (BenchFixtures.FLOWS - 1)]);
    }

    @Benchmark
    public DestinationView rebuild() {
        scheduler.destinationsChanged(list, new DestinationChange.Updated(list.getFirst()));
        return scheduler.slot(0);
    }
}
