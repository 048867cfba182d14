package dev.vigil.daemon.run;

import dev.vigil.ipvs.IpvsBackend;

/**
 * Opens the IPVS backend {@code --backend} names. The daemon calls it once at start, from the
 * starting thread, and only when the configuration has virtual servers. A backend that is also
 * {@link AutoCloseable} is closed when the daemon stops, after the health controller.
 *
 * <p>The backends live in the ipvs-backend module and are plugged in by the command line
 * ({@code VigilCommand}); {@link #unavailable()} is the factory of a build that has none.
 */
@FunctionalInterface
public interface BackendFactory {

    /**
     * The backend for {@code choice}.
     *
     * @throws BackendUnavailableException when it cannot be opened; the message names the choice
     */
    IpvsBackend open(BackendChoice choice) throws BackendUnavailableException;

    /** A factory for a build without backends: every choice fails with a clear message. */
    static BackendFactory unavailable() {
        return choice -> {
            throw new BackendUnavailableException("--backend " + choice.optionValue()
                    + " is not available in this build");
        };
    }
}
