package dev.vigil.daemon.alert;

import dev.vigil.daemon.alert.AlertEvent.InstancePriorityChanged;
import dev.vigil.daemon.alert.AlertEvent.InstanceStateChanged;
import dev.vigil.daemon.alert.AlertEvent.MasterReceivedLowerPriority;
import dev.vigil.daemon.alert.AlertEvent.QuorumChanged;
import dev.vigil.daemon.alert.AlertEvent.RealServerStateChanged;
import dev.vigil.daemon.alert.AlertEvent.SyncGroupStateChanged;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The bytes keepalived writes to {@code notify_fifo} / {@code vrrp_notify_fifo} /
 * {@code lvs_notify_fifo} for an event. Pure.
 *
 * <ul>
 * <li>VRRP (vrrp_notify.c, {@code notify_fifo()}): {@code INSTANCE "VI_1" MASTER 100\n},
 *     {@code GROUP "G1" BACKUP 0\n}, and the events {@code MASTER_RX_LOWER_PRI},
 *     {@code MASTER_PRIORITY}, {@code BACKUP_PRIORITY} in the state's place. The name is put
 *     between quotes as it is, without escaping.</li>
 * <li>LVS (check/ipwrapper.c, {@code notify_fifo_vs()} / {@code notify_fifo_rs()}):
 *     {@code VS [10.0.0.1]:tcp:80 UP\n} and {@code RS [1.2.3.4]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n},
 *     <em>followed by a NUL byte</em>: keepalived writes the whole buffer it allocated,
 *     {@code strlen(line) + 1} bytes. Readers that split on '\n' see the NUL at the start of the
 *     next line; Vigil reproduces it so scripts written for keepalived keep working.</li>
 * </ul>
 */
public final class NotifyFifoLine {

    private NotifyFifoLine() {
    }

    /** The FIFO bytes for {@code event}, or empty when keepalived writes none for it. */
    public static Optional<byte[]> of(AlertEvent event) {
        return switch (event) {
            case InstanceStateChanged e -> vrrp("INSTANCE", e.instance(), e.state().keyword(), e.priority());
            case SyncGroupStateChanged e -> vrrp("GROUP", e.group(), e.state().keyword(), 0);
            case InstancePriorityChanged e ->
                    vrrp("INSTANCE", e.instance(), e.master() ? "MASTER_PRIORITY" : "BACKUP_PRIORITY", e.priority());
            case MasterReceivedLowerPriority e -> vrrp("INSTANCE", e.instance(), "MASTER_RX_LOWER_PRI", e.priority());
            case RealServerStateChanged e -> lvs("RS " + e.realServer().text() + " " + e.virtualServer().text()
                    + " " + upDown(e.up()));
            case QuorumChanged e -> lvs("VS " + e.virtualServer().text() + " " + upDown(e.up()));
            case AlertEvent.RealServerChecked e -> Optional.empty();
            case AlertEvent.RealServerRemoved e -> Optional.empty();
        };
    }

    private static Optional<byte[]> vrrp(String type, String name, String what, int priority) {
        String line = type + " \"" + name + "\" " + what + " " + priority + "\n";
        return Optional.of(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The line plus its C string terminator, as keepalived writes it. */
    private static Optional<byte[]> lvs(String text) {
        return Optional.of((text + "\n\0").getBytes(StandardCharsets.UTF_8));
    }

    private static String upDown(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
