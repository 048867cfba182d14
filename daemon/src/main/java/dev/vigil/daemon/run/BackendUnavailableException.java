package dev.vigil.daemon.run;

/**
 * The IPVS backend asked for with {@code --backend} cannot be used: not built in, or the
 * environment lacks what it needs (no IPVS module, no CAP_NET_ADMIN). The message is one line
 * for the operator.
 */
public final class BackendUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
