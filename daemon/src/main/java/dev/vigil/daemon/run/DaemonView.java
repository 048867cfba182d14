package dev.vigil.daemon.run;

import dev.vigil.daemon.controller.ControllerStatus;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.vrrp.runtime.InstanceSnapshot;
import dev.vigil.vrrp.runtime.VrrpInstanceSettings;
import dev.vigil.ipvs.listing.ConnectionRow;
import java.util.List;
import java.util.Optional;

/**
 * What the control commands, dumps and the metrics endpoint read from a running daemon. The
 * daemon implements it over its engines; tests pass fakes. Every method may be called from any
 * thread and must not block for long.
 */
public interface DaemonView {

    /** The VRRP instances that run, in configuration order (empty when VRRP does not run). */
    List<VrrpInstanceSettings> vrrpSettings();

    /** Their current snapshots, same order (empty when VRRP does not run). */
    List<InstanceSnapshot> vrrpSnapshots();

    /** Seconds since the epoch of an instance's last state change, if it had one. */
    Optional<Double> lastTransition(String instance);

    /** The health controller's status ({@link ControllerStatus#EMPTY} when it does not run). */
    ControllerStatus lvsStatus();

    /** The IPVS table as the backend has it; empty when no backend is in use. */
    Optional<VirtualTable> ipvsTable();

    /** The backend's version and connection-table size, for the listing's first line. */
    IpvsInfo ipvsInfo();

    /**
     * The backend's connection table ({@code ipvsadm -L -n -c}): the userspace forwarder's
     * own, the kernel's read from /proc/net/ip_vs_conn; or why there is none.
     */
    default ConnectionListing ipvsConnections() {
        return new ConnectionListing.Unavailable("no IPVS backend: this daemon runs no virtual_server");
    }

    /** The backend's connection timeouts ({@code ipvsadm -L --timeout}), or why there are none. */
    default TimeoutListing ipvsTimeouts() {
        return new TimeoutListing.Unavailable("no IPVS backend: this daemon runs no virtual_server");
    }

    /** The three timeouts {@code ipvsadm -L --timeout} prints, in seconds, or why there are none. */
    sealed interface TimeoutListing {

        record Timeouts(int tcp, int tcpFin, int udp) implements TimeoutListing {
        }

        record Unavailable(String reason) implements TimeoutListing {
        }
    }

    /** A connection table, or why it cannot be listed. */
    sealed interface ConnectionListing {

        /** The rows in the backend's order. */
        record Rows(List<ConnectionRow> rows) implements ConnectionListing {
            public Rows {
                rows = List.copyOf(rows);
            }
        }

        /** Why there is no table to show, for the operator. */
        record Unavailable(String reason) implements ConnectionListing {
        }
    }
}
