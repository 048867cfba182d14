package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationKey;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.Persistence;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.linux.netlink.GenlFamily;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the request of every IPVS command, byte for byte as ipvsadm's libipvs does
 * ({@code ipvs_nl_fill_service_attr} / {@code ipvs_nl_fill_dest_attr}; shared/reference/ipvs.md
 * §1.8–§1.9). Pure: the result is a {@link NetlinkMessageBuilder} for
 * {@code GenericNetlink.request}. Plain commands carry NLM_F_REQUEST | NLM_F_ACK, dumps
 * NLM_F_REQUEST | NLM_F_DUMP.
 *
 * <p>Service nests: commands that create or change a service (NEW/SET_SERVICE) send the full
 * nest in libipvs's order — AF, then FWMARK or PROTOCOL + ADDR + PORT, SCHED_NAME,
 * [PE_NAME], FLAGS {flags, mask ~0}, TIMEOUT, NETMASK; every other command names the
 * service with the identifying attributes only, which is all ip_vs_genl_parse_service
 * reads for them. Destination nests: ADDR_FAMILY, ADDR, PORT, FWD_METHOD, WEIGHT,
 * [TUN_TYPE, TUN_PORT, TUN_FLAGS for TUNNEL destinations], U_THRESH, L_THRESH. libipvs also
 * sends zero tunnel attributes for other methods; Vigil leaves them out so that requests for
 * non-tunnel destinations are accepted by kernels older than 5.3 as well. ADDR_FAMILY is
 * always sent: without it the kernel takes the service's family and would misread an IPv6
 * tunnel destination of an IPv4 service.
 */
public final class IpvsRequests {

    private IpvsRequests() {
    }

    /** IPVS_CMD_NEW_SERVICE with the full service nest. */
    public static NetlinkMessageBuilder newService(GenlFamily family, VirtualService service) {
        return command(family, IpvsCommand.NEW_SERVICE)
                .nested(IpvsAttributes.CMD_SERVICE, b -> fullService(b, service));
    }

    /** IPVS_CMD_SET_SERVICE with the full service nest. */
    public static NetlinkMessageBuilder setService(GenlFamily family, VirtualService service) {
        return command(family, IpvsCommand.SET_SERVICE)
                .nested(IpvsAttributes.CMD_SERVICE, b -> fullService(b, service));
    }

    /** IPVS_CMD_DEL_SERVICE. */
    public static NetlinkMessageBuilder delService(GenlFamily family, ServiceKey key) {
        return command(family, IpvsCommand.DEL_SERVICE).nested(IpvsAttributes.CMD_SERVICE, b -> serviceKey(b, key));
    }

    /** IPVS_CMD_GET_SERVICE for one service (the reply is one NEW_SERVICE message). */
    public static NetlinkMessageBuilder getService(GenlFamily family, ServiceKey key) {
        return command(family, IpvsCommand.GET_SERVICE).nested(IpvsAttributes.CMD_SERVICE, b -> serviceKey(b, key));
    }

    /** IPVS_CMD_GET_SERVICE dump: one NEW_SERVICE message per service. */
    public static NetlinkMessageBuilder dumpServices(GenlFamily family) {
        return GenlMessage.request(family, IpvsCommand.GET_SERVICE.id(), Netlink.F_DUMP);
    }

    /** IPVS_CMD_NEW_DEST; {@code tunnel} is sent only for TUNNEL destinations. */
    public static NetlinkMessageBuilder newDest(GenlFamily family, ServiceKey service, Destination destination,
                                                Tunnel tunnel) {
        return destCommand(family, IpvsCommand.NEW_DEST, service, destination, tunnel);
    }

    /** IPVS_CMD_SET_DEST; {@code tunnel} is sent only for TUNNEL destinations. */
    public static NetlinkMessageBuilder setDest(GenlFamily family, ServiceKey service, Destination destination,
                                                Tunnel tunnel) {
        return destCommand(family, IpvsCommand.SET_DEST, service, destination, tunnel);
    }

    /** IPVS_CMD_DEL_DEST: the destination nest holds ADDR_FAMILY, ADDR and PORT only. */
    public static NetlinkMessageBuilder delDest(GenlFamily family, ServiceKey service, DestinationKey destination) {
        return command(family, IpvsCommand.DEL_DEST)
                .nested(IpvsAttributes.CMD_SERVICE, b -> serviceKey(b, service))
                .nested(IpvsAttributes.CMD_DEST, b -> destinationKey(b, destination.address(), destination.port()));
    }

