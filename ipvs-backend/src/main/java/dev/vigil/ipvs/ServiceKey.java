package dev.vigil.ipvs;

import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a virtual service in IPVS: protocol + address + port, or a firewall mark
 * + address family (ip_vs_ctl.c looks services up by one or the other).
 */
public sealed interface ServiceKey permits ServiceKey.Inet, ServiceKey.Fwmark {

    AddressFamily family();

    /** Services keyed by protocol, virtual address and port (port 0 = all ports). */
    record Inet(Protocol protocol, IpAddress address, int port) implements ServiceKey {
        public Inet {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public AddressFamily family() {
            return address.family();
        }
    }

    /** Services keyed by a non-zero netfilter mark (ipvsadm -f), per address family. */
    record Fwmark(int mark, AddressFamily family) implements ServiceKey {
        public Fwmark {
            Objects.requireNonNull(family, "family");
            if (mark == 0) {
                throw new IllegalArgumentException("fwmark 0 does not name a service");
            }
        }
    }

    static Inet tcp(String address, int port) {
        return new Inet(Protocol.TCP, IpAddress.of(address), port);
    }

    static Inet udp(String address, int port) {
        return new Inet(Protocol.UDP, IpAddress.of(address), port);
    }

    /**
     * A total order for stable tables: address-keyed services first (fwmark 0 sorts first
     * in ipvsadm), then family, protocol, address, port; fwmark services by mark, family.
     * ipvsadm's own sort, with its unsigned-subtraction quirk, lives in the listing package.
     */
    Comparator<ServiceKey> ORDER = Comparator
            .comparingLong((ServiceKey k) -> k instanceof Fwmark f ? Integer.toUnsignedLong(f.mark()) : 0L)
            .thenComparing(ServiceKey::family)
            .thenComparingInt(k -> k instanceof Inet i ? i.protocol().number() : 0)
            .thenComparing(k -> k instanceof Inet i ? i.address() : null,
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(k -> k instanceof Inet i ? i.port() : 0);
}
