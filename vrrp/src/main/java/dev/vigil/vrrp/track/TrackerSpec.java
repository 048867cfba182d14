package dev.vigil.vrrp.track;

import java.util.Objects;

/**
 * One tracked object of an instance (or of a sync group, applied to every member) with the
 * weight that instance uses. {@link #key()} is unique per instance: kind and name.
 */
public sealed interface TrackerSpec {

    String name();

    Weight weight();

    /** "interface eth0", "script chk_nginx", "file /run/prio". */
    default String key() {
        return kind() + " " + name();
    }

    String kind();

    /** {@code track_interface { NAME [weight N [reverse]] }}; no weight = FAULT while down. */
    record Interface(String name, Weight weight) implements TrackerSpec {
        public Interface {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(weight, "weight");
        }

        @Override
        public String kind() {
            return "interface";
        }

        /** keepalived initialise_interface_tracking_priorities / process_if_status_change. */
        public Contribution contribution(boolean up) {
            if (weight.faultMode()) {
                return weight.faultWhen(up) ? Contribution.faulted(key() + (up ? " up (reverse)" : " down"))
                        : Contribution.NONE;
            }
            return Contribution.delta(weight.delta(up));
        }
    }

    /**
     * {@code track_script { NAME [weight N [reverse|noreverse]] }}: the script's own weight unless
     * the instance overrides it ({@link #resolve}).
     */
    record Script(String name, Weight weight) implements TrackerSpec {
        public Script {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(weight, "weight");
        }

        /**
         * The weight an instance uses (vrrp_track.c vrrp_track_script_handler): the override if
         * given, else the script's; {@code reverse}/{@code noreverse} only change the direction.
         */
        public static Weight resolve(Weight scriptDefault, Integer overrideValue, Boolean overrideReverse) {
            int value = overrideValue != null ? overrideValue : scriptDefault.value();
            boolean reverse = overrideReverse != null ? overrideReverse : scriptDefault.reverse();
            return new Weight(value, reverse);
        }

        @Override
        public String kind() {
            return "script";
        }

        /**
         * keepalived process_script_update_priority: a pending script adds nothing and, with
         * weight 0, holds the instance in FAULT until its first result.
         */
        public Contribution contribution(ScriptStatus status) {
            if (status == ScriptStatus.PENDING) {
                return weight.faultMode() ? Contribution.faulted(key() + " has no result yet") : Contribution.NONE;
            }
            boolean ok = status == ScriptStatus.OK;
            if (weight.faultMode()) {
                return weight.faultWhen(ok) ? Contribution.faulted(key() + (ok ? " OK (reverse)" : " failed"))
                        : Contribution.NONE;
            }
            return Contribution.delta(weight.delta(ok));
        }
    }

    /**
     * {@code track_file { NAME [weight N [reverse]] }}: the file's integer × weight (× -1 when
     * reversed) is added to the priority, capped at 253; at or below -254 the instance is in
     * FAULT. With weight 0 a non-zero value means FAULT (reversed: zero means FAULT).
     * keepalived's default weight for a track_file is 1.
     */
    record File(String name, Weight weight) implements TrackerSpec {

        /** keepalived's default {@code track_file} weight. */
        public static final int DEFAULT_WEIGHT = 1;
        /** track_file.c: results are clamped to -254..253 and -254 means FAULT. */
        private static final int FAULT_STATUS = -254;
        private static final int MAX_STATUS = 253;
        /** Far beyond any value that survives the clamp, far below long overflow when × 254. */
        private static final long VALUE_BOUND = 1L << 40;

        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(weight, "weight");
        }

        @Override
        public String kind() {
            return "file";
        }

        /** keepalived update_track_file_status / process_update_vrrp_track_file_status. */
        public Contribution contribution(long value) {
            if (weight.faultMode()) {
                return weight.faultWhen(value == 0) ? Contribution.faulted(key() + " value " + value)
                        : Contribution.NONE;
            }
            // Bound the value first so the product cannot overflow; the result is clamped anyway.
            long bounded = Math.clamp(value, -VALUE_BOUND, VALUE_BOUND);
            long status = Math.clamp(bounded * weight.value() * weight.multiplier(), FAULT_STATUS, MAX_STATUS);
            return status == FAULT_STATUS ? Contribution.faulted(key() + " value " + value + " x weight is <= -254")
                    : Contribution.delta((int) status);
        }
    }
}
