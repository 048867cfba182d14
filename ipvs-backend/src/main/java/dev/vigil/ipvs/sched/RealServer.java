package dev.vigil.ipvs.sched;

import dev.vigil.ipvs.Destination;
import dev.vigil.ipvs.IpAddress;

/**
 * A live destination: settings plus the connection accounting the kernel keeps in
 * {@code struct ip_vs_dest}, including the overload flag driven by the thresholds
 * ({@code ip_vs_bind_dest} / {@code ip_vs_unbind_dest} in ip_vs_conn.c):
 * <ul>
 *   <li>binding a connection counts it (templates in {@code persistent}, others as inactive
 *       or active) and sets OVERLOAD when an upper threshold exists and
 *       active + inactive ≥ upper;</li>
 *   <li>unbinding clears OVERLOAD when active + inactive falls below the lower threshold, or
 *       — without a lower threshold — below three quarters of the upper one, or when no
 *       threshold is set at all.</li>
 * </ul>
 * Not thread-safe; the owner serialises access.
 */
public final class RealServer implements DestinationView {

    private Destination settings;
    private int lastWeight;
    private int active;
    private int inactive;
    private int persistent;
    private boolean overloaded;
    private boolean available = true;

    /** A destination just added to a service ({@code last_weight} = its weight). */
    public RealServer(Destination settings) {
        this.settings = settings;
        this.lastWeight = settings.weight();
    }

    public Destination settings() {
        return settings;
    }

    /**
     * Applies an edit ({@code __ip_vs_update_dest}): {@code last_weight} follows the weight
     * unless the new weight is 0. Thresholds take effect at the next bind/unbind.
     */
    public void update(Destination newSettings) {
        this.settings = newSettings;
        if (newSettings.weight() != 0) {
            lastWeight = newSettings.weight();
        }
    }

    /** The destination left its service; cached references must stop using it. */
    public void markUnavailable() {
        available = false;
    }

    @Override
    public IpAddress address() {
        return settings.address();
    }

    @Override
    public int port() {
        return settings.port();
    }

    @Override
    public int weight() {
        return settings.weight();
    }

    @Override
    public int lastWeight() {
        return lastWeight;
    }

    @Override
    public int activeConnections() {
        return active;
    }

    @Override
    public int inactiveConnections() {
        return inactive;
    }

    public int persistentConnections() {
        return persistent;
    }

    @Override
    public boolean overloaded() {
        return overloaded;
    }

    @Override
    public boolean available() {
        return available;
    }

    /** {@code ip_vs_bind_dest}: counts a new connection or template. */
    public void bind(boolean template, boolean inactiveConnection) {
        if (template) {
            persistent++;
        } else if (inactiveConnection) {
            inactive++;
        } else {
            active++;
        }
        int upper = settings.upperThreshold();
        if (upper != 0 && active + inactive >= upper) {
            overloaded = true;
        }
    }

    /** {@code ip_vs_unbind_dest}: forgets an expired connection or template. */
    public void unbind(boolean template, boolean inactiveConnection) {
        if (template) {
            persistent--;
        } else if (inactiveConnection) {
            inactive--;
        } else {
            active--;
        }
        int total = active + inactive;
        int upper = settings.upperThreshold();
        int lower = settings.lowerThreshold();
        if (lower != 0) {
            if (total < lower) {
                overloaded = false;
            }
        } else if (upper != 0) {
            if ((long) total * 4 < (long) upper * 3) {
                overloaded = false;
            }
        } else {
            overloaded = false;
        }
    }

    /** A connection moved between active and inactive (TCP entering or leaving ESTABLISHED). */
    public void activityChanged(boolean nowActive) {
        if (nowActive) {
            inactive--;
            active++;
        } else {
            active--;
            inactive++;
        }
    }
}
