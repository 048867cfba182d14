package dev.vigil.healthcheck.state;

import dev.vigil.healthcheck.CheckEvent;
import dev.vigil.healthcheck.RealServerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real server's health from its checkers' events, with keepalived's rules (ipwrapper.c
 * {@code update_svr_checker_state()}, {@code update_svr_wgt()}, check_data.c):
 *
 * <ul>
 *   <li>The server is alive while no checker is failed. Alpha checkers start failed, so a
 *       server with one starts dead; a server without checkers is alive.</li>
 *   <li>The first checker to fail kills the server ({@link RealServerEvent.Dead}); the last
 *       one to recover revives it ({@link RealServerEvent.Alive}).</li>
 *   <li>Effective weight = configured weight + Σ over dynamic checkers of (their weight −
 *       configured weight), clamped to 0..2³¹−1; so one misc_dynamic checker sets the weight
 *       outright. A failed checker's contribution is dropped.</li>
 * </ul>
 *
 * <p>Pure; not thread-safe. inhibit_on_failure, omega and quorum are the daemon's, which
 * acts on these events.
 */
public final class RealServerHealth {

    private final String realServer;
    private final int configuredWeight;
    private final Map<String, Boolean> checkerUp = new HashMap<>();
    private final Map<String, Long> weightOffsets = new HashMap<>();
    private int failed;

    /**
     * @param checkers each checker's name, mapped to whether it has alpha (starts failed)
     */
    public RealServerHealth(String realServer, int configuredWeight, Map<String, Boolean> checkers) {
        this.realServer = Objects.requireNonNull(realServer, "realServer");
        this.configuredWeight = configuredWeight;
        checkers.forEach((name, alpha) -> {
            checkerUp.put(name, !alpha);
            if (alpha) {
                failed++;
            }
        });
    }

    public boolean isAlive() {
        return failed == 0;
    }

    /** The weight the server should have in the IPVS table when alive. */
    public int effectiveWeight() {
        long sum = configuredWeight;
        for (long offset : weightOffsets.values()) {
            sum += offset;
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, sum));
    }

    /** Applies one checker event; returns the server-level events it causes, in order. */
    public List<RealServerEvent> onCheckEvent(CheckEvent event) {
        Boolean up = checkerUp.get(event.checker());
        if (up == null) {
            throw new IllegalArgumentException("checker " + event.checker() + " does not belong to " + realServer);
        }
        List<RealServerEvent> out = new ArrayList<>();
        switch (event) {
            case CheckEvent.Down down -> checkerDown(down, up, out);
            case CheckEvent.Up upEvent -> checkerUp(upEvent, up, out);
            case CheckEvent.WeightChanged change -> setOffset(change.checker(),
                    change.to().isPresent() ? change.to().getAsInt() - (long) configuredWeight : 0, out);
            case CheckEvent.AttemptFailed ignored -> { }
        }
        return out;
    }

    private void checkerDown(CheckEvent.Down down, boolean wasUp, List<RealServerEvent> out) {
        if (!wasUp) {
            if (down.initial()) {
                out.add(new RealServerEvent.Dead(realServer, down, true));
            }
            return;
        }
        if (failed == 0) {
            out.add(new RealServerEvent.Dead(realServer, down, false));
        }
        failed++;
        checkerUp.put(down.checker(), false);
        setOffset(down.checker(), 0, out);
    }

    private void checkerUp(CheckEvent.Up event, boolean wasUp, List<RealServerEvent> out) {
        if (wasUp) {
            return;
        }
        checkerUp.put(event.checker(), true);
        failed--;
        if (failed == 0) {
            out.add(new RealServerEvent.Alive(realServer, event));
        }
    }

    private void setOffset(String checker, long offset, List<RealServerEvent> out) {
        int before = effectiveWeight();
        if (offset == 0) {
            weightOffsets.remove(checker);
        } else {
            weightOffsets.put(checker, offset);
        }
        int after = effectiveWeight();
        if (after != before) {
            out.add(new RealServerEvent.WeightChanged(realServer, before, after));
        }
    }
}
