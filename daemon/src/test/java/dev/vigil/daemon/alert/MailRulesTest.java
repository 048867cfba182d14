package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** smtp_alert defaults per level and keepalived's "mail each new state once" rule. */
class MailRulesTest {

    static final Optional<Boolean> UNSET = Optional.empty();
    static final Optional<Boolean> ON = Optional.of(true);
    static final Optional<Boolean> OFF = Optional.of(false);

    @Test
    void defaultsWithoutGlobalKeywords() {
        SmtpAlertSwitches none = SmtpAlertSwitches.NONE;
        assertFalse(none.vrrp(UNSET));
        assertFalse(none.virtualServer(UNSET));
        assertTrue(none.realServer(UNSET), "keepalived's backward-compatible default");
        assertTrue(none.vrrp(ON));
        assertFalse(none.realServer(OFF));
    }

    @Test
    void specificGlobalKeywordsBeatTheGeneralOne() {
        SmtpAlertSwitches globals = new SmtpAlertSwitches(ON, OFF, UNSET);
        assertFalse(globals.vrrp(UNSET), "smtp_alert_vrrp no");
        assertTrue(globals.virtualServer(UNSET), "smtp_alert yes");
        assertTrue(globals.realServer(UNSET));
        SmtpAlertSwitches checkerOff = new SmtpAlertSwitches(ON, UNSET, OFF);
        assertFalse(checkerOff.realServer(UNSET));
        assertFalse(checkerOff.virtualServer(UNSET));
        assertTrue(checkerOff.vrrp(UNSET));
        assertTrue(checkerOff.realServer(ON), "the object's own keyword wins");
        assertFalse(new SmtpAlertSwitches(OFF, UNSET, UNSET).realServer(UNSET));
    }

    @Test
    void checkerReports() {
        assertTrue(SmtpAlertSwitches.checkerReportMailed(true, true, true));
        assertFalse(SmtpAlertSwitches.checkerReportMailed(true, false, true));
        assertTrue(SmtpAlertSwitches.checkerReportMailed(true, false, false));
        assertFalse(SmtpAlertSwitches.checkerReportMailed(false, true, false));
    }

    @Test
    void eachNewStateIsMailedOnce() {
        VrrpMailFilter filter = new VrrpMailFilter(false);
        assertTrue(filter.admit(new InstanceStateChanged("VI_1", VrrpState.BACKUP, 100), true));
        assertFalse(filter.admit(new InstanceStateChanged("VI_1", VrrpState.BACKUP, 90), true));
        assertTrue(filter.admit(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100), true));
        assertTrue(filter.admit(new InstanceStateChanged("VI_2", VrrpState.MASTER, 100), true));
        assertTrue(filter.admit(new SyncGroupStateChanged("VI_1", VrrpState.MASTER), true),
                "groups and instances are tracked apart");
        assertFalse(filter.admit(new InstanceStateChanged("VI_3", VrrpState.MASTER, 100), false));
        filter.forget("VI_1");
        assertTrue(filter.admit(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100), true));
    }

    @Test
    void faultsAreSkippedWithNoEmailFaultsAndDoNotCountAsMailed() {
        VrrpMailFilter filter = new VrrpMailFilter(true);
        assertTrue(filter.admit(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100), true));
        assertFalse(filter.admit(new InstanceStateChanged("VI_1", VrrpState.FAULT, 0), true));
        assertFalse(filter.admit(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100), true),
                "MASTER was the last state mailed");
        assertTrue(filter.admit(new InstanceStateChanged("VI_1", VrrpState.BACKUP, 100), true));
    }

    @Test
    void aDeletedGroupIsNotMailedAndLeavesTheLastState() {
        VrrpMailFilter filter = new VrrpMailFilter(false);
        assertTrue(filter.admit(new SyncGroupStateChanged("G1", VrrpState.BACKUP), true));
        assertFalse(filter.admit(new SyncGroupStateChanged("G1", VrrpState.DELETED), true));
        assertFalse(filter.admit(new SyncGroupStateChanged("G1", VrrpState.BACKUP), true));
        assertTrue(filter.admit(new SyncGroupStateChanged("G1", VrrpState.STOP), true));
    }
}
