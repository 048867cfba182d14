package dev.vigil.vrrp.scenario;

import java.math.BigDecimal;

/** Scenario times: {@code 0}, {@code 3.609375s}, {@code 250ms}, {@code 100us}, {@code 5ns}. */
final class TimeText {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private TimeText() {
    }

    /** Parses a duration into nanoseconds; it must be a whole number of nanoseconds. */
    static long parse(String text) {
        if (text.equals("0")) {
            return 0;
        }
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] unit : units) {
            if (text.endsWith(unit[0])) {
                BigDecimal number = new BigDecimal(text.substring(0, text.length() - unit[0].length()));
                return number.multiply(new BigDecimal(unit[1])).longValueExact();
            }
        }
        throw new IllegalArgumentException("time needs a unit (s, ms, us, ns): " + text);
    }

    /** Canonical form used when rendering effects: seconds, no trailing zeros ({@code 3.609375s}, {@code 5s}). */
    static String format(long nanos) {
        BigDecimal seconds = BigDecimal.valueOf(nanos).divide(NANOS_PER_SECOND).stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }
}
