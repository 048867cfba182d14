package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.SchedulerFlag;
import java.util.Arrays;
import java.util.List;

/**
 * sh (ip_vs_sh.c) and dh (ip_vs_dh.c): a table of 2^bits buckets (256 by default,
 * CONFIG_IP_VS_SH_TAB_BITS / DH_TAB_BITS = 8) filled by walking the destination list
 * round-robin, and indexed by {@code hash_32()} (include/linux/hash.h: multiply by
 * GOLDEN_RATIO_32, keep the top {@code bits} bits) of the client's source address (sh) or the
 * packet's destination address (dh). Kernels before 4.x multiplied by 2654435761 and kept the
 * low bits instead; Vigil follows current kernels (checked against Debian's 6.1).
 *
 * <p>sh gives each destination {@code weight} consecutive buckets (a weight-0 destination
 * still takes one); dh gives each one bucket per round. A bucket's destination is refused
 * when its weight is 0 or it is overloaded (dh also when no longer available). With
 * {@code sh-port} the client's source port joins the hash (TCP/UDP/SCTP); with
 * {@code sh-fallback} a refused bucket makes the scheduler probe {@code hash(offset)} for
 * successive offsets until a usable destination or an empty bucket is found.
 */
public final class SourceHashing implements IpvsScheduler {

    /** GOLDEN_RATIO_32 of include/linux/hash.h, the multiplier of {@code hash_32()}. */
    private static final int GOLDEN_RATIO_32 = 0x61C88647;
    /** CONFIG_IP_VS_SH_TAB_BITS / CONFIG_IP_VS_DH_TAB_BITS default. */
    public static final int DEFAULT_TABLE_BITS = 8;

    private final boolean destinationHashing;
    private final boolean usePort;
    private final boolean fallback;
    private final DestinationView[] buckets;
    private final int mask;
    private final int bits;

    private SourceHashing(boolean destinationHashing, boolean usePort, boolean fallback, int tableBits) {
        if (tableBits < 1 || tableBits > 20) {
            throw new IllegalArgumentException("table bits outside 1..20: " + tableBits);
        }
        this.destinationHashing = destinationHashing;
        this.usePort = usePort;
        this.fallback = fallback;
        this.buckets = new DestinationView[1 << tableBits];
        this.mask = buckets.length - 1;
        this.bits = tableBits;
    }

    /** sh with the service's scheduler flags (FLAG_1 = sh-fallback, FLAG_2 = sh-port). */
    public static SourceHashing sh(java.util.Set<SchedulerFlag> flags, int tableBits) {
        return new SourceHashing(false, flags.contains(SchedulerFlag.FLAG_2), flags.contains(SchedulerFlag.FLAG_1),
                tableBits);
    }

    /** dh: destination-address hashing, no flags. */
    public static SourceHashing dh(int tableBits) {
        return new SourceHashing(true, false, false, tableBits);
    }

    @Override
    public String name() {
        return destinationHashing ? "dh" : "sh";
    }

    @Override
    public void destinationsChanged(List<? extends DestinationView> destinations, DestinationChange change) {
        if (destinations.isEmpty()) {
            Arrays.fill(buckets, null);
            return;
        }
        int next = 0;
        int filled = 0;
        for (int i = 0; i < buckets.length; i++) {
            DestinationView d = destinations.get(next);
            buckets[i] = d;
            if (destinationHashing || ++filled >= d.weight()) {
                next = (next + 1) % destinations.size();
                filled = 0;
            }
        }
    }

    /** The destination in bucket {@code index} (for tests and diagnostics). */
    public DestinationView bucket(int index) {
        return buckets[index];
    }

    public int size() {
        return buckets.length;
    }

    @Override
    public DestinationView schedule(List<? extends DestinationView> destinations, Flow flow) {
        IpAddress address = destinationHashing ? flow.destination() : flow.source();
        int port = usePort ? flow.sourcePort() : 0;
        int hash = index(address, port, 0);
        DestinationView d = buckets[hash];
        if (d == null) {
            return null;
        }
        if (!unavailable(d)) {
            return d;
        }
        if (!fallback) {
            return null;
        }
        for (int offset = 0; offset < buckets.length; offset++) {
            int rotated = (offset + hash) % buckets.length;
            DestinationView probe = buckets[index(address, port, rotated)];
            if (probe == null) {
                return null;
            }
            if (!unavailable(probe)) {
                return probe;
            }
        }
        return null;
    }

    /** Bucket of {@code (offset + hash_32(port + fold(addr), bits)) & mask}. */
    int index(IpAddress address, int port, int offset) {
        return (offset + ((port + address.fold()) * GOLDEN_RATIO_32 >>> (32 - bits))) & mask;
    }

    private boolean unavailable(DestinationView d) {
        return d.weight() <= 0 || d.overloaded() || (destinationHashing && !d.available());
    }
}
