package dev.vigil.ipvs.listing;

/** ipvsadm's {@code print_largenum}: 9 columns, scaled with K/M/G/T past 10^8. */
final class Numbers {

    /** Thresholds of print_largenum: 10^8, 10^9, 10^11, 10^14. */
    private static final long HUNDRED_MILLION = 100_000_000L;
    private static final long BILLION = 1_000_000_000L;
    private static final long HUNDRED_BILLION = 100_000_000_000L;
    private static final long HUNDRED_TRILLION = 100_000_000_000_000L;

    private Numbers() {
    }

    static String large(long value, boolean exact) {
        String digits = Long.toUnsignedString(value);
        if (exact) {
            int width = digits.length() <= 8 ? 9 : digits.length() + 1;
            return pad(digits, width);
        }
        if (Long.compareUnsigned(value, HUNDRED_MILLION) < 0) {
            return pad(digits, 9);
        }
        if (Long.compareUnsigned(value, BILLION) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1000)), 8) + "K";
        }
        if (Long.compareUnsigned(value, HUNDRED_BILLION) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000)), 8) + "M";
        }
        if (Long.compareUnsigned(value, HUNDRED_TRILLION) < 0) {
            return pad(Long.toUnsignedString(Long.divideUnsigned(value, BILLION)), 8) + "G";
        }
        return pad(Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000_000L)), 8) + "T";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
