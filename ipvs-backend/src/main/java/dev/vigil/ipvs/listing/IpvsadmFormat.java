package dev.vigil.ipvs.listing;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.VirtualTable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Text identical to ipvsadm 1.31 with {@code -n}: {@code -L}, {@code -L --stats},
 * {@code --rate}, {@code --thresholds}, {@code --persistent-conn}, {@code --exact},
 * {@code -S} and {@code -L -c}; checked byte for byte against real ipvsadm output (see the
 * golden tests). Every line ends with "\n"; destination lines keep ipvsadm's trailing pad.
 *
 * <p>The first line comes from {@link IpvsInfo}: the kernel's GET_INFO answer for the kernel
 * backend, {@link IpvsInfo#DEFAULT} (1.2.1, size=4096, what stock kernels report) for the
 * userspace one.
 *
 * <p>Deliberate deviation: ipvsadm 1.31 parses destination STATS64 with its 32-bit parser
 * and so shows only the low 32 bits of destination counters; Vigil prints the full values.
 * Names of addresses and ports are never resolved (always {@code -n}).
 */
public final class IpvsadmFormat {

    private static final String HEADER_TITLE = "Prot LocalAddress:Port";

    private IpvsadmFormat() {
    }

    /** {@code ipvsadm -L -n} (format PLAIN) and its column variants; {@code exact} = --exact. */
    public static String list(IpvsInfo info, VirtualTable table, ListFormat format, boolean exact) {
        StringBuilder out = new StringBuilder(256);
        out.append("IP Virtual Server version ").append(info.versionText())
                .append(" (size=").append(info.connTableSize()).append(")\n");
        out.append(title(format));
        for (ServiceEntry s : IpvsadmOrder.services(table.services())) {
            out.append(serviceLine(s, format, exact)).append('\n');
            for (DestinationEntry d : IpvsadmOrder.destinations(s.destinations())) {
                out.append(destinationLine(d, format, exact)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -L -n}. */
    public static String list(IpvsInfo info, VirtualTable table) {
        return list(info, table, ListFormat.PLAIN, false);
    }

    /** {@code ipvsadm -S -n}: rules that {@code ipvsadm -R} restores (thresholds are not saved). */
    public static String save(VirtualTable table) {
        StringBuilder out = new StringBuilder(256);
        for (ServiceEntry s : IpvsadmOrder.services(table.services())) {
            String name = ruleName(s.key());
            out.append(saveService(name, s.service())).append('\n');
            for (DestinationEntry d : IpvsadmOrder.destinations(s.destinations())) {
                out.append("-a ").append(name).append(" -r ").append(addressPort(d.destination().address(),
                        d.destination().port())).append(' ').append(d.destination().forward().saveSwitch())
                        .append(" -w ").append(d.destination().weight());
                if (d.destination().forward() == ForwardMethod.TUNNEL) {
                    out.append(" --tun-type ipip");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -L -n -c} from the rows of /proc/net/ip_vs_conn, in that order. */
    public static String connections(List<ConnectionRow> rows, boolean persistentConn) {
        StringBuilder out = new StringBuilder("IPVS connection entries\n");
        if (persistentConn) {
            out.append(String.format("pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
                    "state", "source", "virtual", "destination", "pe name", "pe_data"));
        } else {
            out.append(String.format("pro expire %-11s %-18s %-18s %s\n", "state", "source", "virtual", "destination"));
        }
        for (ConnectionRow r : rows) {
            String expire = String.format("%02d:%02d", r.expiresSeconds() / 60, r.expiresSeconds() % 60);
            String c = addressPort(r.client(), r.clientPort());
            String v = addressPort(r.virtualAddress(), r.virtualPort());
            String d = addressPort(r.destination(), r.destinationPort());
            if (persistentConn && r.peName().isPresent() && r.peData().isPresent()) {
                out.append(String.format("%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n", r.protocol(), expire,
                        r.state(), c, v, d, r.peName().get(), r.peData().get()));
            } else {
                out.append(String.format("%-3s %-6s %-11s %-18s %-18s %s\n", r.protocol(), expire, r.state(), c, v, d));
            }
        }
        return out.toString();
    }

    /** {@code ipvsadm -L --timeout}: the TCP (ESTABLISHED), TCP FIN_WAIT and UDP timeouts. */
    public static String timeouts(int tcpSeconds, int tcpFinSeconds, int udpSeconds) {
        return "Timeout (tcp tcpfin udp): " + tcpSeconds + " " + tcpFinSeconds + " " + udpSeconds + "\n";
    }

    private static String title(ListFormat format) {
        return switch (format) {
            case PLAIN -> HEADER_TITLE + " Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
            case STATS -> String.format("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
                    HEADER_TITLE, "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
            case RATE -> String.format("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
                    HEADER_TITLE, "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
            case THRESHOLDS -> String.format("%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
                    HEADER_TITLE, "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
            case PERSISTENT_CONN -> String.format("%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
                    HEADER_TITLE, "Weight", "PersistConn", "ActiveConn", "InActConn");
        };
    }

    private static String serviceLine(ServiceEntry s, ListFormat format, boolean exact) {
        String name = listName(s.key());
        Stats st = s.stats();
        return switch (format) {
            case STATS -> String.format("%-33s", name) + Numbers.large(st.connections(), exact)
                    + Numbers.large(st.inPackets(), exact) + Numbers.large(st.outPackets(), exact)
                    + Numbers.large(st.inBytes(), exact) + Numbers.large(st.outBytes(), exact);
            case RATE -> String.format("%-33s", name) + Numbers.large(st.cps(), exact)
                    + Numbers.large(st.inPps(), exact) + Numbers.large(st.outPps(), exact)
                    + Numbers.large(st.inBps(), exact) + Numbers.large(st.outBps(), exact);
            default -> name + " " + describe(s.service());
        };
    }

    /** "sched [(flags)] [persistent T [mask M] [pe P]] [ops]". */
    private static String describe(VirtualService vs) {
        StringBuilder out = new StringBuilder(vs.scheduler());
        if (!vs.schedulerFlags().isEmpty()) {
            out.append(" (").append(flagNames(vs)).append(')');
        }
        if (vs.persistence().isPresent()) {
            Persistence p = vs.persistence().get();
            out.append(" persistent ").append(Integer.toUnsignedString(p.timeoutSeconds()));
            maskText(vs.key(), p).ifPresent(m -> out.append(" mask ").append(m));
            vs.persistenceEngine().ifPresent(pe -> out.append(" pe ").append(pe));
        }
        if (vs.onePacket()) {
            out.append(" ops");
        }
        return out.toString();
    }

    private static String saveService(String name, VirtualService vs) {
        StringBuilder out = new StringBuilder("-A ").append(name).append(" -s ").append(vs.scheduler());
        if (vs.persistence().isPresent()) {
            Persistence p = vs.persistence().get();
            out.append(" -p ").append(Integer.toUnsignedString(p.timeoutSeconds()));
            maskText(vs.key(), p).ifPresent(m -> out.append(" -M ").append(m));
        }
        vs.persistenceEngine().ifPresent(pe -> out.append(" --pe ").append(pe));
        if (vs.onePacket()) {
            out.append(" -o");
        }
        if (!vs.schedulerFlags().isEmpty()) {
            out.append(" -b ").append(flagNames(vs));
        }
        return out.toString();
    }

    /** Dotted mask for IPv4 unless /32, prefix length for IPv6 unless /128, else nothing. */
    private static Optional<String> maskText(ServiceKey key, Persistence p) {
        int bits = key.family().bits();
        if (p.prefixLength() == bits) {
            return Optional.empty();
        }
        if (bits == 32) {
            return Optional.of(IpAddress.ipv4(-1).masked(p.prefixLength()).toString());
        }
        return Optional.of(Integer.toString(p.prefixLength()));
    }

    private static String flagNames(VirtualService vs) {
        // print_sched_flags walks SCHED1, SCHED2, SCHED3 in that order (the enum order)
        return vs.schedulerFlags().stream().sorted()
                .map(f -> f.nameFor(vs.scheduler()))
                .collect(Collectors.joining(","));
    }

    private static String destinationLine(DestinationEntry e, ListFormat format, boolean exact) {
        String name = addressPort(e.destination().address(), e.destination().port());
        Stats st = e.stats();
        return switch (format) {
            case PLAIN -> String.format("  -> %-28s %-7s %-6d %-10s %-10s", name, e.destination().forward().listName(),
                    e.destination().weight(), Integer.toUnsignedString(e.activeConnections()),
                    Integer.toUnsignedString(e.inactiveConnections()));
            case STATS -> String.format("  -> %-28s", name) + Numbers.large(st.connections(), exact)
                    + Numbers.large(st.inPackets(), exact) + Numbers.large(st.outPackets(), exact)
                    + Numbers.large(st.inBytes(), exact) + Numbers.large(st.outBytes(), exact);
            case RATE -> String.format("  -> %-28s %8s %8s %8s", name, Long.toUnsignedString(st.cps()),
                    Long.toUnsignedString(st.inPps()), Long.toUnsignedString(st.outPps()))
                    + Numbers.large(st.inBps(), exact) + Numbers.large(st.outBps(), exact);
            case THRESHOLDS -> String.format("  -> %-28s %-10s %-10s %-10s %-10s", name,
                    Integer.toUnsignedString(e.destination().upperThreshold()),
                    Integer.toUnsignedString(e.destination().lowerThreshold()),
                    Integer.toUnsignedString(e.activeConnections()), Integer.toUnsignedString(e.inactiveConnections()));
            case PERSISTENT_CONN -> String.format("  -> %-28s %-9s %-11s %-10s %-10s", name,
                    Integer.toUnsignedString(e.destination().weight()),
                    Integer.toUnsignedString(e.persistentConnections()),
                    Integer.toUnsignedString(e.activeConnections()), Integer.toUnsignedString(e.inactiveConnections()));
        };
    }

    /** List-mode service name: {@code "%-4s %s"} or {@code "FWM  %u"} (+ " IPv6"). */
    static String listName(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Inet i -> String.format("%-4s %s", i.protocol().label(), addressPort(i.address(), i.port()));
            case ServiceKey.Fwmark f -> "FWM  " + Integer.toUnsignedString(f.mark())
                    + (f.family() == AddressFamily.INET6 ? " IPv6" : "");
        };
    }

    /** Rule-mode service name: {@code "-t|-u|--sctp-service a:p"} or {@code "-f %u [-6]"}. */
    static String ruleName(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Inet i -> i.protocol().option() + " " + addressPort(i.address(), i.port());
            case ServiceKey.Fwmark f -> "-f " + Integer.toUnsignedString(f.mark())
                    + (f.family() == AddressFamily.INET6 ? " -6" : "");
        };
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port} (addrport_to_anyname with -n). */
    static String addressPort(IpAddress address, int port) {
        return address.isIpv4() ? address + ":" + port : "[" + address + "]:" + port;
    }
}
