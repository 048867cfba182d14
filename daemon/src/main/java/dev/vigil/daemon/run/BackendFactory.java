package dev.vigil.daemon.run;

import dev.vigil.ipvs.IpvsBackend;
import java.util.Optional;

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

    /**
     * The backend for {@code choice}, its kernel table in another network namespace when
     * {@code ipvsNamespace} names one ({@code net_namespace_ipvs}: an {@code ip netns} name, ""
     * for the host's own). This default has no such support and refuses a namespace.
     *
     * @throws BackendUnavailableException when it cannot be opened; the message names the choice
     */
    default IpvsBackend open(BackendChoice choice, Optional<String> ipvsNamespace) throws BackendUnavailableException {
        if (ipvsNamespace.isPresent()) {
            throw new BackendUnavailableException("--backend " + choice.optionValue()
                    + ": net_namespace_ipvs is not available in this build");
        }
        return open(choice);
    }

    /** A factory for a build without backends: every choice fails with a clear message. */
    static BackendFactory unavailable() {
        return choice -> {
            throw new BackendUnavailableException("--backend " + choice.optionValue()
                    + " is not available in this build");
        };
    }
}
