package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpvsError;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;

/**
 * Maps an errno from an IPVS command to {@link IpvsError}, the way ip_vs_ctl.c chooses
 * them (shared/reference/ipvs.md §1.2) and keepalived's {@code ipvs_talk()} reads them:
 * EEXIST is "service exists" on NEW_SERVICE and "destination exists" on NEW_DEST; ESRCH is
 * a missing service on every command but NEW_SERVICE; ENOENT is a missing destination on
 * SET/DEL_DEST and an unknown scheduler or persistence engine on NEW/SET_SERVICE; EINVAL,
 * EAFNOSUPPORT and EOPNOTSUPP are bad arguments, ERANGE out of range, EPERM / EACCES a
 * missing CAP_NET_ADMIN. Anything else (ENOMEM, a timeout, a closed socket) is
 * {@link IpvsError#UNAVAILABLE} with the errno named in the detail. Sync-daemon commands
 * map their own way: EEXIST (already running), ESRCH (not running), EINVAL and ENODEV
 * are INVALID_ARGUMENT. Pure.
 */
public final class KernelErrors {

    private KernelErrors() {
    }

    /** The typed error for {@code errno} answered to {@code command}. */
    public static IpvsError map(IpvsCommand command, int errno) {
        if (isDaemonCommand(command)) {
            return daemonError(errno);
        }
        if (Errno.EEXIST.is(errno)) {
            return command == IpvsCommand.NEW_DEST ? IpvsError.DESTINATION_EXISTS : IpvsError.SERVICE_EXISTS;
        }
        if (Errno.ESRCH.is(errno)) {
            return IpvsError.SERVICE_NOT_FOUND;
        }
        if (Errno.ENOENT.is(errno)) {
            return switch (command) {
                case NEW_SERVICE, SET_SERVICE -> IpvsError.UNKNOWN_SCHEDULER;
                default -> IpvsError.DESTINATION_NOT_FOUND;
            };
        }
        if (Errno.EINVAL.is(errno) || Errno.EAFNOSUPPORT.is(errno) || Errno.EOPNOTSUPP.is(errno)) {
            return IpvsError.INVALID_ARGUMENT;
        }
        if (Errno.ERANGE.is(errno)) {
            return IpvsError.OUT_OF_RANGE;
        }
        if (Errno.EPERM.is(errno) || Errno.EACCES.is(errno)) {
            return IpvsError.PERMISSION_DENIED;
        }
        return IpvsError.UNAVAILABLE;
    }

    /**
     * Sync-daemon commands have no table-specific errors: EEXIST (already running) and ESRCH
     * (not running) are {@link IpvsError#INVALID_ARGUMENT}, as is EINVAL (e.g. mixed-family
     * destinations exist); the detail keeps the errno.
     */
    private static IpvsError daemonError(int errno) {
        if (Errno.EPERM.is(errno) || Errno.EACCES.is(errno)) {
            return IpvsError.PERMISSION_DENIED;
        }
        if (Errno.EEXIST.is(errno) || Errno.ESRCH.is(errno) || Errno.EINVAL.is(errno)
                || Errno.ENODEV.is(errno) || Errno.EAFNOSUPPORT.is(errno)) {
            return IpvsError.INVALID_ARGUMENT;
        }
        return IpvsError.UNAVAILABLE;
    }

    private static boolean isDaemonCommand(IpvsCommand command) {
        return command == IpvsCommand.NEW_DAEMON || command == IpvsCommand.DEL_DAEMON
                || command == IpvsCommand.GET_DAEMON;
    }

    /** The failed result for an exception from {@code command}, its message as the detail. */
    public static IpvsResult.Failed failure(IpvsCommand command, NativeException e) {
        return new IpvsResult.Failed(map(command, e.errno()), e.getMessage());
    }
}
