package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpvsInfo;
import java.util.Objects;

/**
 * Whether this process can drive the kernel's IPVS: the answer of
 * {@link NetlinkIpvsBackend#probe()}, which {@code --backend auto} uses to choose between
 * the kernel and the userspace backend.
 */
public sealed interface IpvsProbe permits IpvsProbe.Available, IpvsProbe.Unavailable {

    /** True for {@link Available}. */
    default boolean isAvailable() {
        return this instanceof Available;
    }

    /** The "IPVS" family answered GET_INFO. */
    record Available(IpvsInfo info) implements IpvsProbe {
        public Available {
            Objects.requireNonNull(info, "info");
        }
    }

    /** It cannot: why, and a one-line message for the operator. */
    record Unavailable(Reason reason, String message) implements IpvsProbe {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why the kernel backend cannot run. */
    enum Reason {
        /** The generic netlink controller does not know "IPVS": no ip_vs module. */
        NO_IPVS,
        /** Native access is off or a NETLINK_GENERIC socket cannot be opened. */
        NO_NETLINK,
        /** The kernel refused GET_INFO: the process lacks CAP_NET_ADMIN. */
        PERMISSION_DENIED,
        /** Anything else (a timeout, a malformed reply); the message says what. */
        FAILED
    }
}
