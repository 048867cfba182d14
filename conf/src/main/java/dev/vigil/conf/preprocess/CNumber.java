package dev.vigil.conf.preprocess;

/**
 * A number read the way C's {@code strtol(text, &end, 0)} reads it, which keepalived uses for
 * {@code ~SEQ} arguments: leading white space, an optional sign, then {@code 0x}/{@code 0X}
 * and hex digits, or {@code 0} and octal digits, or decimal digits. When there are no digits
 * the value is 0 and {@code end} is where reading started. Out-of-range values saturate at
 * {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}, as strtol does.
 *
 * @param value the number read
 * @param end the index just after the last character used
 */
record CNumber(long value, int end) {

    private static final int HEX = 16;
    private static final int OCTAL = 8;
    private static final int DECIMAL = 10;

    static CNumber strtol(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = DECIMAL;
        if (i + 2 < text.length() && text.charAt(i) == '0'
                && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && digit(text.charAt(i + 2), HEX) >= 0) {
            radix = HEX;
            i += 2;
        } else if (i < text.length() && text.charAt(i) == '0') {
            radix = OCTAL;
        }
        int digitsStart = i;
        long magnitude = 0;
        boolean saturated = false;
        while (i < text.length() && digit(text.charAt(i), radix) >= 0) {
            int d = digit(text.charAt(i), radix);
            if (magnitude > (Long.MAX_VALUE - d) / radix) {
                saturated = true;
            } else {
                magnitude = magnitude * radix + d;
            }
            i++;
        }
        if (i == digitsStart) {
            return new CNumber(0, from);
        }
        if (saturated) {
            return new CNumber(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i);
        }
        return new CNumber(negative ? -magnitude : magnitude, i);
    }

    private static int digit(char c, int radix) {
        if (c > 0x7f) {
            return -1;
        }
        return Character.digit(c, radix);
    }
}
