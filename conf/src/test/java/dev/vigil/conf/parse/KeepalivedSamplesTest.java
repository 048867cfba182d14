package dev.vigil.conf.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.conf.tree.ConfNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every upstream and seed sample in the shared folder reads without an error from this layer. */
class KeepalivedSamplesTest {

    /** keepalived's samples in shared/, beside the project checkout (tests run in the module folder). */
    private static final Path SAMPLES = Path.of("..", "..", "shared", "keepalived-samples").toAbsolutePath().normalize();

    @Test
    void everySampleReadsWithoutErrors() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "no shared keepalived samples at " + SAMPLES);
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no sample files found");
        for (String id : List.of("high", "low", "")) {
            ConfTreeReader reader = new ConfTreeReader(ReadOptions.of(id, Map.of()));
            for (Path file : files) {
                Diagnostics d = new Diagnostics();
                List<ConfNode> tree = reader.read(file, d);
                List<String> bad = d.all().stream().filter(x -> x.severity().atLeast(Severity.ERROR))
                        .map(Diagnostic::format).toList();
                assertTrue(bad.isEmpty(), file + " (id '" + id + "'): " + bad);
                assertFalse(tree.isEmpty(), file + " gave no nodes");
            }
        }
    }

    @Test
    void conditionalSampleDependsOnTheConfigId() {
        Path file = SAMPLES.resolve("keepalived.conf.conditional_conf");
        assumeTrue(Files.isRegularFile(file), "no " + file);
        String high = Reading.render(new ConfTreeReader(ReadOptions.of("high", Map.of())).read(file, new Diagnostics()));
        String low = Reading.render(new ConfTreeReader(ReadOptions.of("low", Map.of())).read(file, new Diagnostics()));
        assertFalse(high.equals(low));
    }
}
