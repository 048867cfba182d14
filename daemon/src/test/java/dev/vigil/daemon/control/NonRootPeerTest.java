package dev.vigil.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer-credential check with a real unprivileged client: the socket's mode is loosened so
 * that user nobody can connect at all, and the daemon must still refuse it. Needs root,
 * setpriv (util-linux) and /usr/bin/python3 as the client.
 */
class NonRootPeerTest {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The conventional uid/gid of "nobody" on Debian. */
    private static final String NOBODY = "65534";

    @TempDir
    Path dir;

    @Test
    void unprivilegedPeerIsRefusedEvenWhenTheSocketModeAllowsIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to user nobody");
        assumeTrue(Files.isExecutable(SETPRIV) && Files.isExecutable(PYTHON), "needs setpriv and /usr/bin/python3");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("vigil.sock");
        ControlHandlers handlers = new ControlHandlers()
                .register("status", request -> ControlResponse.success("secret state", Map.of()));
        try (ControlServer server = ControlServer.start(ControlServerSettings.defaults(socket), handlers)) {
            Files.setPosixFilePermissions(server.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));

            String answer = runAsNobody(socket);

            assertTrue(answer.contains("\"ok\":false"), answer);
            assertTrue(answer.contains("permission denied: user nobody"), answer);
            assertEquals(0, new ControlClient(socket, java.time.Duration.ofSeconds(5))
                    .send(ControlRequest.of("status")).exitCode(), "root is still served");
        }
    }

    private static String runAsNobody(Path socket) throws Exception {
        String client = "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX)\n"
                + "s.connect(sys.argv[1])\n"
                + "s.sendall(b'{\"command\":\"status\"}\\n')\n"
                + "s.shutdown(socket.SHUT_WR)\n"
                + "d=b''\n"
                + "while True:\n"
                + "    c=s.recv(4096)\n"
                + "    if not c: break\n"
                + "    d+=c\n"
                + "sys.stdout.write(d.decode())\n";
        Process process = new ProcessBuilder(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", PYTHON.toString(), "-c", client, socket.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "client did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
