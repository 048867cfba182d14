package dev.vigil.conf.model;

/** Query types DNS_CHECK can send ({@code check_dns.c}); SOA by default. */
public enum DnsQueryType {
    A, NS, CNAME, SOA, MX, TXT, AAAA, RRSIG, DNSKEY
}
