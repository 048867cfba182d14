package dev.vigil.ipvs.sched;

import dev.vigil.common.time.Ticker;
import dev.vigil.ipvs.SchedulerFlag;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Creates schedulers by kernel name, with the kernel's default table sizes. Names outside
 * {@link #NAMES} are unknown (the kernel answers ENOENT: no such module).
 */
public final class Schedulers {

    /** Every scheduler the Linux kernel ships (net/netfilter/ipvs/ip_vs_*.c). */
    public static final Set<String> NAMES =
            Set.of("rr", "wrr", "lc", "wlc", "sed", "nq", "dh", "sh", "mh", "lblc", "lblcr", "fo", "ovf", "twos");

    private final Ticker ticker;
    private final RandomGenerator random;
    private final LocalityCacheSettings localitySettings;

    /**
     * @param ticker clock for the lblc/lblcr caches
     * @param random randomness for twos
     */
    public Schedulers(Ticker ticker, RandomGenerator random, LocalityCacheSettings localitySettings) {
        this.ticker = ticker;
        this.random = random;
        this.localitySettings = localitySettings;
    }

    /** A fresh scheduler for one service, or empty when {@code name} is unknown. */
    public Optional<IpvsScheduler> create(String name, Set<SchedulerFlag> flags) {
        IpvsScheduler s = switch (name) {
            case "rr" -> new RoundRobin();
            case "wrr" -> new WeightedRoundRobin();
            case "lc" -> new LeastConnection();
            case "wlc" -> WeightedLeastConnection.wlc();
            case "sed" -> WeightedLeastConnection.sed();
            case "nq" -> new NeverQueue();
            case "dh" -> SourceHashing.dh(SourceHashing.DEFAULT_TABLE_BITS);
            case "sh" -> SourceHashing.sh(flags, SourceHashing.DEFAULT_TABLE_BITS);
            case "mh" -> MaglevHashing.mh(flags, MaglevHashing.DEFAULT_TABLE_INDEX);
            case "lblc" -> new LocalityBasedLeastConnection(ticker, localitySettings);
            case "lblcr" -> new LocalityBasedLeastConnectionReplication(ticker, localitySettings);
            case "fo" -> new WeightedFailover();
            case "ovf" -> new WeightedOverflow();
            case "twos" -> new TwoRandomChoices(random);
            default -> null;
        };
        return Optional.ofNullable(s);
    }
}
