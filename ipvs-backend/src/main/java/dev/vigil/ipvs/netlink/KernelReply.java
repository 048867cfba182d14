package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.IpvsError;
import java.util.Objects;

/** What a read from the kernel's IPVS gave: a value, or a typed failure with a human detail. */
public sealed interface KernelReply<T> permits KernelReply.Value, KernelReply.Failed {

    /** The value, or {@code fallback} when the read failed. */
    default T orElse(T fallback) {
        return this instanceof Value<T> v ? v.value() : fallback;
    }

    /** The kernel answered and the answer was understood. */
    record Value<T>(T value) implements KernelReply<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The read failed: the kernel refused it, the socket failed or the reply was malformed
     * ({@link IpvsError#UNAVAILABLE} with the reason in {@code detail}).
     */
    record Failed<T>(IpvsError error, String detail) implements KernelReply<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