    /** IPVS_CMD_GET_DEST dump of one service's destinations (replies carry NEW_DEST). */
    public static NetlinkMessageBuilder dumpDests(GenlFamily family, ServiceKey service) {
        return GenlMessage.request(family, IpvsCommand.GET_DEST.id(), Netlink.F_DUMP)
                .nested(IpvsAttributes.CMD_SERVICE, b -> serviceKey(b, service));
    }

    /** IPVS_CMD_GET_INFO: version and connection-table size. */
    public static NetlinkMessageBuilder getInfo(GenlFamily family) {
        return command(family, IpvsCommand.GET_INFO);
    }

    /** IPVS_CMD_GET_CONFIG: the three timeouts. */
    public static NetlinkMessageBuilder getConfig(GenlFamily family) {
        return command(family, IpvsCommand.GET_CONFIG);
    }

    /** IPVS_CMD_SET_CONFIG: TIMEOUT_TCP, TIMEOUT_TCP_FIN, TIMEOUT_UDP (0 = unchanged). */
    public static NetlinkMessageBuilder setConfig(GenlFamily family, IpvsTimeouts timeouts) {
        return command(family, IpvsCommand.SET_CONFIG)
                .u32(IpvsAttributes.CMD_TIMEOUT_TCP, timeouts.tcp())
                .u32(IpvsAttributes.CMD_TIMEOUT_TCP_FIN, timeouts.tcpFin())
                .u32(IpvsAttributes.CMD_TIMEOUT_UDP, timeouts.udp());
    }

    /** IPVS_CMD_ZERO: one service's counters and its destinations', or all with no key. */
    public static NetlinkMessageBuilder zero(GenlFamily family, Optional<ServiceKey> service) {
        NetlinkMessageBuilder b = command(family, IpvsCommand.ZERO);
        service.ifPresent(key -> b.nested(IpvsAttributes.CMD_SERVICE, n -> serviceKey(n, key)));
        return b;
    }

    /** IPVS_CMD_FLUSH: deletes every service. */
    public static NetlinkMessageBuilder flush(GenlFamily family) {
        return command(family, IpvsCommand.FLUSH);
    }

    /**
     * IPVS_CMD_NEW_DAEMON: STATE, MCAST_IFN and SYNC_ID (required), then the optional
     * settings that are not left to the kernel's default (ip_vs_genl_new_daemon).
     */
    public static NetlinkMessageBuilder newDaemon(GenlFamily family, SyncDaemon daemon) {
        return command(family, IpvsCommand.NEW_DAEMON).nested(IpvsAttributes.CMD_DAEMON, b -> {
            b.u32(IpvsAttributes.DAEMON_STATE, daemon.state().code())
                    .string(IpvsAttributes.DAEMON_MCAST_IFN, daemon.interfaceName())
                    .u32(IpvsAttributes.DAEMON_SYNC_ID, daemon.syncId());
            if (daemon.maxLength() > 0) {
                b.u16(IpvsAttributes.DAEMON_SYNC_MAXLEN, daemon.maxLength());
            }
            daemon.group().ifPresent(g -> b.bytes(g.isIpv4() ? IpvsAttributes.DAEMON_MCAST_GROUP
                    : IpvsAttributes.DAEMON_MCAST_GROUP6, g.toBytes()));
            if (daemon.port() > 0) {
                b.u16(IpvsAttributes.DAEMON_MCAST_PORT, daemon.port());
            }
            if (daemon.ttl() > 0) {
                b.u8(IpvsAttributes.DAEMON_MCAST_TTL, daemon.ttl());
            }
        });
    }

    /** IPVS_CMD_DEL_DAEMON: stops the daemon of that state. */
    public static NetlinkMessageBuilder delDaemon(GenlFamily family, SyncDaemon.State state) {
        return command(family, IpvsCommand.DEL_DAEMON)
                .nested(IpvsAttributes.CMD_DAEMON, b -> b.u32(IpvsAttributes.DAEMON_STATE, state.code()));
    }

    /** IPVS_CMD_GET_DAEMON dump: one NEW_DAEMON message per running daemon. */
    public static NetlinkMessageBuilder dumpDaemons(GenlFamily family) {
        return GenlMessage.request(family, IpvsCommand.GET_DAEMON.id(), Netlink.F_DUMP);
    }

