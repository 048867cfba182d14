package dev.vigil.conf.model;

/** {@code protocol TCP|UDP|SCTP} of a virtual server (TCP by default). */
public enum Protocol {
    TCP, UDP, SCTP
}
