package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events on to the user's listener; a listener that throws is logged, never propagated. */
final class GuardedListener implements VrrpEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final VrrpEventListener delegate;

    GuardedListener(VrrpEventListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
        guard("stateChanged", () -> delegate.stateChanged(instance, from, to, reason));
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason,
                             int effectivePriority) {
        guard("stateChanged", () -> delegate.stateChanged(instance, from, to, reason, effectivePriority));
    }

    @Override
    public void groupStateChanged(String group, VrrpState from, VrrpState to) {
        guard("groupStateChanged", () -> delegate.groupStateChanged(group, from, to));
    }

    @Override
    public void packetRejected(String instance, RejectReason reason, String detail) {
        guard("packetRejected", () -> delegate.packetRejected(instance, reason, detail));
    }

    @Override
    public void advertRefused(String instance, CheckReason reason, boolean dropped, String detail) {
        guard("advertRefused", () -> delegate.advertRefused(instance, reason, dropped, detail));
    }

    @Override
    public void masterReceivedLowerPriority(String instance, InetAddress source, int priority) {
        guard("masterReceivedLowerPriority", () -> delegate.masterReceivedLowerPriority(instance, source, priority));
    }

    @Override
    public void ioFailed(String instance, String action, Exception failure) {
        guard("ioFailed", () -> delegate.ioFailed(instance, action, failure));
    }

    private static void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("VRRP event listener failed on {}", event, e);
        }
    }
}
