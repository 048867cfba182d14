package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.Errno;
import dev.vigil.linux.NativeException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription to rtnetlink notifications (links, addresses, deleted routes and rules; see
 * {@link RtGroup}), delivered to a listener on a dedicated platform thread.
 *
 * <p>Lifecycle: {@link #start} opens the socket in the calling thread's network
 * namespace, subscribes, and starts the thread; events that happen after {@code start}
 * returns are delivered. {@link #close()} wakes and stops the thread and waits for it
 * (up to 5 s); after it returns the listener is not called again (unless close is
 * called from the listener itself, which is allowed). A listener that throws is logged
 * and keeps receiving.
 */
public final class RtEventSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtEventSubscription.class);
    /** Receive buffer asked for, so bursts (many VIPs at once) do not overflow: 1 MiB. */
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final NetlinkSocket socket;
    private final RtEventListener listener;
    private final Thread thread;

    private RtEventSubscription(NetlinkSocket socket, RtEventListener listener, String threadName) {
        this.socket = socket;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    /**
     * Subscribes to {@code groups} and starts delivering to {@code listener}.
     *
     * @param threadName the delivery thread's name
     */
    public static RtEventSubscription start(Set<RtGroup> groups, RtEventListener listener, String threadName)
            throws NativeException {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("subscribe to at least one group");
        }
        NetlinkSocket socket = NetlinkSocket.open(Netlink.PROTOCOL_ROUTE, RtGroup.mask(groups));
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        RtEventSubscription subscription = new RtEventSubscription(socket, listener, threadName);
        subscription.thread.start();
        return subscription;
    }

    /** True until closed or failed. */
    public boolean isRunning() {
        return socket.isOpen() && thread.isAlive();
    }

    private void run() {
        while (socket.isOpen()) {
            Optional<NetlinkMessage.Batch> batch;
            try {
                batch = socket.receive(null);
            } catch (NativeException e) {
                if (e.is(Errno.ENOBUFS)) {
                    deliverOverflow();
                    continue;
                }
                if (socket.isOpen()) {
                    socket.close();
                    listener.onFailure(e);
                }
                return;
            }
            batch.ifPresent(this::deliver);
        }
    }

    private void deliver(NetlinkMessage.Batch batch) {
        for (NetlinkMessage message : batch.messages()) {
            if (!socket.isOpen()) {
                return;
            }
            Optional<RtEvent> event = RtEvent.decode(message);
            if (event.isEmpty()) {
                continue;
            }
            try {
                listener.onEvent(event.get());
            } catch (RuntimeException e) {
                LOG.warn("rtnetlink listener failed on {}", event.get(), e);
            }
        }
        batch.malformed().ifPresent(why -> LOG.warn("malformed rtnetlink notification: {}", why));
    }

    private void deliverOverflow() {
        try {
            listener.onOverflow();
        } catch (RuntimeException e) {
            LOG.warn("rtnetlink listener failed on overflow", e);
        }
    }

    /** Stops delivery and waits for the thread; idempotent. */
    @Override
    public void close() {
        socket.close();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.warn("rtnetlink subscription thread {} did not stop within {}", thread.getName(), STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
