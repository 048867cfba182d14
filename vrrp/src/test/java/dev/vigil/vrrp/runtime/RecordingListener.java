package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.fsm.TransitionReason;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every event as a short line, in order. Thread-safe. */
final class RecordingListener implements VrrpEventListener {

    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, TransitionReason reason) {
        events.add(instance + " " + from + "->" + to + " " + reason);
    }

    @Override
    public void groupStateChanged(String group, VrrpState from, VrrpState to) {
        events.add("group " + group + " " + from + "->" + to);
    }

    @Override
    public void packetRejected(String instance, RejectReason reason, String detail) {
        events.add(instance + " rejected " + reason);
    }

    @Override
    public void advertRefused(String instance, CheckReason reason, boolean dropped, String detail) {
        events.add(instance + (dropped ? " dropped " : " refused ") + reason);
    }

    @Override
    public void masterReceivedLowerPriority(String instance, InetAddress source, int priority) {
        events.add(instance + " lower " + priority);
    }

    @Override
    public void ioFailed(String instance, String action, Exception failure) {
        events.add(instance + " failed " + action);
    }

    List<String> snapshot() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
