package dev.vigil.conf.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import java.util.Optional;

/** What a {@code virtual_server} line names: {@code IP [PORT]}, {@code fwmark N} or {@code group NAME}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServiceKey.Address.class, name = "address"),
        @JsonSubTypes.Type(value = ServiceKey.Fwmark.class, name = "fwmark"),
        @JsonSubTypes.Type(value = ServiceKey.Group.class, name = "group")})
public sealed interface ServiceKey {

    /** {@code virtual_server IP [PORT]}; no port means port 0 (all ports, with persistence). */
    record Address(IpAddress address, Optional<Integer> port) implements ServiceKey {
        public Address {
            Objects.requireNonNull(address, "address");
        }
    }

    /** {@code virtual_server fwmark N}. */
    record Fwmark(long mark) implements ServiceKey {
    }

    /** {@code virtual_server group NAME}. */
    record Group(String name) implements ServiceKey {
        public Group {
            Objects.requireNonNull(name, "name");
        }
    }
}
