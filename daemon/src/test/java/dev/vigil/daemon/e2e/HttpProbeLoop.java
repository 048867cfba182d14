package dev.vigil.daemon.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A client in a test namespace that requests {@code http://ADDRESS/} with
 * {@code Connection: close} again and again (python3, one TCP connection per request) and
 * prints one line per request on standard output: {@code START_NS STATUS BODY}, or
 * {@code START_NS ERR KIND} when the request failed. The caller reads the lines and
 * destroys the process.
 */
final class HttpProbeLoop {

    private HttpProbeLoop() {
    }

    /**
     * @param python   the python3 interpreter
     * @param interval the pause after each request
     * @param errors   where the interpreter's own errors go
     */
    static Process start(String namespace, String python, String address, Duration interval, Path errors)
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
