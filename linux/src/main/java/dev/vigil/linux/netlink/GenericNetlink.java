package dev.vigil.linux.netlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A generic netlink channel: family resolution and request/response/dump exchanges with
 * extended-ack errors. Families (IPVS in {@code ipvs-backend}) build their messages with
 * {@link GenlMessage#request} and read replies as {@link GenlMessage}s.
 *
 * <p>Sockets belong to the network namespace of the thread that opened them. Thread-safe
 * (requests are serialised). Close releases the socket.
 */
public final class GenericNetlink implements AutoCloseable {

    private final NetlinkChannel socket;

    private GenericNetlink(NetlinkChannel socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_GENERIC socket in the calling thread's network namespace. */
    public static GenericNetlink open() throws NativeException {
        return new GenericNetlink(NetlinkSocket.open(Netlink.PROTOCOL_GENERIC, 0));
    }

    /** Generic netlink over another channel, e.g. a test's fake kernel; closing this closes it. */
    public static GenericNetlink over(NetlinkChannel channel) {
        return new GenericNetlink(Objects.requireNonNull(channel, "channel"));
    }

    /**
     * Resolves a family by name (CTRL_CMD_GETFAMILY).
     *
     * @return the family, or empty when the kernel does not know it (ENOENT: e.g. the
     *     "IPVS" family without the ip_vs module)
     */
    public Optional<GenlFamily> resolveFamily(String name) throws NativeException {
        List<NetlinkMessage> replies;
        try {
            replies = socket.request(GenlMessage.getFamily(name), "CTRL_CMD_GETFAMILY " + name, null);
        } catch (NetlinkException e) {
            if (e.is(Errno.ENOENT)) {
                return Optional.empty();
            }
            throw e;
        }
        for (NetlinkMessage reply : replies) {
            Optional<GenlFamily> family = GenlMessage.decode(reply, 0).flatMap(GenlFamily::decode);
            if (family.isPresent()) {
                return family;
            }
        }
        throw new NativeException("CTRL_CMD_GETFAMILY " + name, Errno.EIO.code(), null,
                "reply without family id and name");
    }

    /**
     * Sends a request and returns its reply messages (none for plain set commands).
     *
     * @param request from {@link GenlMessage#request}, attributes added
     * @param family the family, for decoding its extra header
     * @param operation describes the request for error messages
     * @param capability what the command needs (IPVS: CAP_NET_ADMIN)
     * @throws NetlinkException with the kernel's extended-ack text on error
     */
    public List<GenlMessage> request(NetlinkMessageBuilder request, GenlFamily family, String operation,
            Capability capability) throws NativeException {
        List<GenlMessage> out = new ArrayList<>();
        for (NetlinkMessage reply : socket.request(request, operation, capability)) {
            GenlMessage.decode(reply, family.headerSize()).ifPresent(out::add);
        }
        return out;
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
