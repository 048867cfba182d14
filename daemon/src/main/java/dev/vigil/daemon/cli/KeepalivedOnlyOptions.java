package dev.vigil.daemon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * keepalived's command-line flags that have nothing to act on in Vigil, accepted so that an
 * existing {@code DAEMON_ARGS} line or unit file starts Vigil unchanged. Each one that is
 * given yields one note at start saying why it changes nothing (and what to use instead).
 */
final class KeepalivedOnlyOptions {

    @Option(names = {"-B", "--no_bfd"}, description = "accepted and ignored: Vigil has no BFD subsystem")
    boolean noBfd;

    @Option(names = "--all", description = "accepted and ignored: Vigil runs as one process")
    boolean all;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY",
            description = "accepted and ignored: Vigil logs to standard error (the journal under systemd)")
    String logFacility;

    @Option(names = {"-G", "--no-syslog"}, description = "accepted: Vigil never logs to syslog itself")
    boolean noSyslog;

    @Option(names = {"-u", "--umask"}, paramLabel = "MASK",
            description = "accepted and ignored: files Vigil creates get their modes explicitly")
    String umask;

    @Option(names = {"-X", "--release-vips"}, description = "accepted and ignored")
    boolean releaseVips;

    @Option(names = {"-R", "--dont-respawn"}, description = "accepted and ignored: Vigil has no child processes")
    boolean dontRespawn;

    @Option(names = {"-d", "--dump-conf"},
            description = "accepted and ignored: print the bound configuration with -t --dump json|yaml")
    boolean dumpConf;

    @Option(names = {"-a", "--address-monitoring"}, description = "accepted and ignored")
    boolean addressMonitoring;

    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "accepted and ignored: no BFD")
    String bfdPid;

    @Option(names = {"-x", "--snmp"}, description = "accepted and ignored: no SNMP; see --metrics")
    boolean snmp;

    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE",
            description = "accepted and ignored: no SNMP; see --metrics")
    String snmpAgentSocket;

    @Option(names = {"-m", "--core-dump"}, description = "accepted and ignored: the JVM writes hs_err files")
    boolean coreDump;

    @Option(names = {"-M", "--core-dump-pattern"}, paramLabel = "PATTERN", arity = "0..1", fallbackValue = "core",
            description = "accepted and ignored: Vigil does not change kernel.core_pattern")
    String coreDumpPattern;

    /** One line per flag given, saying that and why it is ignored; empty when none was given. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        note(notes, noBfd, "-B", "Vigil has no BFD subsystem");
        note(notes, all, "--all", "Vigil runs VRRP and the checkers in one process");
        note(notes, logFacility != null, "-S " + logFacility,
                "Vigil logs to standard error (the journal under systemd), not to syslog");
        note(notes, noSyslog, "-G", "Vigil never logs to syslog itself");
        note(notes, umask != null, "-u " + umask, "the files Vigil creates get explicit modes");
        note(notes, releaseVips, "-X", "Vigil always releases the VIPs when it leaves MASTER");
        note(notes, dontRespawn, "-R", "Vigil has no child processes to respawn");
        note(notes, dumpConf, "-d", "print the bound configuration with: vigil -t --dump json");
        note(notes, addressMonitoring, "-a", "address events are followed for VRRP only");
        note(notes, bfdPid != null, "-b " + bfdPid, "Vigil has no BFD subsystem");
        note(notes, snmp, "-x", "Vigil has no SNMP agent; use the Prometheus endpoint (--metrics)");
        note(notes, snmpAgentSocket != null, "-A " + snmpAgentSocket,
                "Vigil has no SNMP agent; use the Prometheus endpoint (--metrics)");
        note(notes, coreDump, "-m", "the JVM writes hs_err_pid files on a crash");
        note(notes, coreDumpPattern != null, "-M", "Vigil does not change kernel.core_pattern");
        return List.copyOf(notes);
    }

    private static void note(List<String> notes, boolean given, String flag, String why) {
        if (given) {
            notes.add(flag + " ignored: " + why);
        }
    }
}
