package dev.vigil.daemon.signal;

import java.util.Map;
import java.util.Objects;

/**
 * One element of {@code keepalived.json}: the instance's {@code data} object and its
 * {@link InstanceStats}. The daemon fills {@code data} with keepalived's keys (vrrp_json.c);
 * the ones exporters read are {@code iname}, {@code ifp_ifname}, {@code vrid}, {@code state}
 * and {@code wantstate} (0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT), {@code last_transition}
 * (seconds since the epoch, fractional) and {@code vips} (strings like "10.0.0.1/32 dev eth0 scope global").
 */
public record InstanceJson(Map<String, Object> data, InstanceStats stats) {

    public InstanceJson {
        data = Map.copyOf(data);
        Objects.requireNonNull(stats, "stats");
    }
}
