package dev.vigil.ipvs;

/**
 * Why a table operation failed, with the errno the kernel returns for it
 * (ip_vs_ctl.c; see shared/reference/ipvs.md §1.2).
 */
public enum IpvsError {
    /** NEW_SERVICE for a key that exists: EEXIST. */
    SERVICE_EXISTS(17),
    /** SET/DEL_SERVICE or any dest command for a missing service: ESRCH. */
    SERVICE_NOT_FOUND(3),
    /** NEW_DEST for an address:port already in the service: EEXIST. */
    DESTINATION_EXISTS(17),
    /** SET/DEL_DEST for a missing destination: ENOENT. */
    DESTINATION_NOT_FOUND(2),
    /** Scheduler or persistence-engine module unknown: ENOENT. */
    UNKNOWN_SCHEDULER(2),
    /** Malformed request (bad IPv6 prefix, family mismatch, too many mh dests): EINVAL. */
    INVALID_ARGUMENT(22),
    /** Weight below 0 or lower threshold above upper: ERANGE. */
    OUT_OF_RANGE(34),
    /** Caller lacks CAP_NET_ADMIN: EPERM. */
    PERMISSION_DENIED(1),
    /** The backend cannot be reached (no IPVS, socket failure): no single errno. */
    UNAVAILABLE(0);

    private final int errno;

    IpvsError(int errno) {
        this.errno = errno;
    }

    /** The positive errno the kernel uses for this case; 0 when there is none. */
    public int errno() {
        return errno;
    }

    /** True for "already there" / "already gone" results that idempotent callers ignore. */
    public boolean isBenignFor(IpvsOperation op) {
        return switch (op) {
            case IpvsOperation.AddService a -> this == SERVICE_EXISTS;
            case IpvsOperation.AddDestination a -> this == DESTINATION_EXISTS;
            case IpvsOperation.DeleteService d -> this == SERVICE_NOT_FOUND;
            case IpvsOperation.DeleteDestination d -> this == DESTINATION_NOT_FOUND || this == SERVICE_NOT_FOUND;
            default -> false;
        };
    }
}
