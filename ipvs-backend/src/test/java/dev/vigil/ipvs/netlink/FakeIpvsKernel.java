package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.AddressFamily;
import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.DestinationEntry;
import dev.vigil.ipvs.ForwardMethod;
import dev.vigil.ipvs.IpAddress;
import dev.vigil.ipvs.IpvsResult;
import dev.vigil.ipvs.Protocol;
import dev.vigil.ipvs.ServiceEntry;
import dev.vigil.ipvs.ServiceKey;
import dev.vigil.ipvs.VirtualService;
import dev.vigil.ipvs.fake.FakeIpvsBackend;
import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.GenlMessage;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkAttribute;
import dev.vigil.linux.netlink.NetlinkAttributes;
import dev.vigil.linux.netlink.NetlinkChannel;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NetlinkStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fake kernel that understands IPVS requests: it decodes each request's attributes the way
 * ip_vs_ctl.c parses them, applies it to a {@link FakeIpvsBackend} (which answers like the
 * kernel), and answers with an errno or with dump messages laid out as
 * ip_vs_genl_fill_service / ip_vs_genl_fill_dest write them. The whole request/reply codec
 * is exercised against the backend contract this way, on any machine.
 */
final class FakeIpvsKernel implements NetlinkChannel {

    private static final int FAMILY_ID = 0x2a;
    private static final int EIO = 5;
    private static final int EINVAL = 22;

    private final FakeIpvsBackend table = new FakeIpvsBackend();

    @Override
    public List<NetlinkMessage> request(NetlinkMessageBuilder message, String operation, Capability capability)
            throws NativeException {
        byte[] bytes = message.build(1, 0);
        NetlinkMessage m = NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
        if (m.type() == Netlink.GENL_ID_CTRL) {
            return List.of(parse(new NetlinkMessageBuilder(Netlink.GENL_ID_CTRL, 0)
                    .genlHeader(Netlink.CTRL_CMD_NEWFAMILY, 2).string(Netlink.CTRL_ATTR_FAMILY_NAME, "IPVS")
                    .u16(Netlink.CTRL_ATTR_FAMILY_ID, FAMILY_ID).u32(Netlink.CTRL_ATTR_VERSION, 1)));
        }
        GenlMessage genl = GenlMessage.decode(m, 0).orElseThrow();
        NetlinkAttributes a = genl.attributes();
        IpvsResult result = switch (genl.command()) {
            case 1 -> fullService(a).map(table::addService).orElse(invalid());
            case 2 -> fullService(a).map(table::editService).orElse(invalid());
            case 3 -> serviceKey(a).map(table::deleteService).orElse(invalid());
            case 5, 6 -> destCommand(genl.command(), a);
            case 7 -> serviceKey(a).flatMap(k -> destination(a, k)
                    .map(d -> table.deleteDestination(k, d.key()))).orElse(invalid());
            case 17 -> table.flush();
            case 4 -> IpvsResult.OK;
            case 8 -> serviceKey(a).isPresent() ? IpvsResult.OK : invalid();
            case 15 -> IpvsResult.OK;
            default -> IpvsResult.failed(dev.vigil.ipvs.IpvsError.INVALID_ARGUMENT, "unsupported");
        };
        if (result instanceof IpvsResult.Failed f) {
            int errno = f.error().errno() == 0 ? EIO : f.error().errno();
            throw new NetlinkException(operation, new NetlinkStatus(errno, Optional.empty(), OptionalLong.empty()),
                    capability);
        }
        return switch (genl.command()) {
            case 4 -> table.snapshot().services().stream().map(FakeIpvsKernel::serviceMessage).toList();
            case 8 -> destDump(serviceKey(a).orElseThrow());
            case 15 -> List.of(parse(new NetlinkMessageBuilder(FAMILY_ID, 0).genlHeader(IpvsCommand.SET_INFO.id(), 1)
                    .u32(IpvsAttributes.INFO_VERSION, 0x010201).u32(IpvsAttributes.INFO_CONN_TAB_SIZE, 4096)));
            default -> List.of();
        };
    }

