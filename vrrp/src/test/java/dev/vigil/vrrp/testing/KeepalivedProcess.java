package dev.vigil.vrrp.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's keepalived running the VRRP subsystem only ({@code -P}) inside a network
 * namespace, for interop tests. Each process gets its own config, pid files and log in a
 * directory the test owns, so several can run side by side. {@link #close()} sends SIGTERM
 * (keepalived then resigns with priority 0), waits, and kills whatever is left.
 */
public final class KeepalivedProcess implements AutoCloseable {

    /** keepalived stops its VRRP child and exits within a second or two; give it more on a busy machine. */
    private static final long STOP_WAIT_SECONDS = 10;
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/keepalived"), Path.of("/sbin/keepalived"));

    private final Process process;
    private final Path log;
    private final Path directory;

    private KeepalivedProcess(Process process, Path log, Path directory) {
        this.directory = directory;
        this.process = process;
        this.log = log;
    }

    /** The keepalived binary, when installed. */
    public static Optional<Path> binary() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Skips the calling test when keepalived is missing. */
    public static void assumeInstalled() {
        assumeTrue(binary().isPresent(),
                "skipping keepalived interop test: keepalived is not installed (apt-get install keepalived)");
    }

    /**
     * Starts {@code keepalived -n -l -D -P} in {@code namespace} with {@code config}.
     *
     * @param directory where the config, pid files and log go (unique per process)
     */
    public static KeepalivedProcess start(String namespace, String config, Path directory) throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("keepalived is not installed"));
        Files.createDirectories(directory);
        Path conf = Files.writeString(directory.resolve("keepalived.conf"), config);
        Path log = directory.resolve("keepalived.log");
        ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", namespace, binary.toString(),
                "-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", directory.resolve("keepalived.pid").toString(),
                "-r", directory.resolve("vrrp.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // keepalived writes its SIGUSR2 stats file into $TMPDIR (when it is a directory).
        builder.environment().put("TMPDIR", directory.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        return new KeepalivedProcess(process, log, directory);
    }

    /**
     * Asks keepalived for its statistics (SIGUSR2, reference §1.7) and returns the text of
     * the stats file it writes, once it has appeared.
     */
    public String stats() throws IOException, InterruptedException {
        Path file = directory.resolve("keepalived.stats");
        Files.deleteIfExists(file);
        new ProcessBuilder("kill", "-USR2", String.valueOf(process.pid())).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > 0) {
                // keepalived writes the file in one go; a short pause lets it finish.
                Thread.sleep(100);
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            Thread.sleep(50);
        }
        throw new IOException("keepalived wrote no stats file into " + directory + "; log:\n" + log());
    }

    /** Whether the main process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM without waiting: keepalived resigns (priority 0) and exits. */
    public void terminate() {
        process.destroy();
    }

    /** Everything keepalived has logged so far (for assertion messages). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops keepalived (SIGTERM, then SIGKILL for it and its children); idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
