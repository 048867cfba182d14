package dev.vigil.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.metrics.MetricsListen;
import dev.vigil.daemon.run.BackendChoice;
import dev.vigil.daemon.run.DaemonIdentity;
import dev.vigil.daemon.run.DaemonSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DaemonOptionsTest {

    private static DaemonSettings parse(String... args) {
        VigilCommand command = new VigilCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.daemonSettings(new PrintWriter(new StringWriter())).orElseThrow();
    }

    @Test
    void defaultsFollowDesign() {
        DaemonSettings s = parse();
        assertEquals(Path.of("/etc/keepalived/keepalived.conf"), s.configFile());
        assertEquals(Path.of("/run/vigil/vigil.pid"), s.pidFile());
        assertEquals(Path.of("/run/vigil/vigil.sock"), s.controlSocket());
        assertTrue(s.metrics() instanceof MetricsListen.Listen listen && listen.address().getPort() == 9650);
        assertEquals(BackendChoice.AUTO, s.backend());
        assertTrue(s.runVrrp() && s.runCheckers() && s.releaseVips() && s.releaseIpvs() && s.installSignals());
        assertFalse(s.allConfig());
    }

    @Test
    void allConfigFlagIsKeepalivedsE() {
        assertTrue(parse("-e").allConfig());
        assertTrue(parse("--all-config").allConfig());
    }

    @Test
    void keepalivedFlagsMapToSettings() {
        DaemonSettings s = parse("-n", "-l", "-D", "-f", "a.conf", "-p", "/tmp/x.pid", "-V", "-I", "-i", "node1",
                "--control-socket", "/tmp/x.sock", "--metrics", "off", "--backend", "userspace",
                "-r", "/tmp/v.pid", "-c", "/tmp/c.pid");
        assertEquals(Path.of("a.conf"), s.configFile());
        assertEquals(Optional.of("node1"), s.configId());
        assertEquals(Path.of("/tmp/x.pid"), s.pidFile());
        assertEquals(Path.of("/tmp/x.sock"), s.controlSocket());
        assertEquals(new MetricsListen.Disabled(), s.metrics());
        assertEquals(BackendChoice.USERSPACE, s.backend());
        assertFalse(s.releaseVips());
        assertFalse(s.releaseIpvs());
    }

    @Test
    void subsystemFlagsAreKeepalivedBits() {
        assertTrue(parse("-P").runVrrp());
        assertFalse(parse("-P").runCheckers());
        assertFalse(parse("-C").runVrrp());
        assertTrue(parse("-C").runCheckers());
        DaemonSettings both = parse("-P", "-C");
        assertTrue(both.runVrrp() && both.runCheckers());
    }

    @Test
    void keepalivedOnlyFlagsAreAcceptedWithOneNoteEach() {
        VigilCommand command = new VigilCommand();
        new CommandLine(command).parseArgs("-D", "-S", "7", "-G", "-R", "-d", "-x", "-m", "-a", "-B", "--all",
                "-u", "0022", "-b", "/tmp/b.pid", "-X", "-A", "/tmp/agent", "-M");
        var notes = command.keepalivedOnly.notes();
        assertEquals(14, notes.size(), notes.toString());
        assertTrue(notes.contains("-S 7 ignored: Vigil logs to standard error (the journal under systemd), not to syslog"),
                notes.toString());
        assertTrue(notes.stream().allMatch(n -> n.contains(" ignored: ")));
        assertTrue(parse("-S", "local0", "-R").runVrrp(), "the daemon still starts");
    }

    @Test
    void noKeepalivedOnlyFlagNoNote() {
        VigilCommand command = new VigilCommand();
        new CommandLine(command).parseArgs("-D", "-n");
        assertTrue(command.keepalivedOnly.notes().isEmpty());
    }

    @Test
    void namespaceOptionIsKeepalivedsOverrideOfNetNamespace() {
        assertEquals(Optional.of("blue"), parse("-s", "blue").namespace());
        assertEquals(Optional.of("blue"), parse("--namespace", "blue").namespace());
        assertEquals(Optional.empty(), parse().namespace());
        VigilCommand command = new VigilCommand();
        new CommandLine(command).parseArgs("-s", "../blue");
        StringWriter err = new StringWriter();
        assertTrue(command.daemonSettings(new PrintWriter(err, true)).isEmpty());
        assertTrue(err.toString().contains("not a namespace name: '../blue'"), err.toString());
    }

    @Test
    void netNamespaceAndInstanceMoveOnlyTheDefaultPaths() {
        DaemonIdentity identity = new DaemonIdentity(Optional.of("lb1"), Optional.of("blue"));
        VigilCommand plain = new VigilCommand();
        new CommandLine(plain).parseArgs();
        DaemonSettings moved = plain.withIdentityPaths(plain.daemonSettings(new PrintWriter(new StringWriter()))
                .orElseThrow(), identity);
        assertEquals(Path.of("/run/vigil/lb1/vigil_blue.pid"), moved.pidFile());
        assertEquals(Path.of("/run/vigil/lb1/vigil_blue.sock"), moved.controlSocket());

        VigilCommand named = new VigilCommand();
        new CommandLine(named).parseArgs("-p", "/run/vigil/vigil.pid", "--control-socket", "/tmp/x.sock");
        DaemonSettings kept = named.withIdentityPaths(named.daemonSettings(new PrintWriter(new StringWriter()))
                .orElseThrow(), identity);
        assertEquals(Path.of("/run/vigil/vigil.pid"), kept.pidFile(), "named on the command line, even as the default");
        assertEquals(Path.of("/tmp/x.sock"), kept.controlSocket());
    }
}
