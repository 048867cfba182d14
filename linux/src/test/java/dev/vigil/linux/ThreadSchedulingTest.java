package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.ParkedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scheduling of one thread of this JVM, read back from /proc/self/task/TID. */
class ThreadSchedulingTest {

    private final ParkedThreads parked = new ParkedThreads();
    private int ownId;

    @BeforeEach
    void startSubject() throws InterruptedException {
        ownId = parked.start("sched-subject");
    }

    @AfterEach
    void stopSubject() throws InterruptedException {
        parked.close();
    }

    private int tid() {
        List<ThreadScheduling.ProcessThread> named = ThreadScheduling.threads().stream()
                .filter(t -> t.name().equals("sched-subject")).toList();
        assertEquals(1, named.size(), "the JVM gives the OS thread the Java name");
        return named.getFirst().tid();
    }

    /** Field {@code n} (1-based, as proc(5) numbers them) of /proc/self/task/TID/stat. */
    private static String statField(int tid, int n) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return rest[n - 3];
    }

    private static String status(int tid, String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status")).stream()
                .filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).strip())
                .findFirst().orElseThrow();
    }

    @Test
    void theThreadListNamesEachThreadWithItsLinuxId() {
        assertEquals(ownId, tid());
    }

    @Test
    void aHigherNiceValueNeedsNoPrivilegeAndStaysOnThatThreadOnly() throws Exception {
        int tid = tid();
        int before = Integer.parseInt(statField(ThreadScheduling.currentThreadId(), 19));
        ThreadScheduling.setNice(tid, 7);
        assertEquals("7", statField(tid, 19));
        assertEquals(before, Integer.parseInt(statField(ThreadScheduling.currentThreadId(), 19)),
                "the calling thread keeps its own nice value");
    }

    @Test
    void affinityPinsTheThreadToTheGivenCpus() throws Exception {
        int tid = tid();
        ThreadScheduling.setAffinity(tid, Set.of(0));
        assertEquals("0", status(tid, "Cpus_allowed_list"));
        assertThrows(IllegalArgumentException.class, () -> ThreadScheduling.setAffinity(tid, Set.of(4096)));
    }

    @Test
    void realtimeRoundRobinWithItsPriority() throws Exception {
        int tid = tid();
        try {
            ThreadScheduling.setRealtime(tid, 10);
        } catch (NativeException e) {
            Assumptions.assumeFalse(e.isPermissionDenied(), "needs CAP_SYS_NICE: " + e.getMessage());
            throw e;
        }
        assertEquals("10", statField(tid, 40), "rt_priority");
        assertEquals("2", statField(tid, 41), "policy SCHED_RR");
    }

    @Test
    void aBadPriorityIsReportedWithTheCallAndErrno() {
        NativeException e = assertThrows(NativeException.class, () -> ThreadScheduling.setRealtime(tid(), 100));
        assertTrue(e.getMessage().startsWith("sched_setscheduler(thread "), e.getMessage());
        assertTrue(e.is(Errno.EINVAL), e.getMessage());
    }
}
