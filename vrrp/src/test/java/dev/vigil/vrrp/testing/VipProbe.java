package dev.vigil.vrrp.testing;

import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks at the addresses of an interface in a namespace with {@code ip -n NS addr show dev IF},
 * the way an operator would, and times how long an address takes to appear or go.
 */
public final class VipProbe {

    /** Between two looks: fine enough for a ±20 ms reading, coarse enough not to load the machine. */
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private VipProbe() {
    }

    /** Whether {@code address} (without prefix) is on {@code interfaceName} in {@code namespace}. */
    public static boolean present(String namespace, String interfaceName, String address) {
        try {
            NetnsLab.Result result = NetnsLab.run(List.of("ip", "-n", namespace, "-o", "addr", "show", "dev",
                    interfaceName));
            return result.stdout().contains(" " + address + "/");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until the address is present ({@code wanted} true) or absent; returns the
     * nanoTime at which that was first seen.
     *
     * @throws AssertionError when it does not happen within {@code timeout}
     */
    public static long await(String namespace, String interfaceName, String address, boolean wanted,
                             Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (present(namespace, interfaceName, address) == wanted) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new AssertionError(address + (wanted ? " did not appear on " : " did not leave ") + interfaceName
                + " in " + namespace + " within " + timeout);
    }
}
