package dev.vigil.ipvs.listing;

import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order ipvsadm 1.31 prints services and destinations in: {@code qsort()} with
 * {@code ipvs_cmp_services} / {@code ipvs_cmp_dests} (libipvs.c), as glibc 2.36 runs it —
 * a top-down merge sort ({@code msort_with_tmp}: halves of n/2 and n − n/2, the left element
 * wins when the comparator says ≤ 0).
 *
 * <p>The comparators subtract unsigned 32-bit values and read the difference as a signed
 * int, so two addresses 2^31 or more apart compare "backwards" (10.1.1.1 sorts after
 * 200.1.1.1) and the result depends on the input order. Replaying the same comparator and
 * the same merge sort over the same input reproduces ipvsadm byte for byte (checked against
 * ipvsadm 1.31 on Debian 12); destinations arrive in kernel list order, services in the
 * order the caller passes (the kernel's own dump order is a hash order that depends on a
 * kernel pointer, so no userspace program can predict it).
 */
public final class IpvsadmOrder {

    private IpvsadmOrder() {
    }

    /** Services as ipvsadm sorts them, from {@code services} in dump order. */
    public static List<ServiceEntry> services(List<ServiceEntry> services) {
        return mergeSort(services, (a, b) -> compareServices(a.key(), b.key()));
    }

    /** Destinations as ipvsadm sorts them, from {@code destinations} in kernel list order. */
    public static List<DestinationEntry> destinations(List<DestinationEntry> destinations) {
        return mergeSort(destinations, (a, b) -> compareDestinations(a.destination().address(),
                a.destination().port(), b.destination().address(), b.destination().port()));
    }

    /** {@code ipvs_cmp_services}: fwmark, af, protocol, address words, port — by wrapping subtraction. */
    static int compareServices(ServiceKey a, ServiceKey b) {
        int r = mark(a) - mark(b);
        if (r != 0) {
            return r;
        }
        r = a.family().code() - b.family().code();
        if (r != 0) {
            return r;
        }
        r = protocol(a) - protocol(b);
        if (r != 0) {
            return r;
        }
        r = compareWords(address(a), address(b));
        if (r != 0) {
            return r;
        }
        return port(a) - port(b);
    }

    /** {@code ipvs_cmp_dests}: address words (as the first one's family), then port. */
    static int compareDestinations(IpAddress a, int aPort, IpAddress b, int bPort) {
        int r = compareWords(a, b);
        return r != 0 ? r : aPort - bPort;
    }

    private static int compareWords(IpAddress a, IpAddress b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.isIpv4()) {
            return a.ipv4Bits() - word(b, 0);
        }
        for (int i = 0; i < 4; i++) {
            int r = word(a, i) - word(b, i);
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    /** The i-th 32-bit word of {@code union nf_inet_addr} in host order (IPv4 = word 0). */
    private static int word(IpAddress a, int i) {
        if (a.isIpv4()) {
            return i == 0 ? a.ipv4Bits() : 0;
        }
        long half = i < 2 ? a.high() : a.low();
        return (int) (i % 2 == 0 ? half >>> 32 : half);
    }

    private static int mark(ServiceKey k) {
        return k instanceof ServiceKey.Fwmark f ? f.mark() : 0;
    }

    private static int protocol(ServiceKey k) {
        return k instanceof ServiceKey.Inet i ? i.protocol().number() : 0;
    }

    private static IpAddress address(ServiceKey k) {
        return k instanceof ServiceKey.Inet i ? i.address() : null;
    }

    private static int port(ServiceKey k) {
        return k instanceof ServiceKey.Inet i ? i.port() : 0;
    }

    /** glibc's msort_with_tmp over a copy of {@code input}. */
    static <T> List<T> mergeSort(List<T> input, Comparator<T> cmp) {
        List<T> items = new ArrayList<>(input);
        sort(items, 0, items.size(), cmp);
        return items;
    }

    private static <T> void sort(List<T> items, int from, int count, Comparator<T> cmp) {
        if (count <= 1) {
            return;
        }
        int n1 = count / 2;
        int n2 = count - n1;
        sort(items, from, n1, cmp);
        sort(items, from + n1, n2, cmp);
        List<T> merged = new ArrayList<>(count);
        int i = from;
        int j = from + n1;
        int leftEnd = from + n1;
        int rightEnd = from + count;
        while (i < leftEnd && j < rightEnd) {
            merged.add(cmp.compare(items.get(i), items.get(j)) <= 0 ? items.get(i++) : items.get(j++));
        }
        while (i < leftEnd) {
            merged.add(items.get(i++));
        }
        while (j < rightEnd) {
            merged.add(items.get(j++));
        }
        for (int k = 0; k < count; k++) {
            items.set(from + k, merged.get(k));
        }
    }
}
