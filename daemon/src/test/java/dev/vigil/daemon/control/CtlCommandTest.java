package dev.vigil.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtlCommandTest {

    @TempDir
    Path dir;

    private final List<ControlRequest> received = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ControlServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("vigil.sock");
        ControlHandlers handlers = new ControlHandlers()
                .register("status", recording(ControlResponse.success("VRRP Instance VI_1: MASTER",
                        Map.of("instances", List.of(Map.of("name", "VI_1", "state", "MASTER"))))))
                .register("ipvs", recording(ControlResponse.success("IP Virtual Server version 1.2.1 (size=4096)\n", null)))
                .register("reload", recording(ControlResponse.failure(4, "configuration has errors; not reloaded\n")))
                .register("dump", recording(ControlResponse.success("", null)))
                .register("stats", recording(ControlResponse.success("wrote /tmp/keepalived.stats\n", null)));
        server = ControlServer.start(ControlServerSettings.defaults(socket), handlers);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ControlHandler recording(ControlResponse response) {
        return request -> {
            received.add(request);
            return response;
        };
    }

    private int ctl(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-s";
        full[1] = socket.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return CtlCommand.run(full, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path socketFor(String... args) {
        picocli.CommandLine line = CtlCommand.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        line.parseArgs(args);
        return ((CtlCommand) line.getCommand()).socket();
    }

    @Test
    void namespaceAndInstanceFindTheDaemonsDefaultSocketUnlessOneIsNamed() {
        assertEquals(Path.of("/run/vigil/vigil.sock"), socketFor("status"));
        assertEquals(Path.of("/run/vigil/lb1/vigil.sock"), socketFor("--namespace", "lb1", "status"));
        assertEquals(Path.of("/run/vigil/lb1/vigil_blue.sock"),
                socketFor("--namespace", "lb1", "--instance", "blue", "status"));
        assertEquals(Path.of("/run/vigil/vigil_blue.sock"), socketFor("--instance", "blue", "status"));
        assertEquals(Path.of("/tmp/x.sock"), socketFor("-s", "/tmp/x.sock", "--namespace", "lb1", "status"));
    }

    @Test
    void statusPrintsTheTextWithANewline() {
        assertEquals(0, ctl("status"));
        assertEquals("VRRP Instance VI_1: MASTER\n", out.toString());
        assertEquals("", err.toString());
        assertEquals(List.of(ControlRequest.of("status")), received);
    }

    @Test
    void statusJsonPrintsTheData() throws Exception {
        assertEquals(0, ctl("status", "--json"));
        var tree = new ObjectMapper().readTree(out.toString());
        assertEquals("MASTER", tree.get("instances").get(0).get("state").asText());
        assertEquals(List.of(ControlRequest.of("status", "--json")), received);
    }

    @Test
    void ipvsForwardsCanonicalArguments() {
        assertEquals(0, ctl("ipvs", "-Ln", "--stats"));
        assertEquals(0, ctl("ipvs", "-L", "-n", "-c"));
        assertEquals(0, ctl("ipvs", "--list", "--numeric"));
        assertEquals(List.of(ControlRequest.of("ipvs", "-L", "-n", "--stats"), ControlRequest.of("ipvs", "-L", "-n", "-c"),
                ControlRequest.of("ipvs", "-L", "-n")), received);
        assertTrue(out.toString().startsWith("IP Virtual Server version"));
    }

    @Test
    void ipvsRejectsConflictingOrMissingOptionsWithoutSending() {
        assertEquals(2, ctl("ipvs", "-L", "-n", "--stats", "--rate"));
        assertEquals(2, ctl("ipvs", "-n"));
        assertEquals(List.of(), received);
    }

    @Test
    void failureTextGoesToStandardErrorWithTheDaemonsExitCode() {
        assertEquals(4, ctl("reload"));
        assertEquals("", out.toString());
        assertEquals("configuration has errors; not reloaded\n", err.toString());
    }

    @Test
    void dumpAndStatsForwardTheirOptions() {
        assertEquals(0, ctl("dump", "--json"));
        assertEquals(0, ctl("stats", "--clear"));
        assertEquals(0, ctl("stats"));
        assertEquals(List.of(ControlRequest.of("dump", "--json"), ControlRequest.of("stats", "--clear"),
                ControlRequest.of("stats")), received);
    }

    @Test
    void missingSocketGivesOneClearLineAndExitOne() {
        Path missing = dir.resolve("nothing/here.sock");
        int code = CtlCommand.run(new String[] {"-s", missing.toString(), "status"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertEquals("vigil ctl: cannot connect to " + missing + ": no such file — is the daemon running?"
                + " use -s for another socket\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void staleSocketSaysConnectionRefused() throws Exception {
        Path stale = dir.resolve("stale.sock");
        try (var dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            dead.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        int code = CtlCommand.run(new String[] {"--control-socket", stale.toString(), "reload"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertEquals("vigil ctl: cannot connect to " + stale + ": connection refused — is the daemon running?"
                + " use -s for another socket\n", err.toString());
    }

    @Test
    void defaultSocketIsTheDocumentedOne() {
        CtlCommand command = new CtlCommand();
        assertEquals(Path.of("/run/vigil/vigil.sock"), command.socket);
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(2, ctl());
        assertTrue(err.toString().contains("Usage: ctl"), err.toString());
    }
}
