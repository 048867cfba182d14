package dev.vigil.daemon.metrics;

/**
 * One IPVS service's counters and rates, as {@code ipvsadm -L -n --stats} and {@code --rate}
 * print them: totals since the service was created (Conns, InPkts, OutPkts, InBytes, OutBytes)
 * and the kernel's (or the userspace forwarder's) estimated rates per second (CPS, InPPS,
 * OutPPS, InBPS, OutBPS).
 */
public record ServiceStats(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                           long connectionRate, long packetRateIn, long packetRateOut,
                           long byteRateIn, long byteRateOut) {

    /** All zero: a service with no traffic yet. */
    public static final ServiceStats ZERO = new ServiceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
