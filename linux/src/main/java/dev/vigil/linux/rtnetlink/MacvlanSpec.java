package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.packet.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A macvlan interface to create: {@code ip link add link PARENT name NAME address MAC
 * [group G] type macvlan mode MODE}.
 *
 * @param name        the new interface's name (1..15 bytes)
 * @param parentIndex the index of the interface it sits on
 * @param mac         its hardware address
 * @param mode        its macvlan mode
 * @param group       its interface group (IFLA_GROUP); empty leaves the kernel's default 0
 */
public record MacvlanSpec(String name, int parentIndex, MacAddress mac, MacvlanMode mode, Optional<Integer> group) {

    /** IFNAMSIZ less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    public MacvlanSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(group, "group");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.contains("/") || name.isBlank()) {
            throw new IllegalArgumentException("interface name '" + name + "' must be 1.." + MAX_NAME_LENGTH
                    + " characters without '/' or blanks");
        }
        if (parentIndex <= 0) {
            throw new IllegalArgumentException("parent interface index " + parentIndex + " must be positive");
        }
    }
}
