package dev.vigil.vrrp.runtime;

import dev.vigil.linux.NativeException;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.IpsecAhPacketEncoder;
import dev.vigil.vrrp.codec.Ipv4HeaderFields;
import dev.vigil.vrrp.codec.Ipv4PacketEncoder;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.runtime.PacketReceiver.RawPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link VrrpIo} that records what the runtime did (adverts, VIP changes, announcements) and
 * delivers each IPv4 advert, encoded by the real codec, to the receivers of every other
 * {@code FakeVrrpIo} on the same {@link Lan}. Thread-safe; records are appended in order.
 */
final class FakeVrrpIo implements VrrpIo {

    /** A shared segment: every attached fake hears what the others send. */
    static final class Lan {
        private final List<FakeVrrpIo> members = new CopyOnWriteArrayList<>();

        void deliver(FakeVrrpIo from, byte[] packet) {
            for (FakeVrrpIo member : members) {
                if (member != from) {
                    member.inject(packet);
                }
            }
        }
    }

    /** One thing the runtime did: an advert sent, VIPs added or removed, an announcement. */
    record Action(String instance, String kind, int priority, List<InetAddress> addresses) {
    }

    /** Routes and rules added or removed, in order. */
    record RoutingAction(String instance, String kind, List<VirtualRoute> routes, List<RoutingRule> rules) {
    }

    private final Inet4Address source;
    private final Lan lan;
    final List<Action> actions = Collections.synchronizedList(new ArrayList<>());
    /** The AH sequence number of each advert sent with IPsec AH, in order. */
    final List<Long> ahSequences = Collections.synchronizedList(new ArrayList<>());
    final List<RoutingAction> routing = Collections.synchronizedList(new ArrayList<>());
    /** Instances whose new applier took over from the previous one at a reload. */
    final List<String> takenOver = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Boolean> linkUp = Collections.synchronizedMap(new HashMap<>());
    /** The addresses the appliers added and did not remove: what the kernel would hold. */
    final Set<InetAddress> held = ConcurrentHashMap.newKeySet();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private volatile LinkMonitor.Listener linkListener;
    /** What the runtime last asked of {@link LinkMonitor#watchRouting}. */
    volatile boolean routingWatched;
    final FakeTrackerSeams.Scripts scripts = new FakeTrackerSeams.Scripts();
    final FakeTrackerSeams.Files files = new FakeTrackerSeams.Files();
    volatile boolean failSends;
    volatile boolean closed;

    FakeVrrpIo(Inet4Address source, Lan lan) {
        this.source = source;
        this.lan = lan;
        if (lan != null) {
            lan.members.add(this);
        }
    }

    /**
     * Puts a raw IPv4 datagram (header included) into every receiver of its protocol (112 or
     * 51, IPsec AH), as if it arrived.
     */
    void inject(byte[] packet) {
        boolean ah = packet.length > 9 && (packet[9] & 0xFF) == VrrpWire.PROTOCOL_AH;
        for (Receiver receiver : receivers) {
            if (receiver.ipsecAh == ah) {
                receiver.queue.add(Optional.of(new RawPacket(packet, RxMeta.ipv4WithHeader())));
            }
        }
    }

    /** Somebody else deletes {@code address} and the notification is lost in an overflow. */
    void deleteUnreported(InetAddress address) {
        held.remove(address);
        LinkMonitor.Listener listener = linkListener;
        if (listener != null) {
            listener.addressNotificationsLost();
        }
    }

    /** Reports a link change, as the rtnetlink monitor would. */
    void setLink(String interfaceName, boolean up) {
        linkUp.put(interfaceName, up);
        LinkMonitor.Listener listener = linkListener;
        if (listener != null) {
            listener.linkChanged(interfaceName, up);
        }
    }

    List<Action> actions(String kind) {
        synchronized (actions) {
            return actions.stream().filter(a -> a.kind().equals(kind)).toList();
        }
    }

