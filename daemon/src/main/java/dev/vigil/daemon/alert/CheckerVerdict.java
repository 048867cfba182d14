package dev.vigil.daemon.alert;

import java.util.Objects;

/**
 * A checker's conclusion, with what the mail body needs from it.
 *
 * @param type   the checker
 * @param status its conclusion; {@link CheckStatus#TIMED_OUT} is accepted only for MISC_CHECK
 * @param detail for SMTP_CHECK failures the reason keepalived appends after
 *               {@code "failed on service : "} (empty for none); for BFD_CHECK the name of the
 *               {@code bfd_instance}; empty otherwise
 */
public record CheckerVerdict(CheckerType type, CheckStatus status, String detail) {

    public CheckerVerdict {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status == CheckStatus.TIMED_OUT && type != CheckerType.MISC_CHECK) {
            throw new IllegalArgumentException("only MISC_CHECK reports a timeout, not " + type);
        }
    }

    /** A verdict without detail. */
    public static CheckerVerdict of(CheckerType type, CheckStatus status) {
        return new CheckerVerdict(type, status, "");
    }

    /** True when the checker found the service working. */
    public boolean succeeded() {
        return status == CheckStatus.SUCCEEDED;
    }
}
