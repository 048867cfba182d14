package dev.vigil.linux.rtnetlink;

import java.util.Optional;

/** Address scopes (uapi {@code linux/rtnetlink.h} {@code enum rt_scope_t}), as {@code ip addr} shows them. */
public enum AddressScope {
    /** RT_SCOPE_UNIVERSE ("global"). */
    UNIVERSE(0),
    /** RT_SCOPE_SITE. */
    SITE(200),
    /** RT_SCOPE_LINK. */
    LINK(253),
    /** RT_SCOPE_HOST. */
    HOST(254),
    /** RT_SCOPE_NOWHERE. */
    NOWHERE(255);

    private final int code;

    AddressScope(int code) {
        this.code = code;
    }

    /** The kernel's number. */
    public int code() {
        return code;
    }

    /** The named scope for a number; empty for user-defined numbers. */
    public static Optional<AddressScope> of(int code) {
        for (AddressScope scope : values()) {
            if (scope.code == code) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
