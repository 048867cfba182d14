package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.SchedulerFlag;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * mh (ip_vs_mh.c): Maglev consistent hashing (Eisenbud et al., NSDI '16, §3.4) over a
 * prime-sized lookup table, 4093 slots by default (CONFIG_IP_VS_MH_TAB_INDEX = 12).
 *
 * <p>Each destination gets a permutation of the slots from two keyed hashes of its
 * address + port: {@code offset = h1 % M}, {@code skip = h2 % (M − 1) + 1}. Destinations
 * claim slots round-robin in list order, {@code turns} slots per round, where turns is the
 * destination's {@link DestinationView#lastWeight() last weight} divided by the gcd of all
 * last weights and shifted right so that the largest quotient fits in
 * {@code CONFIG_IP_VS_MH_TAB_INDEX / 2} bits (at least 1 for a non-zero last weight; a
 * destination added with weight 0 claims nothing). A connection maps to slot
 * {@code h1(source address + source port if mh-port) % M}; the slot's destination is refused
 * when its weight is 0 or it is overloaded — then {@code mh-fallback} probes further slots
 * like sh does. Both hash keys are fixed in the kernel, so every director builds the same
 * table. Hashing is {@link HalfSipHash} (64-bit kernels).
 */
public final class MaglevHashing implements IpvsScheduler {

    /** Table sizes by CONFIG_IP_VS_MH_TAB_INDEX − 8 (ip_vs_mh.c {@code primes[]}). */
    private static final int[] PRIMES = {251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071};
    /** CONFIG_IP_VS_MH_TAB_INDEX default (Kconfig range 8..17). */
    public static final int DEFAULT_TABLE_INDEX = 12;
    /** Both 64-bit words of the first and second hash keys ({@code generate_hash_secret}). */
    private static final long KEY1 = 2654435761L;
    private static final long KEY2 = 2654446892L;

    private final HalfSipHash hash1 = new HalfSipHash(KEY1, KEY1);
    private final HalfSipHash hash2 = new HalfSipHash(KEY2, KEY2);
    private final boolean usePort;
    private final boolean fallback;
    private final int tableBits;
    private final DestinationView[] lookup;

    private MaglevHashing(boolean usePort, boolean fallback, int tableIndex) {
        if (tableIndex < 8 || tableIndex > 17) {
            throw new IllegalArgumentException("mh table index outside 8..17: " + tableIndex);
        }
        this.usePort = usePort;
        this.fallback = fallback;
        this.tableBits = tableIndex / 2;
        this.lookup = new DestinationView[PRIMES[tableIndex - 8]];
    }

    /** mh with the service's flags (FLAG_1 = mh-fallback, FLAG_2 = mh-port). */
    public static MaglevHashing mh(Set<SchedulerFlag> flags, int tableIndex) {
        return new MaglevHashing(flags.contains(SchedulerFlag.FLAG_2), flags.contains(SchedulerFlag.FLAG_1),
                tableIndex);
    }

    @Override
    public String name() {
        return "mh";
    }

    public int size() {
        return lookup.length;
    }

    /** The destination owning slot {@code index}, or null (for tests and diagnostics). */
    public DestinationView slot(int index) {
        return lookup[index];
    }

    /** The number of destinations an mh service may hold (more → EINVAL). */
    public int maxDestinations() {
        return lookup.length;
    }

    @Override
    public void destinationsChanged(List<? extends DestinationView> destinations, DestinationChange change) {
        int gcd = 0;
        int max = 0;
        for (DestinationView d : destinations) {
            int w = d.lastWeight();
            if (w > 0) {
                gcd = gcd > 0 ? Lists.gcd(w, gcd) : w;
            }
            max = Math.max(max, w);
        }
        if (gcd < 1 || destinations.size() > lookup.length) {
            Arrays.fill(lookup, null);
            return;
        }
        int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(max / gcd)) - tableBits);
        populate(destinations, gcd, shift);
    }

    private void populate(List<? extends DestinationView> destinations, int gcd, int shift) {
        int m = lookup.length;
        int count = destinations.size();
        int[] next = new int[count];
        int[] skip = new int[count];
        int[] turns = new int[count];
        for (int i = 0; i < count; i++) {
            DestinationView d = destinations.get(i);
            next[i] = Integer.remainderUnsigned(key(hash1, d.address(), d.port(), 0), m);
            skip[i] = Integer.remainderUnsigned(key(hash2, d.address(), d.port(), 0), m - 1) + 1;
            int lw = d.lastWeight();
            int t = (lw / gcd) >> shift;
            turns[i] = t != 0 ? t : (lw != 0 ? 1 : 0);
        }
        BitSet taken = new BitSet(m);
        int filled = 0;
        int claimed = 0;
        while (true) {
            for (int i = 0; i < count; ) {
                if (turns[i] < 1) {
                    i++;
                    continue;
                }
                int c = next[i];
                while (taken.get(c)) {
                    next[i] += skip[i];
                    if (next[i] >= m) {
                        next[i] -= m;
                    }
                    c = next[i];
                }
                taken.set(c);
                lookup[c] = destinations.get(i);
                if (++filled == m) {
                    return;
                }
                if (++claimed >= turns[i]) {
                    claimed = 0;
                    i++;
                }
            }
        }
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        int port = usePort ? flow.sourcePort() : 0;
        IpAddress address = flow.source();
        int m = lookup.length;
        int slot = Integer.remainderUnsigned(key(hash1, address, port, 0), m);
        DestinationView d = lookup[slot];
        if (d == null) {
            return null;
        }
        if (!unavailable(d)) {
            return d;
        }
        if (!fallback) {
            return null;
        }
        for (int offset = 0; offset < m; offset++) {
            int rotated = (offset + slot) % m;
            DestinationView probe = lookup[Integer.remainderUnsigned(key(hash1, address, port, rotated), m)];
            if (probe == null) {
                return null;
            }
            if (!unavailable(probe)) {
                return probe;
            }
        }
        return null;
    }

    /** {@code ip_vs_mh_hashkey}: hsiphash of the u32 {@code offset + port + fold(addr)}. */
    private static int key(HalfSipHash hash, IpAddress address, int port, int offset) {
        return hash.hash(offset + port + address.fold());
    }

    private static boolean unavailable(DestinationView d) {
        return d.weight() <= 0 || d.overloaded();
    }
}
