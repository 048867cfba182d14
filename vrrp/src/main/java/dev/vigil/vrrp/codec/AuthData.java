package dev.vigil.vrrp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 8 authentication bytes that follow the addresses of a VRRPv2 IPv4 advertisement
 * (RFC 3768 §5.3.10). Immutable: bytes are copied in and out.
 *
 * <p>keepalived uses only the first 8 characters of {@code auth_pass} and pads with zeros
 * ({@code vrrp_parser.c}); {@link #fromPassword(String)} does the same.
 */
public final class AuthData {

    /** Length of the field on the wire ({@code VRRP_AUTH_LEN}). */
    public static final int LENGTH = 8;

    /** Eight zero bytes: what is sent for auth type NONE. */
    public static final AuthData ZERO = new AuthData(new byte[LENGTH]);

    private final byte[] bytes;

    private AuthData(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of exactly {@link #LENGTH} bytes. */
    public static AuthData of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("auth data must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new AuthData(bytes.clone());
    }

    /** The first 8 bytes of the password's UTF-8 form, zero-padded, as keepalived stores it. */
    public static AuthData fromPassword(String password) {
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        return new AuthData(Arrays.copyOf(raw, LENGTH));
    }

    /** A copy of the 8 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether all 8 bytes are zero. */
    public boolean isZero() {
        return Arrays.equals(bytes, ZERO.bytes);
    }

    /**
     * Compares with another value in time independent of where they differ, as keepalived
     * does for the password ({@code memcmp_constant_time}).
     */
    public boolean matchesInConstantTime(AuthData other) {
        int diff = 0;
        for (int i = 0; i < LENGTH; i++) {
            diff |= bytes[i] ^ other.bytes[i];
        }
        return diff == 0;
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