    private List<NetlinkMessage> destDump(ServiceKey key) throws NativeException {
        Optional<ServiceEntry> entry = table.snapshot().service(key);
        if (entry.isEmpty()) {
            throw new NetlinkException("GET_DEST", new NetlinkStatus(3, Optional.empty(), OptionalLong.empty()), null);
        }
        List<NetlinkMessage> out = new ArrayList<>();
        for (DestinationEntry d : entry.get().destinations()) {
            out.add(parse(new NetlinkMessageBuilder(FAMILY_ID, Netlink.F_MULTI).genlHeader(IpvsCommand.NEW_DEST.id(), 1)
                    .nested(IpvsAttributes.CMD_DEST, n -> n
                            .bytes(IpvsAttributes.DEST_ADDR, Arrays.copyOf(d.destination().address().toBytes(), 16))
                            .u16BigEndian(IpvsAttributes.DEST_PORT, d.destination().port())
                            .u32(IpvsAttributes.DEST_FWD_METHOD, d.destination().forward().code())
                            .u32(IpvsAttributes.DEST_WEIGHT, d.destination().weight())
                            .u32(IpvsAttributes.DEST_U_THRESH, d.destination().upperThreshold())
                            .u32(IpvsAttributes.DEST_L_THRESH, d.destination().lowerThreshold())
                            .u32(IpvsAttributes.DEST_ACTIVE_CONNS, d.activeConnections())
                            .u32(IpvsAttributes.DEST_INACT_CONNS, d.inactiveConnections())
                            .u32(IpvsAttributes.DEST_PERSIST_CONNS, d.persistentConnections())
                            .u16(IpvsAttributes.DEST_ADDR_FAMILY, d.destination().address().family().code()))));
        }
        return out;
    }

    private static NetlinkMessage serviceMessage(ServiceEntry s) {
        VirtualService v = s.service();
        return parse(new NetlinkMessageBuilder(FAMILY_ID, Netlink.F_MULTI).genlHeader(IpvsCommand.NEW_SERVICE.id(), 1)
                .nested(IpvsAttributes.CMD_SERVICE, n -> {
                    n.u16(IpvsAttributes.SVC_AF, v.key().family().code());
                    switch (v.key()) {
                        case ServiceKey.Fwmark f -> n.u32(IpvsAttributes.SVC_FWMARK, f.mark());
                        case ServiceKey.Inet i -> n.u16(IpvsAttributes.SVC_PROTOCOL, i.protocol().number())
                                .bytes(IpvsAttributes.SVC_ADDR, Arrays.copyOf(i.address().toBytes(), 16))
                                .u16BigEndian(IpvsAttributes.SVC_PORT, i.port());
                    }
                    n.string(IpvsAttributes.SVC_SCHED_NAME, v.scheduler());
                    v.persistenceEngine().ifPresent(pe -> n.string(IpvsAttributes.SVC_PE_NAME, pe));
                    n.bytes(IpvsAttributes.SVC_FLAGS, IpvsRepliesTest.flags(v.flagBits()
                            | VirtualService.Flags.HASHED, -1));
                    n.u32(IpvsAttributes.SVC_TIMEOUT, v.persistence().map(p -> p.timeoutSeconds()).orElse(0));
                    if (v.key().family() == AddressFamily.INET6) {
                        n.u32(IpvsAttributes.SVC_NETMASK, IpvsRequests.netmask(v));
                    } else {
                        n.u32BigEndian(IpvsAttributes.SVC_NETMASK, IpvsRequests.netmask(v));
                    }
                    n.nested(IpvsAttributes.SVC_STATS64, st -> st.u64(IpvsAttributes.STATS_CONNS, 0));
                }));
    }

    private IpvsResult destCommand(int command, NetlinkAttributes a) {
        Optional<ServiceKey> key = serviceKey(a);
        Optional<Destination> d = key.flatMap(k -> destination(a, k));
        if (d.isEmpty()) {
            return invalid();
        }
        return command == 5 ? table.addDestination(key.get(), d.get()) : table.editDestination(key.get(), d.get());
    }