    /**
     * The IPVS_SVC_ATTR_NETMASK value: for IPv4 the mask of the persistence prefix (/32
     * without persistence; the kernel reads it with nla_get_be32, so the caller writes it
     * big-endian), for IPv6 the prefix length itself (128 without persistence).
     */
    static int netmask(VirtualService service) {
        AddressFamily af = service.key().family();
        int prefix = service.persistence().map(Persistence::prefixLength).orElse(af.bits());
        if (af == AddressFamily.INET6) {
            return prefix;
        }
        return prefix == 0 ? 0 : -1 << (32 - Math.min(prefix, 32));
    }

    private static NetlinkMessageBuilder command(GenlFamily family, IpvsCommand command) {
        return GenlMessage.request(family, command.id(), Netlink.F_ACK);
    }

    private static NetlinkMessageBuilder destCommand(GenlFamily family, IpvsCommand command, ServiceKey service,
                                                     Destination destination, Tunnel tunnel) {
        return command(family, command)
                .nested(IpvsAttributes.CMD_SERVICE, b -> serviceKey(b, service))
                .nested(IpvsAttributes.CMD_DEST, b -> fullDestination(b, destination, tunnel));
    }

    private static void serviceKey(NetlinkMessageBuilder b, ServiceKey key) {
        b.u16(IpvsAttributes.SVC_AF, key.family().code());
        switch (key) {
            case ServiceKey.Fwmark f -> b.u32(IpvsAttributes.SVC_FWMARK, f.mark());
            case ServiceKey.Inet i -> b.u16(IpvsAttributes.SVC_PROTOCOL, i.protocol().number())
                    .bytes(IpvsAttributes.SVC_ADDR, address(i.address()))
                    .u16BigEndian(IpvsAttributes.SVC_PORT, i.port());
        }
    }

    private static void fullService(NetlinkMessageBuilder b, VirtualService service) {
        serviceKey(b, service.key());
        b.string(IpvsAttributes.SVC_SCHED_NAME, service.scheduler());
        service.persistenceEngine().ifPresent(pe -> b.string(IpvsAttributes.SVC_PE_NAME, pe));
        b.bytes(IpvsAttributes.SVC_FLAGS, flags(service.flagBits()));
        b.u32(IpvsAttributes.SVC_TIMEOUT, service.persistence().map(Persistence::timeoutSeconds).orElse(0));
        if (service.key().family() == AddressFamily.INET6) {
            b.u32(IpvsAttributes.SVC_NETMASK, netmask(service));
        } else {
            b.u32BigEndian(IpvsAttributes.SVC_NETMASK, netmask(service));
        }
    }

    private static void destinationKey(NetlinkMessageBuilder b, IpAddress address, int port) {
        b.u16(IpvsAttributes.DEST_ADDR_FAMILY, address.family().code())
                .bytes(IpvsAttributes.DEST_ADDR, address(address))
                .u16BigEndian(IpvsAttributes.DEST_PORT, port);
    }

    private static void fullDestination(NetlinkMessageBuilder b, Destination d, Tunnel tunnel) {
        destinationKey(b, d.address(), d.port());
        b.u32(IpvsAttributes.DEST_FWD_METHOD, d.forward().code());
        b.u32(IpvsAttributes.DEST_WEIGHT, d.weight());
        if (d.forward() == ForwardMethod.TUNNEL) {
            b.u8(IpvsAttributes.DEST_TUN_TYPE, tunnel.type().code());
            b.u16BigEndian(IpvsAttributes.DEST_TUN_PORT, tunnel.port());
            b.u16(IpvsAttributes.DEST_TUN_FLAGS, tunnel.flags());
        }
        b.u32(IpvsAttributes.DEST_U_THRESH, d.upperThreshold());
        b.u32(IpvsAttributes.DEST_L_THRESH, d.lowerThreshold());
    }

    /** struct ip_vs_flags in host order: the bits, and mask ~0 (replace every bit), as libipvs sends. */
    private static byte[] flags(int bits) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(bits).putInt(-1).array();
    }

    /** union nf_inet_addr: 16 bytes, an IPv4 address in the first four. */
    private static byte[] address(IpAddress address) {
        return Arrays.copyOf(address.toBytes(), IpvsAttributes.ADDRESS_LENGTH);
    }
}
