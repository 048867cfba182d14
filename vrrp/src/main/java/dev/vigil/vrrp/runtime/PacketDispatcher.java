package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.DecodeResult.Rejected;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.UnicastPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what a receive socket delivered to the instance it is for, as keepalived's
 * {@code vrrp_dispatcher_read} does (reference §2.4): by socket (interface and family) and
 * VRID; when several instances share a VRID on one socket (unicast with disjoint peers), by
 * the packet's source among their peers. An advert for a VRID nobody runs is ignored
 * silently (counted). A refused packet is counted on the instance its VRID byte names, or as
 * unattributed when it names none or is too short to have one.
 *
 * <p>Confined to the event loop (built on the starting thread before the loop runs).
 */
final class PacketDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PacketDispatcher.class);

    /**
     * One receive socket: an interface, an address family and, for IPv4, the IP protocol:
     * like keepalived, {@code auth_type AH} instances read protocol 51 on a socket of their
     * own, the others protocol 112.
     */
    record SocketKey(String interfaceName, AddressFamily family, boolean ipsecAh) {
        SocketKey {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(family, "family");
            if (ipsecAh && family != AddressFamily.IPV4) {
                throw new IllegalArgumentException("IPsec AH is IPv4 only");
            }
        }

        /** A VRRP (protocol 112) socket. */
        SocketKey(String interfaceName, AddressFamily family) {
            this(interfaceName, family, false);
        }
    }

    private final Map<SocketKey, List<InstanceDriver>> bySocket = new HashMap<>();
    private final Map<RejectReason, Long> unattributed = new EnumMap<>(RejectReason.class);
    private final RejectLog rejectLog = new RejectLog(LOG);
    private final VrrpEventListener listener;
    private long unknownVrid;

    PacketDispatcher(List<InstanceDriver> drivers, VrrpEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        drivers(drivers);
    }

    /** From now on packets go to these instances (a reload); the unattributed counts stay. */
    void drivers(List<InstanceDriver> drivers) {
        bySocket.clear();
        for (InstanceDriver driver : drivers) {
            bySocket.computeIfAbsent(keyOf(driver.settings()), k -> new ArrayList<>()).add(driver);
        }
    }

    /** An instance's socket: the interface its adverts use (its VMAC, with {@code use_vmac}) and family. */
    static SocketKey keyOf(VrrpInstanceSettings settings) {
        return new SocketKey(settings.advertInterface(), settings.family(), settings.authType() == AuthType.AH);
    }

    /** The sockets the instances need, one per interface and family. */
    List<SocketKey> sockets() {
        return List.copyOf(bySocket.keySet());
    }

    /**
     * Hands one decoder result to its instance.
     *
     * @param vrid the VRID byte of the packet, or -1 when it was too short to carry one
     */
    void dispatch(SocketKey socket, DecodeResult result, int vrid) {
        switch (result) {
            case Decoded decoded -> {
                InstanceDriver driver = select(socket, decoded.advert().vrid(), decoded.source());
                if (driver == null) {
                    // keepalived logs unknown VRIDs only with log_unknown_vrids.
                    unknownVrid++;
                    LOG.debug("advert for VRID {} on {} {}: no such instance", decoded.advert().vrid(),
                            socket.interfaceName(), socket.family());
                    return;
                }
                driver.received(decoded);
            }
            case Rejected rejected -> {
                InstanceDriver driver = vrid < 0 ? null : select(socket, vrid, null);
                if (driver != null) {
                    driver.packetRejected(rejected.reason(), rejected.detail());
                    return;
                }
                unattributed.merge(rejected.reason(), 1L, Long::sum);
                rejectLog.refused(socket.interfaceName() + "/" + socket.family() + (socket.ipsecAh() ? "/AH" : ""),
                        rejected.reason(), rejected.detail());
                listener.packetRejected(null, rejected.reason(), rejected.detail());
            }
        }
    }

    /** Rejects that named no instance, by reason. */
    Map<RejectReason, Long> unattributedRejects() {
        return Map.copyOf(unattributed);
    }

    /** Well-formed adverts for VRIDs no instance on their socket runs. */
    long unknownVridAdverts() {
        return unknownVrid;
    }

    private InstanceDriver select(SocketKey socket, int vrid, InetAddress source) {
        List<InstanceDriver> candidates = bySocket.getOrDefault(socket, List.of()).stream()
                .filter(d -> d.settings().vrid() == vrid).toList();
        if (candidates.size() <= 1 || source == null) {
            return candidates.isEmpty() ? null : candidates.getFirst();
        }
        // keepalived: duplicate VRIDs with disjoint unicast peers; pick by source.
        for (InstanceDriver candidate : candidates) {
            for (UnicastPeer peer : candidate.settings().unicastPeers()) {
                if (peer.address().equals(source)) {
                    return candidate;
                }
            }
        }
        return candidates.stream().filter(d -> !d.settings().unicast()).findFirst().orElse(null);
    }
}
