package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsInfo;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.SchedulerFlag;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.Stats;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.NetlinkAttribute;
import dev.vigil.linux.netlink.NetlinkAttributes;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the kernel's IPVS replies: service, destination and sync-daemon dump messages
 * ({@code ip_vs_genl_fill_service} / {@code _dest} / {@code _daemon}), GET_INFO and GET_CONFIG.
 * Pure; a reply that lacks what libipvs requires ({@code ipvs_services_parse_cb},
 * {@code ipvs_dests_parse_cb}) is {@link Decoded.Malformed}, never an exception.
 *
 * <p>As libipvs does: service flags are {@code flags & mask} (the kernel sends mask ~0 and
 * sets the internal HASHED bit, which is ignored), 64-bit counters (STATS64) are preferred
 * to the 32-bit ones (STATS), for destinations too (ipvsadm 1.31 reads destination STATS64
 * with its 32-bit parser; Vigil keeps the full values). Persistence settings (TIMEOUT,
 * NETMASK) are only meaningful with IP_VS_SVC_F_PERSISTENT and are dropped without it.
 */
public final class IpvsReplies {

    /** IP_VS_SVC_F_PERSISTENT, IP_VS_SVC_F_ONEPACKET (uapi ip_vs.h). */
    private static final int PERSISTENT = VirtualService.Flags.PERSISTENT;
    private static final int ONEPACKET = VirtualService.Flags.ONEPACKET;

    private IpvsReplies() {
    }

    /** A service from a GET_SERVICE reply (a NEW_SERVICE message); its destination list is empty. */
    public static Decoded<ServiceEntry> service(GenlMessage reply) {
        return reply.attributes().nested(IpvsAttributes.CMD_SERVICE)
                .map(IpvsReplies::service)
                .orElseGet(() -> Decoded.malformed("reply has no IPVS_CMD_ATTR_SERVICE"));
    }

    /** A service from its attribute nest. */
    public static Decoded<ServiceEntry> service(NetlinkAttributes a) {
        Optional<AddressFamily> af = a.u16(IpvsAttributes.SVC_AF).flatMap(IpvsReplies::family);
        if (af.isEmpty()) {
            return Decoded.malformed("service without a known IPVS_SVC_ATTR_AF");
        }
        Decoded<ServiceKey> key = serviceKey(a, af.get());
        if (key instanceof Decoded.Malformed<ServiceKey> m) {
            return Decoded.malformed(m.reason());
        }
        ServiceKey k = ((Decoded.Value<ServiceKey>) key).value();
        Optional<String> scheduler = a.string(IpvsAttributes.SVC_SCHED_NAME);
        Optional<NetlinkAttribute> flagPair = a.first(IpvsAttributes.SVC_FLAGS).filter(v -> v.value().length >= 8);
        Optional<Long> timeout = a.u32(IpvsAttributes.SVC_TIMEOUT);
        Optional<NetlinkAttribute> netmask = a.first(IpvsAttributes.SVC_NETMASK).filter(n -> n.value().length >= 4);
        if (scheduler.isEmpty() || flagPair.isEmpty() || timeout.isEmpty() || netmask.isEmpty()) {
            return Decoded.malformed("service " + describe(k) + " lacks SCHED_NAME, FLAGS, TIMEOUT or NETMASK");
        }
        int flags = flagPair.get().buffer().getInt(0) & flagPair.get().buffer().getInt(4);
        VirtualService service = new VirtualService(k, scheduler.get(), schedulerFlags(flags),
                (flags & ONEPACKET) != 0, Optional.empty(),
                a.string(IpvsAttributes.SVC_PE_NAME).filter(s -> !s.isEmpty()));
        if ((flags & PERSISTENT) != 0) {
            long seconds = timeout.get();
            if (seconds < 1 || seconds > Integer.MAX_VALUE) {
                return Decoded.malformed("persistent service " + describe(k) + " has timeout " + seconds);
            }
            service = service.withPersistence(new Persistence((int) seconds, prefix(netmask.get(), af.get())));
        }
        return Decoded.value(new ServiceEntry(service,
                stats(a, IpvsAttributes.SVC_STATS64, IpvsAttributes.SVC_STATS), List.of()));
    }

