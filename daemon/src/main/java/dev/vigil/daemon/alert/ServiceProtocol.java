package dev.vigil.daemon.alert;

/**
 * The transport protocol of a virtual service, spelt as keepalived spells it inside
 * {@code [ip]:proto:port} (lib/utils.c, {@code inet_sockaddrtotrio_r}: tcp, udp, sctp, and
 * "none" for a service without a protocol, as a fwmark service has).
 */
public enum ServiceProtocol {
    TCP("tcp"),
    UDP("udp"),
    SCTP("sctp"),
    NONE("none");

    private final String text;

    ServiceProtocol(String text) {
        this.text = text;
    }

    /** The lower-case word keepalived prints. */
    public String text() {
        return text;
    }
}
