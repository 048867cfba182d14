package dev.vigil.linux.packet;

import java.util.HexFormat;
import java.util.Optional;

/**
 * A 48-bit Ethernet (EUI-48) address. Immutable; {@link #toString()} prints the
 * lower-case colon form {@code ip link} uses, e.g. {@code 02:00:0a:00:00:01}.
 */
public record MacAddress(long value) {

    /** Six bytes of the address. */
    public static final int LENGTH = 6;
    /** ff:ff:ff:ff:ff:ff. */
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** 00:00:00:00:00:00. */
    public static final MacAddress ZERO = new MacAddress(0);

    /** @throws IllegalArgumentException when the value does not fit in 48 bits */
    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(value));
        }
    }

    /** From six bytes. */
    public static MacAddress of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, got " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xFF);
        }
        return new MacAddress(value);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with '-'); empty when the text is not one. */
    public static Optional<MacAddress> parse(String text) {
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != LENGTH) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2 || !HexFormat.isHexDigit(part.charAt(0))
                    || part.length() == 2 && !HexFormat.isHexDigit(part.charAt(1))) {
                return Optional.empty();
            }
            value = value << 8 | Integer.parseInt(part, 16);
        }
        return Optional.of(new MacAddress(value));
    }

    /** The six bytes, most significant first. */
    public byte[] bytes() {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (value >>> (8 * (LENGTH - 1 - i)));
        }
        return bytes;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(17);
        byte[] bytes = bytes();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(HexFormat.of().toHexDigits(bytes[i]));
        }
        return text.toString();
    }
}
