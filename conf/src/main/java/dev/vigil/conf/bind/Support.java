package dev.vigil.conf.bind;

/** How Vigil treats a keyword of keepalived.conf (keepalived's own, or one of Vigil's extensions). */
public enum Support {
    /** Bound into the model and acted on. */
    SUPPORTED,
    /** Accepted and listed as "accepted, no effect in Vigil" (SNMP, DBus, nftables, tuning, ...). */
    NO_EFFECT,
    /** Accepted with a warning; a newer keyword or form should be used. */
    DEPRECATED,
    /** Vigil-only, acted on; keepalived does not know it (its {@code -t} warns "unknown keyword"). */
    EXTENSION
}
