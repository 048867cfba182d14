package dev.vigil.ipvs.netlink;

import java.util.Objects;

/**
 * The kernel backend cannot be opened: {@link #reason()} says why, and the message is one
 * line for the operator (for a kernel without IPVS: {@value NetlinkIpvsBackend#NO_IPVS}).
 * Checked, like the native failures it wraps: the daemon must decide what to do (fall back
 * to userspace under {@code --backend auto}, exit under {@code --backend kernel}).
 */
public final class IpvsUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final IpvsProbe.Reason reason;

    public IpvsUnavailableException(IpvsProbe.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public IpvsProbe.Reason reason() {
        return reason;
    }

    /** This failure as a probe answer. */
    public IpvsProbe.Unavailable toProbe() {
        return new IpvsProbe.Unavailable(reason, getMessage());
    }
}