    /** NEW/SET_SERVICE nests carry everything the reply decoder needs except counters. */
    private static Optional<VirtualService> fullService(NetlinkAttributes a) {
        return a.nested(IpvsAttributes.CMD_SERVICE).map(IpvsReplies::service)
                .filter(d -> d instanceof Decoded.Value<ServiceEntry>)
                .map(d -> ((Decoded.Value<ServiceEntry>) d).value().service());
    }

    private static Optional<ServiceKey> serviceKey(NetlinkAttributes a) {
        Optional<NetlinkAttributes> nest = a.nested(IpvsAttributes.CMD_SERVICE);
        Optional<AddressFamily> af = nest.flatMap(n -> n.u16(IpvsAttributes.SVC_AF))
                .flatMap(code -> Arrays.stream(AddressFamily.values()).filter(f -> f.code() == code).findFirst());
        if (af.isEmpty()) {
            return Optional.empty();
        }
        NetlinkAttributes n = nest.get();
        Optional<Long> mark = n.u32(IpvsAttributes.SVC_FWMARK);
        if (mark.isPresent()) {
            return Optional.of(new ServiceKey.Fwmark(mark.get().intValue(), af.get()));
        }
        Optional<Protocol> protocol = n.u16(IpvsAttributes.SVC_PROTOCOL).flatMap(Protocol::fromNumber);
        Optional<IpAddress> address = n.first(IpvsAttributes.SVC_ADDR).flatMap(v -> address(v, af.get()));
        Optional<Integer> port = n.first(IpvsAttributes.SVC_PORT).flatMap(NetlinkAttribute::asU16BigEndian);
        if (protocol.isEmpty() || address.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceKey.Inet(protocol.get(), address.get(), port.get()));
    }

    /** The destination nest of a request; for DEL_DEST only ADDR and PORT matter. */
    private static Optional<Destination> destination(NetlinkAttributes a, ServiceKey service) {
        Optional<NetlinkAttributes> nest = a.nested(IpvsAttributes.CMD_DEST);
        if (nest.isEmpty()) {
            return Optional.empty();
        }
        NetlinkAttributes n = nest.get();
        AddressFamily af = n.u16(IpvsAttributes.DEST_ADDR_FAMILY)
                .flatMap(code -> Arrays.stream(AddressFamily.values()).filter(f -> f.code() == code).findFirst())
                .orElse(service.family());
        Optional<IpAddress> address = n.first(IpvsAttributes.DEST_ADDR).flatMap(v -> address(v, af));
        Optional<Integer> port = n.first(IpvsAttributes.DEST_PORT).flatMap(NetlinkAttribute::asU16BigEndian);
        if (address.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        ForwardMethod fwd = ForwardMethod.fromCode(n.u32(IpvsAttributes.DEST_FWD_METHOD).orElse(0L).intValue())
                .orElse(ForwardMethod.MASQ);
        return Optional.of(new Destination(address.get(), port.get(), fwd,
                n.u32(IpvsAttributes.DEST_WEIGHT).orElse(0L).intValue(),
                n.u32(IpvsAttributes.DEST_U_THRESH).orElse(0L).intValue(),
                n.u32(IpvsAttributes.DEST_L_THRESH).orElse(0L).intValue()));
    }

    private static Optional<IpAddress> address(NetlinkAttribute attribute, AddressFamily af) {
        int length = af == AddressFamily.INET ? 4 : 16;
        return attribute.value().length < length ? Optional.empty()
                : IpAddress.fromBytes(Arrays.copyOf(attribute.value(), length));
    }

    private static IpvsResult invalid() {
        return IpvsResult.failed(dev.vigil.ipvs.IpvsError.INVALID_ARGUMENT, "malformed request (EINVAL " + EINVAL + ")");
    }

    private static NetlinkMessage parse(NetlinkMessageBuilder b) {
        byte[] bytes = b.build(1, 0);
        return NetlinkMessage.split(bytes, bytes.length).messages().getFirst();
    }

    @Override
    public void close() {
    }
}
