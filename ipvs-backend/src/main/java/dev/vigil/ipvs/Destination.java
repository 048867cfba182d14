package dev.vigil.ipvs;

import java.util.Objects;

/**
 * The settings of one real server of a service: what {@code IPVS_CMD_NEW_DEST} /
 * {@code SET_DEST} carry. Weight 0 means quiesced (no new connections).
 *
 * @param upperThreshold 0 = no upper connection threshold
 * @param lowerThreshold 0 = none; the kernel requires lower ≤ upper
 */
public record Destination(IpAddress address, int port, ForwardMethod forward, int weight,
                          int upperThreshold, int lowerThreshold) {

    public Destination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forward, "forward");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A destination without thresholds. */
    public static Destination of(String address, int port, ForwardMethod forward, int weight) {
        return new Destination(IpAddress.of(address), port, forward, weight, 0, 0);
    }

    public DestinationKey key() {
        return new DestinationKey(address, port);
    }

    public Destination withWeight(int newWeight) {
        return new Destination(address, port, forward, newWeight, upperThreshold, lowerThreshold);
    }

    public Destination withThresholds(int upper, int lower) {
        return new Destination(address, port, forward, weight, upper, lower);
    }
}