    /** A destination from a GET_DEST reply (a NEW_DEST message) of a service of {@code serviceFamily}. */
    public static Decoded<DestinationEntry> destination(GenlMessage reply, AddressFamily serviceFamily) {
        Optional<NetlinkAttributes> nest = reply.attributes().nested(IpvsAttributes.CMD_DEST);
        if (nest.isEmpty()) {
            return Decoded.malformed("reply has no IPVS_CMD_ATTR_DEST");
        }
        NetlinkAttributes a = nest.get();
        AddressFamily af = a.u16(IpvsAttributes.DEST_ADDR_FAMILY).filter(code -> code != 0)
                .flatMap(IpvsReplies::family).orElse(serviceFamily);
        Optional<IpAddress> address = a.first(IpvsAttributes.DEST_ADDR).flatMap(v -> address(v, af));
        Optional<Integer> port = a.first(IpvsAttributes.DEST_PORT).flatMap(NetlinkAttribute::asU16BigEndian);
        Optional<Long> fwd = a.u32(IpvsAttributes.DEST_FWD_METHOD);
        List<Optional<Long>> numbers = List.of(a.u32(IpvsAttributes.DEST_WEIGHT), a.u32(IpvsAttributes.DEST_U_THRESH),
                a.u32(IpvsAttributes.DEST_L_THRESH), a.u32(IpvsAttributes.DEST_ACTIVE_CONNS),
                a.u32(IpvsAttributes.DEST_INACT_CONNS), a.u32(IpvsAttributes.DEST_PERSIST_CONNS));
        if (address.isEmpty() || port.isEmpty() || fwd.isEmpty() || numbers.stream().anyMatch(Optional::isEmpty)) {
            return Decoded.malformed("destination lacks ADDR, PORT, FWD_METHOD, WEIGHT, thresholds or counts");
        }
        Optional<ForwardMethod> method = ForwardMethod.fromCode((int) (fwd.get() & IpvsAttributes.FWD_MASK));
        if (method.isEmpty()) {
            return Decoded.malformed("destination " + address.get() + " has forwarding method " + fwd.get());
        }
        int[] n = numbers.stream().mapToInt(o -> o.get().intValue()).toArray();
        Destination d = new Destination(address.get(), port.get(), method.get(), n[0], n[1], n[2]);
        return Decoded.value(new DestinationEntry(d, n[3], n[4], n[5],
                stats(a, IpvsAttributes.DEST_STATS64, IpvsAttributes.DEST_STATS)));
    }

    /** The tunnel settings of a GET_DEST reply, when the kernel sent TUN_TYPE (5.3+). */
    public static Optional<Tunnel> tunnel(GenlMessage reply) {
        Optional<NetlinkAttributes> nest = reply.attributes().nested(IpvsAttributes.CMD_DEST);
        Optional<Tunnel.Type> type = nest.flatMap(a -> a.u8(IpvsAttributes.DEST_TUN_TYPE))
                .flatMap(Tunnel.Type::fromCode);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        NetlinkAttributes a = nest.get();
        int port = a.first(IpvsAttributes.DEST_TUN_PORT).flatMap(NetlinkAttribute::asU16BigEndian).orElse(0);
        return Optional.of(new Tunnel(type.get(), port, a.u16(IpvsAttributes.DEST_TUN_FLAGS).orElse(0)));
    }

