package dev.vigil.linux.rtnetlink;

import dev.vigil.linux.NativeException;

/**
 * Receives rtnetlink notifications on the subscription's own thread. Implementations
 * should hand events to their own loop quickly; a slow listener makes the kernel drop
 * notifications, reported through {@link #onOverflow()}.
 */
public interface RtEventListener {

    /** One notification. */
    void onEvent(RtEvent event);

    /**
     * The kernel dropped notifications (ENOBUFS, receive buffer full): the listener's view
     * may be stale and should be re-read with {@link RtNetlink#links()} and
     * {@link RtNetlink#addresses()}.
     */
    default void onOverflow() {
    }

    /** The subscription failed and stopped; no more events follow. */
    default void onFailure(NativeException failure) {
    }
}
