package dev.vigil.linux;

import dev.vigil.linux.internal.Libc;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether this JVM can make Vigil's native calls: Linux, the FFM linker reaching libc, and
 * native access allowed. Probed once with real calls (eventfd(2) then close(2)), the same
 * way Netty's {@code Epoll.isAvailable()} works.
 *
 * <p>{@code -Dvigil.native.disable=true} makes the probe report unavailable without
 * touching native code, so the daemon can be run in userspace-only mode and tests can
 * exercise the unavailable path. The property is read when the probe first runs.
 */
public final class LinuxNative {

    /** System property that turns native access off. */
    public static final String DISABLE_PROPERTY = "vigil.native.disable";

    private LinuxNative() {
    }

    /** Holds the probe result; class initialisation runs the probe once, thread-safely. */
    private static final class Probe {
        private static final Optional<String> CAUSE = probe(System.getProperties());
    }

    /** True when native calls work here. */
    public static boolean isAvailable() {
        return Probe.CAUSE.isEmpty();
    }

    /** Why native calls do not work here, or empty when they do. */
    public static Optional<String> unavailabilityCause() {
        return Probe.CAUSE;
    }

    /**
     * Throws unless native calls work here.
     *
     * @param operation what the caller was about to do, for the message
     */
    public static void ensureAvailable(String operation) throws NativeException {
        if (Probe.CAUSE.isPresent()) {
            throw new NativeException(operation, Errno.ENOSYS.code(), null,
                    "native access unavailable: " + Probe.CAUSE.get());
        }
    }

    /** Runs the probe against the given system properties; empty means available. */
    static Optional<String> probe(Properties properties) {
        if (Boolean.parseBoolean(properties.getProperty(DISABLE_PROPERTY, "false"))) {
            return Optional.of("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        String os = properties.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("not Linux (os.name=" + os + ")");
        }
        try {
            int fd = Libc.eventfd(0, 0x80000);
            Libc.close(fd);
            return Optional.empty();
        } catch (NativeException e) {
            return Optional.of("probe call failed: " + e.getMessage());
        } catch (IllegalCallerException e) {
            return Optional.of("native access not enabled (run java with --enable-native-access=ALL-UNNAMED): "
                    + e.getMessage());
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("cannot link libc through FFM: " + e);
        }
    }
}
