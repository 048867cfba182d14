package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.IpAddress;

/**
 * What a scheduler may read about a real server: the fields of the kernel's
 * {@code struct ip_vs_dest} that ip_vs_*.c schedulers consult. Schedulers compare views by
 * identity, as the kernel compares {@code struct ip_vs_dest} pointers.
 */
public interface DestinationView {

    IpAddress address();

    int port();

    /** Current weight; 0 = quiesced (no new connections), never negative. */
    int weight();

    /**
     * The latest non-zero weight ({@code last_weight}, set by {@code __ip_vs_update_dest}:
     * kept when the weight is edited to 0, so mh can quiesce without reshuffling).
     * A destination added with weight 0 has last weight 0.
     */
    int lastWeight();

    int activeConnections();

    int inactiveConnections();

    /** IP_VS_DEST_F_OVERLOAD: connection count reached the upper threshold. */
    boolean overloaded();

    /** IP_VS_DEST_F_AVAILABLE: false once the destination left its service. */
    default boolean available() {
        return true;
    }

    /**
     * {@code ip_vs_dest_conn_overhead()} (include/net/ip_vs.h): active connections weigh 256
     * times an inactive one. Computed in 32-bit arithmetic as the kernel does.
     */
    default int overhead() {
        return (activeConnections() << 8) + inactiveConnections();
    }
}
