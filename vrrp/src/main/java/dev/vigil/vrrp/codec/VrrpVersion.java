package dev.vigil.vrrp.codec;

import java.util.Optional;

/** The VRRP versions Vigil speaks: the high nibble of the first header byte. */
public enum VrrpVersion {
    /** RFC 3768: whole-second interval, auth type and 8 auth bytes, no pseudo-header. */
    V2(2),
    /** RFC 5798: centisecond interval, no authentication, pseudo-header checksum. */
    V3(3);

    private final int wire;

    VrrpVersion(int wire) {
        this.wire = wire;
    }

    /** The value of the version nibble. */
    public int wire() {
        return wire;
    }

    /** The version with this nibble value, or empty for any other value. */
    public static Optional<VrrpVersion> fromWire(int nibble) {
        for (VrrpVersion v : values()) {
            if (v.wire == nibble) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
