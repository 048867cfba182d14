package dev.vigil.healthcheck;

import java.util.Objects;
import java.util.Optional;

/**
 * What UDP_CHECK expects back (check_udp.c).
 *
 * <ul>
 *   <li>Not {@code required}: silence until the timeout is success; only an ICMP error
 *       fails.</li>
 *   <li>{@code required} without a pattern: any reply is success, silence is failure.</li>
 *   <li>{@code required} with a pattern: the reply length must lie in
 *       [minLength, maxLength] and its first octets must match the pattern. keepalived applies
 *       the length limits only when a pattern is given, and so does Vigil.</li>
 * </ul>
 *
 * @param minLength {@code min_reply_length}, default 0
 * @param maxLength {@code max_reply_length}, default 255
 */
public record UdpReplyRule(boolean required, Optional<HexPattern> pattern, int minLength,
                           int maxLength) {

    /** keepalived's default max_reply_length (UINT8_MAX in check_udp.c). */
    public static final int DEFAULT_MAX_LENGTH = 255;
    /** The largest length keepalived accepts for the limits (UINT16_MAX). */
    public static final int LENGTH_LIMIT = 65535;

    public UdpReplyRule {
        Objects.requireNonNull(pattern, "pattern");
        if (minLength < 0 || maxLength < 0 || minLength > LENGTH_LIMIT || maxLength > LENGTH_LIMIT) {
            throw new IllegalArgumentException("reply lengths must be within 0.." + LENGTH_LIMIT);
        }
        if (pattern.isPresent() && !required) {
            throw new IllegalArgumentException("a reply pattern implies require_reply");
        }
    }

    /** No reply needed (keepalived's default). */
    public static UdpReplyRule none() {
        return new UdpReplyRule(false, Optional.empty(), 0, DEFAULT_MAX_LENGTH);
    }

    /** Some reply needed, any content. */
    public static UdpReplyRule anyReply() {
        return new UdpReplyRule(true, Optional.empty(), 0, DEFAULT_MAX_LENGTH);
    }

    /** A reply matching {@code pattern}, with the default length limits. */
    public static UdpReplyRule matching(HexPattern pattern) {
        return new UdpReplyRule(true, Optional.of(pattern), 0, DEFAULT_MAX_LENGTH);
    }

    public UdpReplyRule withLengths(int min, int max) {
        return new UdpReplyRule(required, pattern, min, max);
    }

    /** Judges a received datagram; the reason is empty when it is acceptable. */
    public Optional<String> judge(byte[] reply, int length) {
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        if (length < minLength || length > maxLength) {
            return Optional.of("reply length " + length + " outside " + minLength + ".." + maxLength);
        }
        return pattern.get().matchesPrefix(reply, length) ? Optional.empty()
                : Optional.of("reply data mismatch");
    }
}
