package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.Capability;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Interface addresses, links, routes and policy rules over rtnetlink: add and delete
 * addresses, routes and rules, list addresses and links, look an interface up by name or index.
 *
 * <p>The socket belongs to the network namespace of the thread that called
 * {@link #open()}. Thread-safe (requests are serialised). Address changes need
 * CAP_NET_ADMIN; listing needs nothing.
 */
public final class RtNetlink implements AutoCloseable {

    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_ROUTE socket in the calling thread's network namespace. */
    public static RtNetlink open() throws NativeException {
        return new RtNetlink(NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, 0));
    }

    /**
     * Adds an address.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException EEXIST when it is already there,
     *     ENODEV for a missing interface, EPERM naming CAP_NET_ADMIN
     */
    public void addAddress(InterfaceAddress address) throws NativeException {
        socket.request(RtMessages.newAddress(address), describe("RTM_NEWADDR", address), Capability.CAP_NET_ADMIN);
    }

    /**
     * Deletes an address.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException EADDRNOTAVAIL when it is not there
     */
    public void deleteAddress(InterfaceAddress address) throws NativeException {
        socket.request(RtMessages.deleteAddress(address), describe("RTM_DELADDR", address), Capability.CAP_NET_ADMIN);
    }

    /**
     * Adds a route (keepalived's "prepend": another route to the same destination does not block it).
     *
     * @throws dev.vigil.linux.netlink.NetlinkException EEXIST for an identical route, ENETUNREACH
     *     when the gateway is not on a connected network, ENODEV for a missing interface, EINVAL
     *     for host bits in the destination or a scope the route cannot have
     */
    public void addRoute(Route route) throws NativeException {
        socket.request(RouteMessages.newRoute(route), "RTM_NEWROUTE " + route, Capability.CAP_NET_ADMIN);
    }

    /**
     * Deletes the route matching every field of {@code route}.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException ESRCH when no route matches
     */
    public void deleteRoute(Route route) throws NativeException {
        socket.request(RouteMessages.deleteRoute(route), "RTM_DELROUTE " + route, Capability.CAP_NET_ADMIN);
    }

    /**
     * Adds a policy rule.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException EEXIST for an identical rule
     */
    public void addRule(RoutingRule rule) throws NativeException {
        socket.request(RouteMessages.newRule(rule), "RTM_NEWRULE " + rule, Capability.CAP_NET_ADMIN);
    }

    /**
     * Deletes the first rule matching every selector of {@code rule}.
     *
     * @throws dev.vigil.linux.netlink.NetlinkException ENOENT when no rule matches
     */
    public void deleteRule(RoutingRule rule) throws NativeException {
        socket.request(RouteMessages.deleteRule(rule), "RTM_DELRULE " + rule, Capability.CAP_NET_ADMIN);
    }

    /** Every IPv4 and IPv6 address in the namespace. */
    public List<InterfaceAddress> addresses() throws NativeException {
        List<InterfaceAddress> out = new ArrayList<>();
        for (NetlinkMessage message : socket.request(RtMessages.dumpAddresses(), "RTM_GETADDR dump", null)) {
            RtMessages.decodeAddress(message).ifPresent(out::add);
        }
        return out;
    }

    /** The addresses on one interface. */
    public List<InterfaceAddress> addresses(int interfaceIndex) throws NativeException {
        return addresses().stream().filter(a -> a.interfaceIndex() == interfaceIndex).toList();
    }

    /** Every interface in the namespace. */
    public List<Link> links() throws NativeException {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage message : socket.request(RtMessages.dumpLinks(), "RTM_GETLINK dump", null)) {
            RtMessages.decodeLink(message).ifPresent(out::add);
        }
        return out;
    }

    /** The interface with this name (index, MAC, MTU, flags). */
    public Optional<Link> link(String name) throws NativeException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The interface with this index. */
    public Optional<Link> link(int index) throws NativeException {
        return links().stream().filter(l -> l.index() == index).findFirst();
    }

    /**
     * This socket's netlink port id: the kernel puts it in the {@code nlmsg_pid} of the
     * notifications its requests cause, so a listener can tell its own changes from others'.
     */
    public int portId() {
        return socket.portId();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    private static String describe(String command, InterfaceAddress address) {
        return command + " " + address.cidr() + " ifindex " + address.interfaceIndex();
    }
}
