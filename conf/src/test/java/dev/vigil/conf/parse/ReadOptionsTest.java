package dev.vigil.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {

    @Test
    void defaultConfigIdIsTheHostNameUpToTheFirstDot() throws IOException {
        String id = ReadOptions.defaultConfigId();
        assertFalse(id.contains("."));
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            String host = Files.readString(kernel).strip();
            assertEquals(host.split("\\.", -1)[0], id);
        }
    }

    @Test
    void withersChangeOneField() {
        ReadOptions o = ReadOptions.of("a", Map.of("K", "V"));
        assertEquals("b", o.withConfigId("b").configId());
        assertEquals(7, o.withRandomSeed(7).randomSeed());
        assertEquals(true, o.withAllConfig(true).allConfig());
        assertEquals(3, o.withLimits(3, 9).maxIncludeDepth());
        assertEquals(Map.of("K", "V"), o.withLimits(3, 9).environment());
        assertThrows(IllegalArgumentException.class, () -> o.withLimits(0, 1));
    }
}
