package dev.vigil.ipvs;

/**
 * Persistence settings of a service ({@code IP_VS_SVC_F_PERSISTENT}): templates live
 * {@code timeoutSeconds} after their last use, and clients are grouped by the first
 * {@code prefixLength} bits of their address (ipvsadm {@code -M}; /32 or /128 = per client).
 *
 * <p>Deviation: the kernel accepts any IPv4 netmask, contiguous or not; Vigil models only
 * prefix masks, which is all keepalived and ipvsadm users write in practice.
 */
public record Persistence(int timeoutSeconds, int prefixLength) {

    /** ipvsadm's default for {@code -p} without a value (IPVS_SVC_PERSISTENT_TIMEOUT, libipvs.h). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 360;

    public Persistence {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("persistence timeout must be positive: " + timeoutSeconds);
        }
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /** Per-client persistence for {@code family} with the given timeout. */
    public static Persistence perClient(int timeoutSeconds, AddressFamily family) {
        return new Persistence(timeoutSeconds, family.bits());
    }
}
