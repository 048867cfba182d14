package dev.vigil.conf.model;

/** The two address families keepalived configures: keywords {@code inet} and {@code inet6}. */
public enum AddressFamily {
    INET,
    INET6
}