    @Override
    public AdvertSender advertSender(VrrpInstanceSettings instance) {
        return new AdvertSender() {
            private int identification;

            @Override
            public void send(Advertisement advert) throws NativeException {
                if (failSends) {
                    throw new NativeException("sendto (fake)", 100, null);
                }
                actions.add(new Action(instance.name(), "advert", advert.priority(), advert.addresses()));
                if (lan != null) {
                    identification = identification % 0xFFFF + 1;
                    lan.deliver(FakeVrrpIo.this, Ipv4PacketEncoder.encode(advert,
                            new Ipv4HeaderFields(identification, 255, source, VrrpWire.IPV4_GROUP), false));
                }
            }

            @Override
            public void sendWithIpsecAh(Advertisement advert, AuthData key, long sequence) throws NativeException {
                if (failSends) {
                    throw new NativeException("sendto (fake)", 100, null);
                }
                actions.add(new Action(instance.name(), "advert", advert.priority(), advert.addresses()));
                ahSequences.add(sequence);
                if (lan != null) {
                    identification = identification % 0xFFFF + 1;
                    lan.deliver(FakeVrrpIo.this, IpsecAhPacketEncoder.encode(advert,
                            new Ipv4HeaderFields(identification, 255, source, VrrpWire.IPV4_GROUP), key, sequence,
                            false));
                }
            }

            @Override
            public InetAddress sourceAddress() {
                return source;
            }
        };
    }

    @Override
    public VipApplier vipApplier(VrrpInstanceSettings instance) {
        return new VipApplier() {
            @Override
            public void add(List<VirtualAddress> vips) {
                actions.add(new Action(instance.name(), "add", -1, addresses(vips)));
                held.addAll(addresses(vips));
            }

            @Override
            public void remove(List<VirtualAddress> vips) {
                actions.add(new Action(instance.name(), "remove", -1, addresses(vips)));
                addresses(vips).forEach(held::remove);
            }

            @Override
            public boolean holds(VirtualAddress vip) {
                return held.contains(vip.address());
            }

            @Override
            public void addRouting(List<VirtualRoute> routes, List<RoutingRule> rules) {
                routing.add(new RoutingAction(instance.name(), "add", routes, rules));
                actions.add(new Action(instance.name(), "addRouting", -1, List.of()));
            }

            @Override
            public void takeOver(VipApplier previous) {
                takenOver.add(instance.name());
            }

            @Override
            public void removeRouting(List<VirtualRoute> routes, List<RoutingRule> rules) {
                routing.add(new RoutingAction(instance.name(), "remove", routes, rules));
                actions.add(new Action(instance.name(), "removeRouting", -1, List.of()));
            }
        };
    }

    @Override
    public GratuitousAnnouncer announcer(VrrpInstanceSettings instance) {
        return vips -> actions.add(new Action(instance.name(), "announce", -1, addresses(vips)));
    }

    @Override
    public PacketReceiver receiver(String interfaceName, AddressFamily family) {
        Receiver receiver = new Receiver(false);
        receivers.add(receiver);
        return receiver;
    }

    @Override
    public PacketReceiver ipsecAhReceiver(String interfaceName) {
        Receiver receiver = new Receiver(true);
        receivers.add(receiver);
        return receiver;
    }

    @Override
    public LinkMonitor linkMonitor(LinkMonitor.Listener listener) {
        linkListener = listener;
        return new LinkMonitor() {
            @Override
            public boolean isUp(String interfaceName) {
                return linkUp.getOrDefault(interfaceName, true);
            }

            @Override
            public void watchRouting(boolean on) {
                routingWatched = on;
            }

            @Override
            public void close() {
                linkListener = null;
            }
        };
    }

    @Override
    public ScriptExecutor scriptExecutor() {
        return scripts;
    }

    @Override
    public FileWatcher fileWatcher() {
        return files;
    }

    @Override
    public void close() {
        closed = true;
        if (lan != null) {
            lan.members.remove(this);
        }
    }

    private static List<InetAddress> addresses(List<VirtualAddress> vips) {
        return vips.stream().map(VirtualAddress::address).toList();
    }

    /** Blocks on a queue; close puts an empty marker in it. */
    private static final class Receiver implements PacketReceiver {
        private final LinkedBlockingQueue<Optional<RawPacket>> queue = new LinkedBlockingQueue<>();
        private final boolean ipsecAh;

        Receiver(boolean ipsecAh) {
            this.ipsecAh = ipsecAh;
        }

        @Override
        public Optional<RawPacket> receive() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            queue.add(Optional.empty());
        }
    }
}
