package dev.vigil.conf.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code track_file NAME} block (or the deprecated {@code vrrp_track_file}): the integer in
 * {@code file} times {@code weight} is added to priority; with weight 0, non-zero means FAULT.
 *
 * @param initFile {@code init_file [VALUE] [overwrite]}: create the file with this value at start
 */
public record TrackFile(
        String name,
        String file,
        int weight,
        boolean reverse,
        Optional<Long> initFile,
        boolean overwrite) {

    public TrackFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }
}
