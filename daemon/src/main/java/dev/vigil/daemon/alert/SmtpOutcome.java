package dev.vigil.daemon.alert;

/**
 * How one delivery attempt ended. Everything except {@link Delivered} is a failure;
 * {@link #retryable()} says whether another attempt may succeed.
 */
public sealed interface SmtpOutcome {

    /** True when trying again later may succeed. */
    boolean retryable();

    /** The server accepted the message (250 after the DATA block). */
    record Delivered() implements SmtpOutcome {
        @Override
        public boolean retryable() {
            return false;
        }
    }

    /**
     * The server answered {@code stage} with an unexpected code ({@code code} is -1 when the reply
     * had none). A 5xx code is permanent (RFC 5321 section 4.2.1) and not retried.
     */
    record Rejected(SmtpStage stage, int code, String reply) implements SmtpOutcome {
        /** RFC 5321 section 4.2.1: 5yz is a permanent negative completion reply. */
        private static final int PERMANENT_FAILURE_CLASS = 5;

        @Override
        public boolean retryable() {
            return code / 100 != PERMANENT_FAILURE_CLASS;
        }
    }

    /** No reply (or no connection, at {@link SmtpStage#CONNECT}) within {@code smtp_connect_timeout}. */
    record TimedOut(SmtpStage stage) implements SmtpOutcome {
        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The connection could not be made, broke, or the TLS handshake failed. */
    record ConnectionFailed(SmtpStage stage, String cause) implements SmtpOutcome {
        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** A reply line longer than keepalived's 1024-byte buffer. */
    record ReplyTooLong(SmtpStage stage) implements SmtpOutcome {
        @Override
        public boolean retryable() {
            return true;
        }
    }
}
