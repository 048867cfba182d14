package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.daemon.control.ControlServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonIdentityTest {

    @TempDir
    Path dir;

    /** {@code topLevel}: keepalived reads {@code net_namespace} and {@code instance} outside any block. */
    private GlobalDefs globals(String topLevel) throws IOException {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), topLevel + "\nglobal_defs {\n}\n");
        return ConfigLoader.load(file, Optional.empty(), false).config().orElseThrow().globalDefs();
    }

    @Test
    void plainDefaultsAreTheDocumentedPaths() {
        assertEquals(Path.of(PidFile.DEFAULT), DaemonIdentity.PLAIN.pidFile());
        assertEquals(ControlServerSettings.DEFAULT_SOCKET, DaemonIdentity.PLAIN.controlSocket());
    }

    @Test
    void pathsFollowKeepalivedsPidFilesAsTheHostSeesThem() throws IOException {
        DaemonIdentity instance = DaemonIdentity.of(globals("instance blue"), Optional.empty());
        assertEquals(Path.of("/run/vigil/vigil_blue.pid"), instance.pidFile());
        assertEquals(Path.of("/run/vigil/vigil_blue.sock"), instance.controlSocket());

        DaemonIdentity namespace = DaemonIdentity.of(globals("net_namespace lb1"), Optional.empty());
        assertEquals(Path.of("/run/vigil/lb1/vigil.pid"), namespace.pidFile());
        assertEquals(Path.of("/run/vigil/lb1/vigil.sock"), namespace.controlSocket());

        DaemonIdentity both = DaemonIdentity.of(globals("net_namespace lb1\ninstance blue"), Optional.empty());
        assertEquals(Path.of("/run/vigil/lb1/vigil_blue.pid"), both.pidFile());
        assertEquals(Path.of("/run/vigil/lb1/vigil_blue.sock"), both.controlSocket());
    }

    @Test
    void theCommandLinesNamespaceWins() throws IOException {
        DaemonIdentity identity = DaemonIdentity.of(globals("net_namespace lb1\ninstance blue"), Optional.of("lb2"));
        assertEquals(new DaemonIdentity(Optional.of("lb2"), Optional.of("blue")), identity);
        assertEquals(Optional.of("lb2"), DaemonIdentity.of(globals(""), Optional.of("lb2")).netNamespace());
    }

    @Test
    void aReloadMayNotChangeEither() {
        DaemonIdentity running = new DaemonIdentity(Optional.of("lb1"), Optional.of("blue"));
        assertEquals(List.of(), running.reloadRefusals(running));
        assertEquals(List.of("net_namespace cannot change at a reload ('lb1' -> none); restart Vigil to move it",
                        "instance cannot change at a reload ('blue' -> 'green'); restart Vigil to rename it"),
                running.reloadRefusals(new DaemonIdentity(Optional.empty(), Optional.of("green"))));
    }

    @Test
    void namesThatAreNotFileNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DaemonIdentity(Optional.empty(), Optional.of("a/b")));
        assertEquals("instance 'a/b': not usable as a file name", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DaemonIdentity(Optional.of(".."), Optional.empty()));
    }
}
