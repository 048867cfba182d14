package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code lb_kind} / {@code lvs_method}: {@code NAT|DR|TUN [type ipip|gue|gre] [port N]
 * [nocsum|csum|remcsum]}. The tunnel fields are only meaningful for {@link Method#TUN}.
 */
public record Forwarding(Method method, Optional<String> tunnelType, Optional<Integer> tunnelPort,
                         Optional<String> tunnelChecksum) {

    public enum Method { NAT, DR, TUN }

    public Forwarding {
        Objects.requireNonNull(method, "method");
    }

    /** keepalived's default forwarding method. */
    public static Forwarding nat() {
        return new Forwarding(Method.NAT, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Forwarding of(Method method) {
        return new Forwarding(method, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
