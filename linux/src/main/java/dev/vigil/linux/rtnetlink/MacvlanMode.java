package dev.vigil.linux.rtnetlink;

/** The mode of a macvlan interface (uapi {@code linux/if_link.h} MACVLAN_MODE_*). */
public enum MacvlanMode {
    /** MACVLAN_MODE_PRIVATE: no traffic between macvlans of one parent; keepalived's VMAC mode. */
    PRIVATE(1),
    /** MACVLAN_MODE_VEPA: traffic between macvlans goes through the external switch (the kernel's default). */
    VEPA(2),
    /** MACVLAN_MODE_BRIDGE: macvlans of one parent reach each other directly. */
    BRIDGE(4),
    /** MACVLAN_MODE_PASSTHRU: the single macvlan takes over the parent. */
    PASSTHRU(8);

    private final int code;

    MacvlanMode(int code) {
        this.code = code;
    }

    /** The IFLA_MACVLAN_MODE value. */
    public int code() {
        return code;
    }
}
