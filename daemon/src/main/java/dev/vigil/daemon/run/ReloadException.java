package dev.vigil.daemon.run;

/** An engine refused a reload; the message says what runs unchanged. */
final class ReloadException extends Exception {

    ReloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
