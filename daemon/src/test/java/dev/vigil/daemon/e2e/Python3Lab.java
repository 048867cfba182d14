package dev.vigil.daemon.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.testing.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The python3 programs the end-to-end tests run inside their namespaces: a real server
 * ({@code http.server} answering its name) and a client that requests {@code http://ADDRESS/}
 * with {@code Connection: close} again and again, printing one line per request on standard
 * output: {@code START_NS STATUS BODY}, or {@code START_NS ERR KIND} when the request failed.
 * The caller owns the processes it gets (reads their output, destroys them).
 */
final class Python3Lab {

    private Python3Lab() {
    }

    /** The python3 interpreter's path; skips the calling test when there is none. */
    static String locateOrSkip() throws InterruptedException {
        NetnsLab.Result probe;
        try {
            probe = NetnsLab.run(List.of("python3", "-c", "import sys; print(sys.executable)"));
        } catch (IOException e) {
            probe = new NetnsLab.Result(127, "", e.getMessage());
        }
        assumeTrue(probe.exitCode() == 0 && !probe.stdout().isBlank(),
                "skipping: python3 is needed for the real servers and the client (" + probe.stderr().strip() + ")");
        return probe.stdout().strip();
    }

    /**
     * An HTTP real server on {@code address:port} in {@code namespace} whose {@code /} answers
     * {@code name}; its files live in {@code dir/NAME-www}, its output goes to {@code dir/NAME.log}.
     */
    static Process httpServer(String python, String namespace, String name, String address, int port, Path dir)
            throws IOException {
        Path root = Files.createDirectories(dir.resolve(name + "-www"));
        Files.writeString(root.resolve("index.html"), name + "\n");
        return new ProcessBuilder("ip", "netns", "exec", namespace, python, "-m", "http.server",
                Integer.toString(port), "--bind", address, "--directory", root.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
                .start();
    }

    /**
     * The probing client in {@code namespace}.
     *
     * @param interval the pause after each request
     * @param errors   where the interpreter's own errors go
     */
    static Process probeLoop(String python, String namespace, String address, Duration interval, Path errors)
            throws IOException {
        String script = """
                import http.client, time
                while True:
                    start = time.monotonic_ns()
                    try:
                        c = http.client.HTTPConnection("%s", 80, timeout=1)
                        c.request("GET", "/", headers={"Connection": "close"})
                        r = c.getresponse()
                        body = r.read().decode().strip()
                        c.close()
                        print(start, r.status, body, flush=True)
                    except Exception as e:
                        print(start, "ERR", type(e).__name__, flush=True)
                    time.sleep(%s)
                """.formatted(address, interval.toMillis() / 1000.0);
        return new ProcessBuilder("ip", "netns", "exec", namespace, python, "-u", "-c", script)
                .redirectError(errors.toFile()).start();
    }
}
