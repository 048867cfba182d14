package dev.vigil.ipvs.netlink;

import java.util.Objects;

/**
 * The outcome of decoding one kernel reply: a value, or why the reply could not be read
 * (a missing or short attribute). Kernel data never escapes as an exception.
 */
public sealed interface Decoded<T> permits Decoded.Value, Decoded.Malformed {

    static <T> Decoded<T> value(T value) {
        return new Value<>(value);
    }

    static <T> Decoded<T> malformed(String reason) {
        return new Malformed<>(reason);
    }

    /** The reply was understood. */
    record Value<T>(T value) implements Decoded<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The reply lacked something the decoder needs; {@code reason} names it. */
    record Malformed<T>(String reason) implements Decoded<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
