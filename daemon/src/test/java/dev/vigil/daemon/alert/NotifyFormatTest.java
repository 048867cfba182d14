package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.daemon.alert.AlertEvent.InstancePriorityChanged;
import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.MasterReceivedLowerPriority;
import dev.vigil.daemon.alert.AlertEvent.QuorumChanged;
import dev.vigil.daemon.alert.AlertEvent.RealServerChecked;
import dev.vigil.daemon.alert.AlertEvent.RealServerRemoved;
import dev.vigil.daemon.alert.AlertEvent.RealServerStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FIFO lines and notify script arguments against keepalived's formats. */
class NotifyFormatTest {

    static final Endpoint RS = AlertMailFormatTest.endpoint("1.2.3.4", ServiceProtocol.TCP, 80);
    static final VirtualServerId VS = new VirtualServerId.Service(
            AlertMailFormatTest.endpoint("10.0.0.1", ServiceProtocol.TCP, 80));

    static String line(AlertEvent event) {
        return new String(NotifyFifoLine.of(event).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void vrrpLines() {
        assertEquals("INSTANCE \"VI_1\" MASTER 100\n", line(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100)));
        assertEquals("INSTANCE \"VI_1\" FAULT 0\n", line(new InstanceStateChanged("VI_1", VrrpState.FAULT, 0)));
        assertEquals("INSTANCE \"VI_1\" STOP 255\n", line(new InstanceStateChanged("VI_1", VrrpState.STOP, 255)));
        assertEquals("INSTANCE \"VI_1\" DELETED 90\n", line(new InstanceStateChanged("VI_1", VrrpState.DELETED, 90)));
        assertEquals("GROUP \"G1\" BACKUP 0\n", line(new SyncGroupStateChanged("G1", VrrpState.BACKUP)));
        assertEquals("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100\n", line(new MasterReceivedLowerPriority("VI_1", 100)));
        assertEquals("INSTANCE \"VI_1\" MASTER_PRIORITY 80\n", line(new InstancePriorityChanged("VI_1", true, 80)));
        assertEquals("INSTANCE \"VI_1\" BACKUP_PRIORITY 80\n", line(new InstancePriorityChanged("VI_1", false, 80)));
    }

    @Test
    void namesAreQuotedWithoutEscaping() {
        assertEquals("INSTANCE \"a\"b\" MASTER 1\n", line(new InstanceStateChanged("a\"b", VrrpState.MASTER, 1)));
    }

    @Test
    void lvsLinesCarryTheTrailingNul() {
        assertArrayEquals("VS [10.0.0.1]:tcp:80 UP\n\0".getBytes(StandardCharsets.US_ASCII),
                NotifyFifoLine.of(new QuorumChanged(VS, QuorumTransition.GAINED, 1, 0, 1, 1)).orElseThrow());
        assertArrayEquals("VS FWM 3 DOWN\n\0".getBytes(StandardCharsets.US_ASCII),
                NotifyFifoLine.of(new QuorumChanged(new VirtualServerId.Fwmark(3), QuorumTransition.SHUTTING_DOWN,
                        1, 0, 1, 0)).orElseThrow());
        assertArrayEquals("RS [1.2.3.4]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n\0".getBytes(StandardCharsets.US_ASCII),
                NotifyFifoLine.of(new RealServerStateChanged(RS, VS, false)).orElseThrow());
        assertArrayEquals("RS [1.2.3.4]:tcp:80 [10.0.0.1]:tcp:80 UP\n\0".getBytes(StandardCharsets.US_ASCII),
                NotifyFifoLine.of(new RealServerStateChanged(RS, VS, true)).orElseThrow());
    }

    @Test
    void mailOnlyEventsWriteNoLine() {
        CheckerVerdict ok = CheckerVerdict.of(CheckerType.TCP_CHECK, CheckStatus.SUCCEEDED);
        assertEquals(Optional.empty(), NotifyFifoLine.of(new RealServerChecked(RS, VS, true, ok)));
        assertEquals(Optional.empty(), NotifyFifoLine.of(new RealServerRemoved(RS, VS, false)));
    }

    @Test
    void notifyScriptArguments() {
        assertEquals(Optional.of(List.of("INSTANCE", "VI_1", "MASTER", "100")),
                NotifyScriptArguments.of(new InstanceStateChanged("VI_1", VrrpState.MASTER, 100)));
        assertEquals(Optional.of(List.of("INSTANCE", "VI_1", "DELETED", "90")),
                NotifyScriptArguments.of(new InstanceStateChanged("VI_1", VrrpState.DELETED, 90)));
        assertEquals(Optional.of(List.of("GROUP", "G1", "STOP", "0")),
                NotifyScriptArguments.of(new SyncGroupStateChanged("G1", VrrpState.STOP)));
        assertEquals(Optional.empty(), NotifyScriptArguments.of(new InstancePriorityChanged("VI_1", true, 1)));
        assertEquals(Optional.empty(), NotifyScriptArguments.of(new RealServerStateChanged(RS, VS, true)));
    }
}
