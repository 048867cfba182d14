package dev.vigil.daemon.adapt;

/** Why a configured script is not run; {@link #label()} is the metric label. */
public enum RefusalReason {
    /** The program does not exist or cannot be accessed (keepalived disables it too). */
    NOT_FOUND("not_found"),
    /** The program has no execute permission. */
    NOT_EXECUTABLE("not_executable"),
    /** Run as root, and a non-root user could change it, with {@code enable_script_security}. */
    UNSAFE_PERMISSIONS("unsafe_permissions"),
    /** The account to run it as cannot be used (no script_user under script security, not root). */
    ACCOUNT("account");

    private final String label;

    RefusalReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
