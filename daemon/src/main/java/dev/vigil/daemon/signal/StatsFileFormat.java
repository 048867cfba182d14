package dev.vigil.daemon.signal;

import java.util.List;

/**
 * The text of {@code keepalived.stats} (written on SIGUSR2): per instance, in configuration
 * order, the block keepalived's {@code vrrp_print_stats()} writes (vrrp_print.c), with its
 * two- and four-space indentation and its labels, so scripts that read the file keep working.
 * The "Type Mismatch" and "Failure" lines are those of keepalived built with VRRP
 * authentication, as Debian's is. No instances: an empty file, as keepalived. Pure.
 */
public final class StatsFileFormat {

    private StatsFileFormat() {
    }

    /** The file's content for {@code instances}. */
    public static String format(List<InstanceStats> instances) {
        StringBuilder text = new StringBuilder();
        for (InstanceStats stats : instances) {
            line(text, "VRRP Instance: " + stats.instance());
            line(text, "  Advertisements:");
            line(text, "    Received: " + stats.advertsReceived());
            line(text, "    Sent: " + stats.advertsSent());
            line(text, "  Became master: " + stats.becameMaster());
            line(text, "  Released master: " + stats.releasedMaster());
            line(text, "  Packet Errors:");
            line(text, "    Length: " + stats.lengthErrors());
            line(text, "    TTL: " + stats.ttlErrors());
            line(text, "    Invalid Type: " + stats.invalidTypeReceived());
            line(text, "    Advertisement Interval: " + stats.advertIntervalErrors());
            line(text, "    Address List: " + stats.addressListErrors());
            line(text, "  Authentication Errors:");
            line(text, "    Invalid Type: " + stats.invalidAuthType());
            line(text, "    Type Mismatch: " + stats.authTypeMismatch());
            line(text, "    Failure: " + stats.authFailures());
            line(text, "  Priority Zero:");
            line(text, "    Received: " + stats.priorityZeroReceived());
            line(text, "    Sent: " + stats.priorityZeroSent());
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }
}
