package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.packet.ArpOperation;
import dev.vigil.linux.packet.GratuitousArp;
import dev.vigil.linux.packet.MacAddress;
import dev.vigil.linux.packet.NeighborAdvertisement;
import dev.vigil.linux.socket.PacketSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Announces VIPs from a packet socket: a gratuitous ARP request per IPv4 address (keepalived
 * {@code vrrp_arp.c}: broadcast, sender and target IP both the VIP) or an unsolicited
 * neighbour advertisement with the override flag per IPv6 address, from the interface's
 * link-local address ({@code vrrp_ndisc.c}). Confined to the event loop.
 */
final class PacketSocketAnnouncer implements GratuitousAnnouncer {

    private final PacketSocket socket;
    private final String instanceInterface;
    private final Map<String, Device> devices;

    /** What an announcement needs to know about one interface. */
    record Device(int index, MacAddress mac, Optional<Inet6Address> linkLocal) {
    }

    PacketSocketAnnouncer(PacketSocket socket, String instanceInterface, Map<String, Device> devices) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.instanceInterface = Objects.requireNonNull(instanceInterface, "instanceInterface");
        this.devices = Map.copyOf(devices);
    }

    @Override
    public void announce(List<VirtualAddress> vips) throws NativeException {
        for (VirtualAddress vip : vips) {
            Device device = devices.get(vip.deviceOr(instanceInterface));
            if (device == null) {
                continue;
            }
            switch (vip.address()) {
                case Inet4Address v4 -> socket.send(device.index(),
                        GratuitousArp.frame(device.mac(), v4, ArpOperation.REQUEST));
                case Inet6Address v6 -> {
                    if (device.linkLocal().isPresent()) {
                        socket.send(device.index(),
                                NeighborAdvertisement.unsolicited(device.mac(), device.linkLocal().get(), v6, false));
                    }
                }
                default -> throw new IllegalArgumentException("not an IP address: " + vip.address());
            }
        }
    }
}
