package dev.vigil.daemon.run;

import dev.vigil.common.text.FileValue;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.daemon.controller.CheckerPlan;
import dev.vigil.daemon.controller.VirtualServerPlan;
import dev.vigil.healthcheck.CheckSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code init_file} for the track_files FILE_CHECKs follow: at start, before the checkers read
 * them, each is written with its value when it does not exist, or always with
 * {@code overwrite} (keepalived writes it while parsing, in its checker process too). At a
 * reload a missing file is written again but an existing one is left alone, overwrite or not,
 * as keepalived's "don't overwrite a file on reload". The VRRP side does the same for the
 * files its instances track; writing the same value twice is harmless. A file that cannot be
 * written is logged and read as it is.
 */
final class FileCheckInit {

    private static final Logger LOG = LoggerFactory.getLogger(FileCheckInit.class);

    private FileCheckInit() {
    }

    /** At start. */
    static void apply(KeepalivedConfig config, List<VirtualServerPlan> plans) {
        apply(config, plans, false);
    }

    /** At start, or at a reload ({@code reload}: never overwrite). */
    static void apply(KeepalivedConfig config, List<VirtualServerPlan> plans, boolean reload) {
        Set<String> followed = plans.stream().flatMap(p -> p.realServers().stream())
                .flatMap(rs -> rs.checkers().stream()).map(CheckerPlan::spec)
                .filter(CheckSpec.FileCheck.class::isInstance).map(s -> ((CheckSpec.FileCheck) s).name())
                .collect(Collectors.toSet());
        for (TrackFile file : config.trackFiles()) {
            if (!followed.contains(file.name()) || file.initFile().isEmpty()) {
                continue;
            }
            Path path = Path.of(file.file());
            try {
                FileValue.writeInitial(path, file.initFile().get(), file.overwrite() && !reload);
            } catch (IOException e) {
                LOG.warn("track_file {}: cannot write init_file to {}: {}; check the directory and its permissions",
                        file.name(), path, e.toString());
            }
        }
    }
}
