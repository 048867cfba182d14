package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.util.HashMap;
import java.util.Map;

/**
 * keepalived's rule for which VRRP state changes are mailed (vrrp_notify.c,
 * {@code vrrp_smtp_notifier()} / {@code vrrp_sync_smtp_notifier()}): the instance or group has
 * smtp_alert, the state is not FAULT while {@code no_email_faults} is set, and the state differs
 * from the last one mailed for that instance or group (nothing was mailed at start). Only a
 * state that produces a mail becomes the "last mailed" state, so a deleted sync group, which
 * gets no mail, does not change it.
 *
 * <p>Not thread-safe: owned by the thread that reports VRRP state changes.
 */
public final class VrrpMailFilter {

    private boolean noEmailFaults;
    /** Last mailed state per instance name. */
    private final Map<String, VrrpState> instances = new HashMap<>();
    /** Last mailed state per sync group name. */
    private final Map<String, VrrpState> groups = new HashMap<>();

    /** @param noEmailFaults global {@code no_email_faults} */
    public VrrpMailFilter(boolean noEmailFaults) {
        this.noEmailFaults = noEmailFaults;
    }

    /** A reload's {@code no_email_faults}. */
    public void setNoEmailFaults(boolean on) {
        noEmailFaults = on;
    }

    /** True, and remembered as mailed, when keepalived would mail this instance change. */
    public boolean admit(InstanceStateChanged event, boolean smtpAlert) {
        return admit(instances, event.instance(), event.state(), smtpAlert);
    }

    /** True, and remembered as mailed, when keepalived would mail this sync group change. */
    public boolean admit(SyncGroupStateChanged event, boolean smtpAlert) {
        if (event.state() == VrrpState.DELETED) {
            return false;
        }
        return admit(groups, event.group(), event.state(), smtpAlert);
    }

    /** Forgets an instance or group removed at reload, as keepalived frees its state. */
    public void forget(String name) {
        instances.remove(name);
        groups.remove(name);
    }

    private boolean admit(Map<String, VrrpState> lastMailed, String name, VrrpState state, boolean smtpAlert) {
        if (!smtpAlert || (noEmailFaults && state == VrrpState.FAULT) || lastMailed.get(name) == state) {
            return false;
        }
        lastMailed.put(name, state);
        return true;
    }
}
