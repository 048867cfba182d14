package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import java.util.Optional;

/** One line of a {@code virtual_server_group}: an address range with an optional port, or a firewall mark. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = VsgEntry.AddressRange.class, name = "range"),
        @JsonSubTypes.Type(value = VsgEntry.Fwmark.class, name = "fwmark")})
public sealed interface VsgEntry {

    /**
     * {@code ADDR [PORT]}, {@code a.b.c.d-e [PORT]}, {@code x::y-z [PORT]} or {@code ADDR/LEN [PORT]}:
     * every address from {@code first} to {@code last} inclusive (equal for a single address).
     */
    record AddressRange(IpAddress first, IpAddress last, Optional<Integer> port) implements VsgEntry {
        public AddressRange {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }
    }

    /** {@code fwmark N [inet|inet6]}. */
    record Fwmark(long mark, Optional<AddressFamily> family) implements VsgEntry {
    }
}
