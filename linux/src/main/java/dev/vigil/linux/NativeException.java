package dev.vigil.linux;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed operating-system call: the operation, the errno it returned, and a one-line
 * message fit for an operator.
 *
 * <p>Checked on purpose: every native call can fail for reasons outside the program's
 * control (missing capability, interface gone, address taken), and the callers (VRRP
 * runtime, IPVS backend, daemon) must decide what each failure means for them rather
 * than let it unwind a thread. The message never needs a stack trace to be understood:
 * when the errno is EPERM or EACCES and the operation needs a capability, the message
 * ends with "(needs CAP_NET_RAW)" or similar.
 */
public class NativeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;
    private final Capability requiredCapability;

    /**
     * @param operation what was attempted, e.g. {@code "socket(AF_INET, SOCK_RAW, 112)"}
     * @param errno the positive errno the call reported
     * @param requiredCapability the capability the operation needs, or null if none
     */
    public NativeException(String operation, int errno, Capability requiredCapability) {
        this(operation, errno, requiredCapability, null);
    }

    /** Same as the three-argument form, with extra detail appended to the message. */
    public NativeException(String operation, int errno, Capability requiredCapability, String detail) {
        super(formatMessage(operation, errno, requiredCapability, detail));
        this.operation = Objects.requireNonNull(operation, "operation");
        this.errno = errno;
        this.requiredCapability = requiredCapability;
    }

    /** The operation that failed. */
    public String operation() {
        return operation;
    }

    /** The positive errno number. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. "EPERM" (or "errno 200" outside the table). */
    public String errnoName() {
        return Errno.nameOf(errno);
    }

    /** True when the errno is {@code e}. */
    public boolean is(Errno e) {
        return e.is(errno);
    }

    /** True when the failure is a permission failure (EPERM or EACCES). */
    public boolean isPermissionDenied() {
        return Errno.EPERM.is(errno) || Errno.EACCES.is(errno);
    }

    /**
     * The capability that is missing: present only when the call failed with EPERM or
     * EACCES and the operation is one that needs a capability.
     */
    public Optional<Capability> missingCapability() {
        return isPermissionDenied() ? Optional.ofNullable(requiredCapability) : Optional.empty();
    }

    static String formatMessage(String operation, int errno, Capability capability, String detail) {
        StringBuilder text = new StringBuilder(operation).append(": ").append(Errno.describe(errno));
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        boolean denied = Errno.EPERM.is(errno) || Errno.EACCES.is(errno);
        if (denied && capability != null) {
            text.append(" (needs ").append(capability.name()).append(')');
        }
        return text.toString();
    }
}
