/**
 * The IPVS table model and backend API: immutable values for virtual services
 * ({@link dev.vigil.ipvs.ServiceKey}, {@link dev.vigil.ipvs.VirtualService}), real servers
 * ({@link dev.vigil.ipvs.Destination}), counters and snapshots
 * ({@link dev.vigil.ipvs.VirtualTable}); the {@link dev.vigil.ipvs.IpvsBackend} interface
 * whose operations mirror the kernel's netlink commands and errors; and the pure
 * {@link dev.vigil.ipvs.Reconciler} that plans and applies the minimal change from an actual
 * table to a desired one.
 *
 * <p>Data flow: the daemon builds a desired {@code VirtualTable} from configuration and
 * health, the reconciler diffs it against {@code backend.snapshot()} and applies the plan.
 * Nothing here does I/O; backends do.
 */
package dev.vigil.ipvs;