    /** The GET_INFO reply (a SET_INFO message with top-level INFO attributes). */
    public static Decoded<IpvsInfo> info(GenlMessage reply) {
        Optional<Long> version = reply.attributes().u32(IpvsAttributes.INFO_VERSION);
        Optional<Long> size = reply.attributes().u32(IpvsAttributes.INFO_CONN_TAB_SIZE);
        if (version.isEmpty() || size.isEmpty()) {
            return Decoded.malformed("GET_INFO reply lacks VERSION or CONN_TAB_SIZE");
        }
        return Decoded.value(new IpvsInfo(version.get().intValue(), size.get().intValue()));
    }

    /** The GET_CONFIG reply (a SET_CONFIG message with the three timeouts). */
    public static Decoded<IpvsTimeouts> timeouts(GenlMessage reply) {
        NetlinkAttributes a = reply.attributes();
        Optional<Long> tcp = a.u32(IpvsAttributes.CMD_TIMEOUT_TCP);
        Optional<Long> fin = a.u32(IpvsAttributes.CMD_TIMEOUT_TCP_FIN);
        Optional<Long> udp = a.u32(IpvsAttributes.CMD_TIMEOUT_UDP);
        if (tcp.isEmpty() || fin.isEmpty() || udp.isEmpty()) {
            return Decoded.malformed("GET_CONFIG reply lacks a timeout");
        }
        return Decoded.value(new IpvsTimeouts((int) Math.min(tcp.get(), Integer.MAX_VALUE),
                (int) Math.min(fin.get(), Integer.MAX_VALUE), (int) Math.min(udp.get(), Integer.MAX_VALUE)));
    }

    /** A running daemon from a GET_DAEMON reply (a NEW_DAEMON message, ip_vs_genl_fill_daemon). */
    public static Decoded<SyncDaemon> daemon(GenlMessage reply) {
        Optional<NetlinkAttributes> nest = reply.attributes().nested(IpvsAttributes.CMD_DAEMON);
        Optional<SyncDaemon.State> state = nest.flatMap(a -> a.u32(IpvsAttributes.DAEMON_STATE))
                .flatMap(SyncDaemon.State::fromCode);
        Optional<String> ifname = nest.flatMap(a -> a.string(IpvsAttributes.DAEMON_MCAST_IFN));
        Optional<Long> syncId = nest.flatMap(a -> a.u32(IpvsAttributes.DAEMON_SYNC_ID));
        if (state.isEmpty() || ifname.isEmpty() || syncId.isEmpty()) {
            return Decoded.malformed("daemon lacks a known STATE, MCAST_IFN or SYNC_ID");
        }
        NetlinkAttributes a = nest.get();
        Optional<IpAddress> group = a.first(IpvsAttributes.DAEMON_MCAST_GROUP)
                .or(() -> a.first(IpvsAttributes.DAEMON_MCAST_GROUP6))
                .flatMap(g -> IpAddress.fromBytes(g.value()));
        return Decoded.value(new SyncDaemon(state.get(), ifname.get(), syncId.get().intValue(),
                a.u16(IpvsAttributes.DAEMON_SYNC_MAXLEN).orElse(0), group,
                a.u16(IpvsAttributes.DAEMON_MCAST_PORT).orElse(0), a.u8(IpvsAttributes.DAEMON_MCAST_TTL).orElse(0)));
    }

