package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** An HTTP status code or an inclusive range of them ({@code 200}, {@code 200-299}), as in {@code status_code}. */
public record StatusCodeRange(int first, int last) {

    /** RFC 9110 section 15: status codes are three digits, 100..599. */
    public static final int MIN_STATUS = 100;
    public static final int MAX_STATUS = 599;

    public StatusCodeRange {
        if (first < MIN_STATUS || last > MAX_STATUS || first > last) {
            throw new IllegalArgumentException("bad status range " + first + "-" + last);
        }
    }

    /** keepalived's default when a url has no {@code status_code}: any 2xx. */
    public static StatusCodeRange success() {
        return new StatusCodeRange(200, 299);
    }

    public static Optional<StatusCodeRange> parse(String text) {
        int dash = text.indexOf('-');
        try {
            int first = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(text.substring(dash + 1));
            if (first < MIN_STATUS || last > MAX_STATUS || first > last) {
                return Optional.empty();
            }
            return Optional.of(new StatusCodeRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @JsonCreator
    public static StatusCodeRange of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a status code range: " + text));
    }

    public boolean contains(int status) {
        return status >= first && status <= last;
    }

    @JsonValue
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
