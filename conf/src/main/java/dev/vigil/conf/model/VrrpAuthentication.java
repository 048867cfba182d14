package dev.vigil.conf.model;

import java.util.Objects;

/**
 * VRRPv2 authentication (RFC 2338 section 5.3.6; removed in RFC 3768/5798). {@code password}
 * is what goes on the wire: at most 8 characters (longer ones are cut, as keepalived does);
 * the sender zero-pads it to 8 bytes.
 */
public record VrrpAuthentication(Type type, String password) {

    /** RFC 2338: the authentication data field is 8 octets. */
    public static final int MAX_PASSWORD_LENGTH = 8;

    public enum Type {
        /** Simple text password (auth type 1). */
        PASS,
        /** IPsec AH (auth type 2). */
        AH
    }

    public VrrpAuthentication {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
        if (password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be 1.." + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
