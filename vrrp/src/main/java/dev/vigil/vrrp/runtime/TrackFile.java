package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.track.TrackerSpec;
import dev.vigil.vrrp.track.Weight;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@code track_file} definition (keepalived reference §1.1 "track_file"): the runtime's
 * {@link FileWatcher} reads the number in {@code path}; instances track it with a
 * {@link TrackerSpec.File} built by {@link #trackedWith}.
 *
 * @param name          {@code track_file NAME}
 * @param path          {@code file}
 * @param weight        {@code weight N [reverse]} (keepalived default 1)
 * @param initValue     {@code init_file [VALUE]}: write VALUE (keepalived default 0) to the file
 *                      at start when it does not exist; empty = no {@code init_file}
 * @param overwrite     {@code init_file ... overwrite}: write it even when the file exists
 */
public record TrackFile(String name, Path path, Weight weight, OptionalLong initValue, boolean overwrite) {

    public TrackFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(initValue, "initValue");
    }

    /** Weight 1, no {@code init_file}. */
    public static TrackFile of(String name, Path path) {
        return new TrackFile(name, path, Weight.of(TrackerSpec.File.DEFAULT_WEIGHT), OptionalLong.empty(), false);
    }

    public TrackFile withWeight(Weight newWeight) {
        return new TrackFile(name, path, newWeight, initValue, overwrite);
    }

    public TrackFile withInitFile(long value, boolean overwriteExisting) {
        return new TrackFile(name, path, weight, OptionalLong.of(value), overwriteExisting);
    }

    /** The file's own weight, for {@code track_file { NAME }}. */
    public TrackerSpec.File trackedWith() {
        return new TrackerSpec.File(name, weight);
    }

    /** {@code track_file { NAME weight N [reverse] }}. */
    public TrackerSpec.File trackedWith(Weight instanceWeight) {
        return new TrackerSpec.File(name, instanceWeight);
    }
}
