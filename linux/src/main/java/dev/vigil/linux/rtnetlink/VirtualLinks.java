package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, configures and deletes virtual interfaces (macvlans) over rtnetlink, with the
 * requests of {@link LinkRequests}. Its own NETLINK_ROUTE socket belongs to the network
 * namespace of the thread that called {@link #open()}. Thread-safe (requests are serialised).
 * Changes need CAP_NET_ADMIN.
 */
public final class VirtualLinks implements AutoCloseable {

    private final NetlinkSocket socket;

    private VirtualLinks(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_ROUTE socket in the calling thread's network namespace. */
    public static VirtualLinks open() throws NativeException {
        return new VirtualLinks(NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, 0));
    }

    /**
     * Creates the macvlan and returns its index.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException EEXIST when the name is taken, ENODEV
     *     for a missing parent, EPERM naming CAP_NET_ADMIN
     */
    public int createMacvlan(MacvlanSpec spec) throws NativeException {
        socket.request(LinkRequests.newMacvlan(spec), "RTM_NEWLINK macvlan " + spec.name() + " on ifindex "
                + spec.parentIndex(), Capability.CAP_NET_ADMIN);
        return find(spec.name()).map(Link::index).orElseThrow(() -> new NativeException(
                "find the new macvlan " + spec.name(), Errno.ENODEV.code(), null,
                "the interface vanished right after it was created"));
    }

    /** Sets the interface administratively up. */
    public void setUp(int index) throws NativeException {
        socket.request(LinkRequests.setUp(index), "RTM_NEWLINK ifindex " + index + " up", Capability.CAP_NET_ADMIN);
    }

    /** Stops the kernel from generating IPv6 link-local addresses on the interface. */
    public void disableAddressGeneration(int index) throws NativeException {
        socket.request(LinkRequests.noAddressGeneration(index), "RTM_NEWLINK ifindex " + index
                + " addrgenmode none", Capability.CAP_NET_ADMIN);
    }

    /** Sets {@code net.ipv4.conf.IF.*} values of the interface. */
    public void setIpv4Conf(int index, Map<Ipv4DevConf, Integer> values) throws NativeException {
        socket.request(LinkRequests.setIpv4Conf(index, values), "RTM_NEWLINK ifindex " + index + " ipv4 devconf "
                + values, Capability.CAP_NET_ADMIN);
    }

    /** Deletes the interface. */
    public void delete(int index) throws NativeException {
        socket.request(LinkRequests.deleteLink(index), "RTM_DELLINK ifindex " + index, Capability.CAP_NET_ADMIN);
    }

    /** The interface's RTM_NEWLINK description (for {@link LinkRequests#group}, {@code kind}, {@code ipv4Conf}). */
    public NetlinkMessage describe(int index) throws NativeException {
        List<NetlinkMessage> replies = socket.request(LinkRequests.getLink(index), "RTM_GETLINK ifindex " + index,
                null);
        return replies.stream().filter(m -> m.type() == RtMessages.RTM_NEWLINK).findFirst()
                .orElseThrow(() -> new NativeException("RTM_GETLINK ifindex " + index, Errno.ENODEV.code(), null,
                        "no link description in the reply"));
    }

    /** The interface with this name, if there is one. */
    public Optional<Link> find(String name) throws NativeException {
        for (NetlinkMessage message : socket.request(RtMessages.dumpLinks(), "RTM_GETLINK dump", null)) {
            Optional<Link> link = RtMessages.decodeLink(message);
            if (link.isPresent() && link.get().name().equals(name)) {
                return link;
            }
        }
        return Optional.empty();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
