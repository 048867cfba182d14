package dev.vigil.daemon.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FIFO writer on real named pipes (mkfifo) in a temporary directory. */
class NotifyFifoTest {

    /** Far below anything a blocked pipe write would take. */
    static final long WRITE_MAX_MILLIS = 200;

    @TempDir
    Path dir;

    static void mkfifo(Path path) throws Exception {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
    }

    /** Reads exactly {@code length} bytes from the pipe, failing after a few seconds instead of hanging. */
    static byte[] read(InputStream in, int length) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readNBytes(length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    static boolean timedWrite(NotifyFifo fifo, byte[] line) {
        long start = System.nanoTime();
        boolean queued = fifo.write(line);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < WRITE_MAX_MILLIS, "write took " + millis + " ms");
        return queued;
    }

    @Test
    void aReaderGetsKeepalivedsBytesInOrder() throws Exception {
        Path path = dir.resolve("notify");
        mkfifo(path);
        try (NotifyFifo fifo = NotifyFifo.open(path, 16); InputStream reader = Files.newInputStream(path)) {
            assertTrue(fifo.write(new AlertEvent.InstanceStateChanged("VI_1", VrrpState.MASTER, 100)));
            assertTrue(fifo.write(new AlertEvent.RealServerStateChanged(AlertMailFormatTest.RS,
                    AlertMailFormatTest.VS, false)));
            assertFalse(fifo.write(new AlertEvent.RealServerRemoved(AlertMailFormatTest.RS,
                    AlertMailFormatTest.VS, false)), "no line for this event");
            byte[] expected = ("INSTANCE \"VI_1\" MASTER 100\n"
                    + "RS [192.168.200.2]:tcp:1358 [10.10.10.2]:tcp:1358 DOWN\n\0").getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(expected, read(reader, expected.length));
            assertEquals(2, fifo.written());
        }
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "a FIFO we did not create is kept");
    }

    @Test
    void withoutAReaderLinesWaitInThePipe() throws Exception {
        Path path = dir.resolve("created-by-us");
        try (NotifyFifo fifo = NotifyFifo.open(path, 16)) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            assertEquals(0010644, mode, Integer.toOctalString(mode));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                String line = "GROUP \"G" + i + "\" BACKUP 0\n";
                expected.append(line);
                assertTrue(timedWrite(fifo, line.getBytes(StandardCharsets.US_ASCII)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> fifo.written() == 10);
            try (InputStream reader = Files.newInputStream(path)) {
                assertEquals(expected.toString(),
                        new String(read(reader, expected.length()), StandardCharsets.US_ASCII));
            }
        }
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the FIFO we created is removed at close");
    }

    @Test
    void aFullPipeNeverBlocksTheCaller() throws Exception {
        Path path = dir.resolve("full");
        NotifyFifo fifo = NotifyFifo.open(path, 4);
        byte[] line = ("x".repeat(4095) + "\n").getBytes(StandardCharsets.US_ASCII);
        int refused = 0;
        // A pipe holds 64 KiB by default; 200 lines of 4 KiB cannot all fit.
        for (int i = 0; i < 200; i++) {
            if (!timedWrite(fifo, line)) {
                refused++;
            }
        }
        assertTrue(refused > 0);
        assertEquals(refused, fifo.dropped());
        long start = System.nanoTime();
        fifo.close();
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "close waits for a stuck writer");
        assertFalse(fifo.write(line), "closed");
    }

    @Test
    void somethingOtherThanAFifoIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThrows(IOException.class, () -> NotifyFifo.open(file, 1));
        Path fifoPath = dir.resolve("real");
        mkfifo(fifoPath);
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifoPath);
        assertThrows(IOException.class, () -> NotifyFifo.open(link, 1));
        assertTrue(Files.exists(file), "a refused file is left alone");
    }
}
