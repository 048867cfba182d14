package dev.vigil.conf.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code real_server IP [PORT] { ... }}. Settings left out inherit from the virtual server
 * (forwarding method, inhibit_on_failure); the checkers hold the resolved schedules.
 *
 * @param weight 0..65535 (IPVS), 1 by default
 * @param smtpAlert resolved: explicit value, else true unless global smtp_alert/smtp_alert_checker is set
 */
public record RealServer(
        IpAddress address,
        Optional<Integer> port,
        int weight,
        Forwarding forwarding,
        Optional<Long> upperThreshold,
        Optional<Long> lowerThreshold,
        boolean inhibitOnFailure,
        Optional<NotifyScript> notifyUp,
        Optional<NotifyScript> notifyDown,
        boolean alpha,
        boolean smtpAlert,
        Optional<String> virtualhost,
        List<Checker> checkers) {

    /** keepalived's default real server weight. */
    public static final int DEFAULT_WEIGHT = 1;

    public RealServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        checkers = List.copyOf(checkers);
    }
}
