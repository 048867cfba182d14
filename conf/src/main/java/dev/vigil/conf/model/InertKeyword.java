package dev.vigil.conf.model;

import java.util.Objects;

/**
 * A keyword keepalived knows that Vigil accepts without acting on it (SNMP, DBus, nftables,
 * process tuning, ...). {@code where} is {@code file:line:col}; {@code block} is the block it
 * was found in, as named in the keyword tables.
 */
public record InertKeyword(String block, String keyword, String where) {
    public InertKeyword {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(where, "where");
    }
}
