package dev.vigil.healthcheck;

import java.util.Locale;
import java.util.Optional;

/** The query types DNS_CHECK accepts (check_dns.c {@code DNS_TYPE[]}), with their RFC 1035/3596/4034 codes. */
public enum DnsType {
    A(1), NS(2), CNAME(5), SOA(6), MX(15), TXT(16), AAAA(28), RRSIG(46), DNSKEY(48);

    private final int code;

    DnsType(int code) {
        this.code = code;
    }

    /** The QTYPE value on the wire. */
    public int code() {
        return code;
    }

    /** Looks a type up by its keyword, case-insensitively as keepalived does (strcasecmp). */
    public static Optional<DnsType> parse(String keyword) {
        for (DnsType type : values()) {
            if (type.name().equals(keyword.toUpperCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
