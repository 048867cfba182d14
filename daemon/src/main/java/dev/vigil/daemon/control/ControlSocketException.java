package dev.vigil.daemon.control;

import java.nio.file.Path;

/** The control socket could not be set up; {@link #kind()} says why, {@link #socket()} where. */
public final class ControlSocketException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the control socket could not be created. */
    public enum Kind {
        /** Another daemon answers on the socket: two daemons must not share one control socket. */
        ALREADY_RUNNING,
        /** Something other than a socket exists at the path; it is never removed. */
        NOT_A_SOCKET,
        /** Creating the directory, binding or setting permissions failed. */
        IO
    }

    private final Kind kind;
    private final transient Path socket;

    public ControlSocketException(Kind kind, Path socket, String message, Throwable cause) {
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
}
