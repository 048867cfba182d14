package dev.vigil.linux.netlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import java.util.Optional;

/**
 * A netlink request the kernel refused: the errno from NLMSG_ERROR and, when the kernel
 * sent one, its extended-ack text (e.g. "Invalid prefix length"), which is also part of
 * the message. Checked for the same reason as {@link NativeException}, which it extends,
 * so callers can treat all native failures alike.
 */
public final class NetlinkException extends NativeException {

    private static final long serialVersionUID = 1L;

    private final String extendedAck;

    /**
     * @param operation the request, e.g. "RTM_NEWADDR 10.0.0.1/24 dev 3"
     * @param status the decoded NLMSG_ERROR
     * @param requiredCapability the capability the request needs (named on EPERM), or null
     */
    public NetlinkException(String operation, NetlinkStatus status, Capability requiredCapability) {
        super(operation, status.errno(), requiredCapability, status.message().orElse(null));
        this.extendedAck = status.message().orElse(null);
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), if it gave one. */
    public Optional<String> extendedAck() {
        return Optional.ofNullable(extendedAck);
    }
}
