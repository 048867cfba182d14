package dev.vigil.vrrp.codec;

import java.util.Optional;

/**
 * VRRPv2 authentication types (RFC 3768 §5.3.6, keepalived {@code vrrp.h}). VRRPv3 has no
 * authentication; its advertisements report {@link #NONE}.
 */
public enum AuthType {
    /** No authentication: the 8 auth bytes are sent as zeros. */
    NONE(0),
    /** Simple text password ("PASS"): 8 bytes, zero-padded. */
    PASS(1),
    /** IPsec AH (RFC 2402 HMAC-MD5-96 in an AH header before the message, see {@link IpsecAh}). */
    AH(2);

    private final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }

    /** The value of the auth type byte. */
    public int wire() {
        return wire;
    }

    /** The type with this byte value, or empty for any other value. */
    public static Optional<AuthType> fromWire(int value) {
        for (AuthType t : values()) {
            if (t.wire == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
