package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.NetlinkException;

/**
 * What an operator should check when the kernel refuses an address, route or rule request.
 * Pure: it only reads the errno of the failure.
 */
public final class RoutingHints {

    private RoutingHints() {
    }

    /** The advice for a failed RTM_NEWADDR/NEWROUTE/NEWRULE (or DEL...), or empty. */
    public static String whatToCheck(NativeException failure) {
        int errno = failure.errno();
        if (Errno.ENETUNREACH.is(errno)) {
            return "the gateway is not on a connected network: check that an address of its subnet is on an "
                    + "interface (a VIP's subnet is there only while MASTER), or add 'onlink'";
        }
        if (Errno.ENODEV.is(errno)) {
            return "check the interface name ('dev') and that the interface exists";
        }
        if (Errno.EINVAL.is(errno)) {
            return "check that the destination has no host bits set, that 'src' is an address of this host, and "
                    + "that the scope fits (a route via a gateway cannot have scope link or host)";
        }
        if (Errno.EAFNOSUPPORT.is(errno) || Errno.EOPNOTSUPP.is(errno)) {
            return "the kernel lacks support for this (IPv6 disabled, or no policy routing / multipath)";
        }
        if (Errno.EADDRNOTAVAIL.is(errno)) {
            return "check that the address belongs to this host";
        }
        return "";
    }

    /** {@code failure} with {@link #whatToCheck} appended to its message, or itself when there is no advice. */
    public static NativeException withHint(NativeException failure) {
        String hint = whatToCheck(failure);
        if (hint.isEmpty()) {
            return failure;
        }
        String kernel = failure instanceof NetlinkException n ? n.extendedAck().map(m -> m + "; ").orElse("") : "";
        return new NativeException(failure.operation(), failure.errno(), failure.missingCapability().orElse(null),
                kernel + hint);
    }
}