    /**
     * Counters from the STATS64 nest (all u64), else from the STATS nest (u32 except the byte
     * counts), else zero.
     */
    static Stats stats(NetlinkAttributes a, int wideType, int narrowType) {
        Optional<NetlinkAttributes> wide = a.nested(wideType);
        if (wide.isPresent()) {
            NetlinkAttributes s = wide.get();
            return new Stats(u64(s, IpvsAttributes.STATS_CONNS), u64(s, IpvsAttributes.STATS_INPKTS),
                    u64(s, IpvsAttributes.STATS_OUTPKTS), u64(s, IpvsAttributes.STATS_INBYTES),
                    u64(s, IpvsAttributes.STATS_OUTBYTES), u64(s, IpvsAttributes.STATS_CPS),
                    u64(s, IpvsAttributes.STATS_INPPS), u64(s, IpvsAttributes.STATS_OUTPPS),
                    u64(s, IpvsAttributes.STATS_INBPS), u64(s, IpvsAttributes.STATS_OUTBPS));
        }
        return a.nested(narrowType).map(s -> new Stats(u32(s, IpvsAttributes.STATS_CONNS),
                u32(s, IpvsAttributes.STATS_INPKTS), u32(s, IpvsAttributes.STATS_OUTPKTS),
                u64(s, IpvsAttributes.STATS_INBYTES), u64(s, IpvsAttributes.STATS_OUTBYTES),
                u32(s, IpvsAttributes.STATS_CPS), u32(s, IpvsAttributes.STATS_INPPS),
                u32(s, IpvsAttributes.STATS_OUTPPS), u32(s, IpvsAttributes.STATS_INBPS),
                u32(s, IpvsAttributes.STATS_OUTBPS))).orElse(Stats.ZERO);
    }

    /** A service key for messages: "TCP 10.0.0.100:80", "UDP [2001:db8::1]:53", "FWM 5", "FWM 5 IPv6". */
    public static String describe(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Inet i -> i.protocol().label() + " " + new DestinationKey(i.address(), i.port());
            case ServiceKey.Fwmark f -> "FWM " + Integer.toUnsignedString(f.mark())
                    + (f.family() == AddressFamily.INET6 ? " IPv6" : "");
        };
    }

    private static Decoded<ServiceKey> serviceKey(NetlinkAttributes a, AddressFamily af) {
        long mark = a.u32(IpvsAttributes.SVC_FWMARK).orElse(0L);
        if (mark != 0) {
            return Decoded.value(new ServiceKey.Fwmark((int) mark, af));
        }
        Optional<Protocol> protocol = a.u16(IpvsAttributes.SVC_PROTOCOL).flatMap(Protocol::fromNumber);
        Optional<IpAddress> address = a.first(IpvsAttributes.SVC_ADDR).flatMap(v -> address(v, af));
        Optional<Integer> port = a.first(IpvsAttributes.SVC_PORT).flatMap(NetlinkAttribute::asU16BigEndian);
        if (protocol.isEmpty() || address.isEmpty() || port.isEmpty()) {
            return Decoded.malformed("service lacks FWMARK or a known PROTOCOL, ADDR and PORT");
        }
        return Decoded.value(new ServiceKey.Inet(protocol.get(), address.get(), port.get()));
    }

    private static Set<SchedulerFlag> schedulerFlags(int flags) {
        Set<SchedulerFlag> out = EnumSet.noneOf(SchedulerFlag.class);
        for (SchedulerFlag f : SchedulerFlag.values()) {
            if ((flags & f.bit()) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The persistence prefix: IPv6 sends the prefix length, IPv4 the big-endian mask, whose
     * leading one bits are the prefix (Vigil models prefix masks only; see {@link Persistence}).
     */
    private static int prefix(NetlinkAttribute netmask, AddressFamily af) {
        if (af == AddressFamily.INET6) {
            return (int) Math.min(netmask.asU32().orElse(128L), 128);
        }
        return Integer.numberOfLeadingZeros(~netmask.asU32BigEndian().orElse(0xffff_ffffL).intValue());
    }

    private static Optional<IpAddress> address(NetlinkAttribute attribute, AddressFamily af) {
        int length = af == AddressFamily.INET ? 4 : 16;
        byte[] value = attribute.value();
        return value.length < length ? Optional.empty() : IpAddress.fromBytes(Arrays.copyOf(value, length));
    }

    private static Optional<AddressFamily> family(int code) {
        for (AddressFamily f : AddressFamily.values()) {
            if (f.code() == code) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static long u64(NetlinkAttributes s, int type) {
        return s.u64(type).orElse(0L);
    }

    private static long u32(NetlinkAttributes s, int type) {
        return s.u32(type).orElse(0L);
    }
}
