package dev.vigil.ipvs.userspace;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bound sockets of one service — Netty channels (several with SO_REUSEPORT), or the
 * epoll relay's TCP listener — and, for UDP, the client associations they relay for.
 * {@link #close()} closes the sockets and the associations and waits for the sockets to be
 * released, so the address can be bound again at once.
 */
final class Listeners {

    private final List<Channel> channels = new ArrayList<>();
    private final List<EpollTcpListener> tcpListeners = new ArrayList<>();
    private final ConcurrentMap<InetSocketAddress, UdpSession> associations = new ConcurrentHashMap<>();

    void add(Channel channel) {
        channels.add(channel);
    }

    void add(EpollTcpListener listener) {
        tcpListeners.add(listener);
    }

    /** UDP client address → its association; empty for TCP services. */
    ConcurrentMap<InetSocketAddress, UdpSession> associations() {
        return associations;
    }

    void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        for (EpollTcpListener l : tcpListeners) {
            l.closeAndWait();
        }
        for (Map.Entry<InetSocketAddress, UdpSession> e : associations.entrySet()) {
            e.getValue().close();
        }
        associations.clear();
    }
}
