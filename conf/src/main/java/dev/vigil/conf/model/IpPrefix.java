package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * An address with a prefix length, written {@code ADDRESS/LENGTH} (the length may be left
 * out on input, meaning a host prefix: /32 or /128).
 */
public record IpPrefix(IpAddress address, int length) {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + address.bits());
        }
    }

    /** A host prefix (/32 or /128). */
    public static IpPrefix host(IpAddress address) {
        return new IpPrefix(address, address.bits());
    }

    /** Parses {@code ADDRESS[/LENGTH]}; empty when either part is invalid. */
    public static Optional<IpPrefix> parse(String text) {
        int slash = text.indexOf('/');
        Optional<IpAddress> address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(host(address.get()));
        }
        String lengthText = text.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int length = Integer.parseInt(lengthText);
        return length > address.get().bits() ? Optional.empty() : Optional.of(new IpPrefix(address.get(), length));
    }

    @JsonCreator
    public static IpPrefix of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an address/prefix: " + text));
    }

    public AddressFamily family() {
        return address.family();
    }

    @JsonValue
    @Override
    public String toString() {
        return address + "/" + length;
    }
}
