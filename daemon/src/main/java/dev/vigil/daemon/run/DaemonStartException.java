package dev.vigil.daemon.run;

/**
 * The daemon could not start; {@link #exitCode()} is what the program exits with and the
 * message is one line for the operator. Exit codes follow keepalived's where it has one:
 * {@value Daemon#EXIT_CONFIG} the configuration cannot run, {@value Daemon#EXIT_SUBSYSTEM} a
 * subsystem could not be initialised (missing capability, no IPVS backend), otherwise
 * {@value Daemon#EXIT_FAILURE}.
 */
public final class DaemonStartException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public DaemonStartException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DaemonStartException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
