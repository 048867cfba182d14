package dev.vigil.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    /** A process id that is surely not alive: beyond the kernel's pid_max ceiling (2^22). */
    private static final long DEAD_PID = 4_194_304L + 17;

    @Test
    void writesThePidAndRemovesItAtClose() throws Exception {
        Path path = dir.resolve("sub/vigil.pid");
        try (PidFile pid = PidFile.acquire(path)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(path));
            assertEquals(path, pid.path());
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aLiveHolderRefusesTheStart() throws Exception {
        Path path = dir.resolve("vigil.pid");
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(path, parent + "\n");
        PidFile.HeldException held = assertThrows(PidFile.HeldException.class, () -> PidFile.acquire(path));
        assertEquals(parent, held.holder());
        assertEquals(Optional.of(parent), PidFile.read(path), "the live holder's file is untouched");
    }

    @Test
    void aStaleOrGarbledFileIsReplaced() throws Exception {
        Path path = dir.resolve("vigil.pid");
        Files.writeString(path, DEAD_PID + "\n");
        try (PidFile pid = PidFile.acquire(path)) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), PidFile.read(path));
        }
        Files.writeString(path, "not a number");
        try (PidFile pid = PidFile.acquire(path)) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), PidFile.read(path));
        }
    }

    @Test
    void aFileTakenOverByAnotherProcessIsLeftAtClose() throws Exception {
        Path path = dir.resolve("vigil.pid");
        PidFile pid = PidFile.acquire(path);
        Files.writeString(path, "12345\n");
        pid.close();
        assertTrue(Files.exists(path));
    }
}
