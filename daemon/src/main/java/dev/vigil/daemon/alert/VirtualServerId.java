package dev.vigil.daemon.alert;

import java.util.Objects;

/**
 * How keepalived names a virtual server in alerts ({@code format_vs()}, check_data.c): a plain
 * service prints as {@code [ip]:proto:port}, a fwmark service as {@code FWM <n>}, and a service
 * built from a {@code virtual_server_group} as {@code [<group name>]:<port>}.
 */
public sealed interface VirtualServerId {

    /**
     * keepalived formats into a 512-byte buffer but passes 511 as its size, so at most 510 bytes
     * come out; only a very long group name can reach that.
     */
    int MAX_TEXT_BYTES = 510;

    /** keepalived's text for this virtual server. */
    String text();

    /** {@code virtual_server IP PORT}. */
    record Service(Endpoint endpoint) implements VirtualServerId {
        public Service {
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public String text() {
            return endpoint.text();
        }
    }

    /** {@code virtual_server fwmark N}; keepalived prints the mark unsigned. */
    record Fwmark(long mark) implements VirtualServerId {
        /** A firewall mark is a 32-bit unsigned value. */
        private static final long MAX_MARK = 0xffff_ffffL;

        public Fwmark {
            if (mark < 0 || mark > MAX_MARK) {
                throw new IllegalArgumentException("fwmark out of range: " + mark);
            }
        }

        @Override
        public String text() {
            return "FWM " + mark;
        }
    }

    /** {@code virtual_server group NAME}, printed with the service's port. */
    record Group(String name, int port) implements VirtualServerId {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return Texts.truncateUtf8("[" + name + "]:" + port, MAX_TEXT_BYTES);
        }
    }
}
