package dev.vigil.vrrp.runtime;

/** What {@link VrrpRuntime#stop(VipsOnStop)} does with the VIPs a master holds. */
public enum VipsOnStop {
    /** Remove them (keepalived's default). */
    RELEASE,
    /** Leave them in place (keepalived {@code --dont-release-vrrp}). */
    KEEP
}
