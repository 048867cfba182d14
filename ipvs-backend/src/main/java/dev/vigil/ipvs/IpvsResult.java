package dev.vigil.ipvs;

import java.util.Objects;

/** The outcome of one table operation: done, or a typed failure with a human detail. */
public sealed interface IpvsResult permits IpvsResult.Ok, IpvsResult.Failed {

    IpvsResult OK = new Ok();

    static IpvsResult failed(IpvsError error, String detail) {
        return new Failed(error, detail);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The operation took effect. */
    record Ok() implements IpvsResult {
    }

    /** The operation was refused; the table is unchanged. */
    record Failed(IpvsError error, String detail) implements IpvsResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
