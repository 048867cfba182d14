package dev.vigil.common.time;

/**
 * A monotonic nanosecond clock. Pure code takes a {@code Ticker} (or a {@code nowNanos}
 * argument) instead of reading {@link System#nanoTime()}, so tests can drive time.
 *
 * <p>Values are only meaningful as differences between two readings of the same ticker.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds since an arbitrary, fixed origin; never decreases. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
