package dev.vigil.daemon.alert;

import java.util.Objects;

/**
 * The subject and one-line body of an alert mail, already cut to keepalived's limits: at most
 * {@value #MAX_SUBJECT_BYTES} bytes of subject and {@value #MAX_BODY_BYTES} bytes of body
 * (smtp.h: {@code MAX_HEADERS_LENGTH} 256 and {@code MAX_BODY_LENGTH} 512, each including the
 * C string's terminating NUL).
 */
public record MailMessage(String subject, String body) {

    /** {@code MAX_HEADERS_LENGTH} (256) minus the NUL. */
    public static final int MAX_SUBJECT_BYTES = 255;
    /** {@code MAX_BODY_LENGTH} (512) minus the NUL. */
    public static final int MAX_BODY_BYTES = 511;

    /** Cuts {@code subject} and {@code body} to keepalived's limits. */
    public MailMessage {
        subject = Texts.truncateUtf8(Objects.requireNonNull(subject, "subject"), MAX_SUBJECT_BYTES);
        body = Texts.truncateUtf8(Objects.requireNonNull(body, "body"), MAX_BODY_BYTES);
    }
}
