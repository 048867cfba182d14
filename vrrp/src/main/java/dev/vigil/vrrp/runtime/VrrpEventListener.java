package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;

/**
 * What the runtime reports, for logging, metrics, notify scripts and alerts (STYLE.md: typed
 * listeners instead of logging in the core). Every method is called on the VRRP event-loop
 * thread, in the order things happened; a listener must return quickly and must not call
 * {@link VrrpRuntime#stop()}. A listener that throws is logged and ignored. All methods do
 * nothing by default.
 */
public interface VrrpEventListener {

    /** A listener that ignores everything. */
    VrrpEventListener NONE = new VrrpEventListener() {
    };

    /**
     * An instance changed state (keepalived's notify_master / backup / fault / stop): on
     * {@link VrrpRuntime#stop()} every instance reports a change to {@link VrrpState#STOPPED}.
     */
    default void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
    }

    /**
     * {@link #stateChanged(String, VrrpState, VrrpState, TransitionReason)} with the instance's
     * effective priority at the change (base priority plus tracker weights; 255 for the
     * address owner), which keepalived passes to notify scripts and writes to the FIFO. The
     * runtime calls this one; by default it calls the four-argument method.
     */
    default void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason,
                              int effectivePriority) {
        stateChanged(instance, from, to, reason);
    }

    /**
     * A sync group changed state (keepalived's group notify_master / backup / fault, and
     * {@code notify} with {@code GROUP NAME STATE}). Its members' own changes are reported with
     * {@link #stateChanged} as well.
     */
    default void groupStateChanged(String group, VrrpState from, VrrpState to) {
    }

    /**
     * The decoder refused a packet addressed to this instance's VRID on its socket (or to no
     * known instance, when {@code instance} is null).
     */
    default void packetRejected(String instance, RejectReason reason, String detail) {
    }

    /**
     * The instance's checks refused ({@code dropped} false: keepalived KO) or ignored
     * ({@code dropped} true: keepalived DROP) an advert.
     */
    default void advertRefused(String instance, CheckReason reason, boolean dropped, String detail) {
    }

    /** A master heard a lower-priority advert (keepalived's {@code MASTER_RX_LOWER_PRI}). */
    default void masterReceivedLowerPriority(String instance, InetAddress source, int priority) {
    }

    /** Sending, adding or removing addresses, or announcing failed; the instance goes on. */
    default void ioFailed(String instance, String action, Exception failure) {
    }
}
