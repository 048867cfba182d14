package dev.vigil.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (dpkg-deb, groff, a launcher) for a test and captures what it
 * printed. A program that outlives its timeout is killed and reported as a failure.
 */
public final class Command {

    private final List<String> argv;
    private final Map<String, String> environment;
    private final Duration timeout;

    private Command(List<String> argv, Map<String, String> environment, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), Duration.ofSeconds(60));
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), Duration.ofSeconds(60));
    }

    /** The same command with these variables set (or, for an empty value, removed). */
    public Command env(Map<String, String> variables) {
        return new Command(argv, variables, timeout);
    }

    /** What a finished program left behind. */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr) {
        /** For assertion messages. */
        public String describe() {
            return String.join(" ", argv) + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public Result run() {
        ProcessBuilder builder = new ProcessBuilder(argv);
        environment.forEach((key, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish within " + timeout);
            }
            return new Result(argv, process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv.getFirst(), e);
        }
    }

    /** Whether {@code program} is an executable on PATH. */
    public static boolean available(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, program));
            }
        }
        return candidates.stream().anyMatch(Files::isExecutable);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        // Own threads: the reads block until the program closes its end.
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofVirtual().name("command-output").start(task));
    }
}
