package dev.vigil.daemon.control;

import java.nio.file.Path;

/** {@link ControlClient} could not get an answer; {@link #kind()} says why. */
public final class ControlClientException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why no answer came. */
    public enum Kind {
        /** The socket file does not exist: the daemon is not running, or uses another socket. */
        NO_SUCH_FILE,
        /** The file exists but nobody listens (a daemon that died without cleaning up). */
        REFUSED,
        /** The socket's permissions exclude this user (it is root-only). */
        PERMISSION_DENIED,
        /** The daemon did not answer within the client's timeout. */
        TIMEOUT,
        /** The connection broke or the answer was not a valid response. */
        PROTOCOL,
        /** Any other connect failure. */
        OTHER
    }

    private final Kind kind;
    private final transient Path socket;

    public ControlClientException(Kind kind, Path socket, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.socket = socket;
    }

    public Kind kind() {
        return kind;
    }

    public Path socket() {
        return socket;
    }

    /** Whether the failure happened before any daemon was reached. */
    public boolean beforeConnect() {
        return kind == Kind.NO_SUCH_FILE || kind == Kind.REFUSED || kind == Kind.PERMISSION_DENIED || kind == Kind.OTHER;
    }
}
