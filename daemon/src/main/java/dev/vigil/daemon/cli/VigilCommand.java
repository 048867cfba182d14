package dev.vigil.daemon.cli;

import dev.vigil.daemon.control.CtlCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code vigil} command line: keepalived's flags (so existing unit files and scripts
 * keep working) plus Vigil's own. Flags that keepalived has but that change nothing in Vigil
 * (forking, respawning, SNMP, core dumps) are accepted so that command lines carry over.
 */
@Command(name = "vigil", mixinStandardHelpOptions = false, sortOptions = false,
        subcommands = {GenhashCommand.class, CtlCommand.class},
        description = "keepalived-compatible high-availability controller for Linux load-balancer directors.",
        footer = {"", "Exit codes of -t: 0 ok, 3 the configuration cannot run, 4 errors but it would run."})
public final class VigilCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE",
            description = "configuration file (keepalived.conf syntax, or .json/.yaml). Default: " + DEFAULT_CONFIG)
    Path configFile = Path.of(DEFAULT_CONFIG);

    @Option(names = {"-t", "--config-test"}, arity = "0..1", paramLabel = "LOGFILE", fallbackValue = "",
            description = "check the configuration and exit; diagnostics go to standard error, or to LOGFILE")
    String configTest;

    @Option(names = "--dump", paramLabel = "json|yaml",
            description = "with -t: print the bound configuration model as JSON or YAML")
    DumpFormat dump;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID",
            description = "configuration id for @ID lines (default: host name up to the first dot)")
    String configId;

    @Option(names = {"-l", "--log-console"}, description = "log to the console (always on in Vigil)")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "detailed log messages")
    boolean logDetail;

    @Option(names = {"-n", "--dont-fork"}, description = "run in the foreground (Vigil never forks)")
    boolean dontFork;

    @Option(names = {"-P", "--vrrp"}, description = "run the VRRP subsystem only")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "run the health checkers only")
    boolean checkOnly;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "pid file")
    Path pidFile;

    @Option(names = {"--signum"}, paramLabel = "NAME",
            description = "print the signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR or JSON")
    String signum;

    @Option(names = {"-v", "--version"}, description = "print the version and exit")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    /** The dump formats of {@code --dump}. */
    public enum DumpFormat { json, yaml }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogSetup.apply(logDetail);
        if (version) {
            out.println("Vigil " + Version.current());
            return 0;
        }
        if (signum != null) {
            Optional<Integer> number = SignalNames.number(signum);
            if (number.isEmpty()) {
                // keepalived's own wording, so scripts that parse it keep working.
                err.println("Unknown sigfunc " + signum);
                return 1;
            }
            out.println(number.get());
            return 0;
        }
        if (configTest != null) {
            return new ConfigTest(configFile, configId, dump).run(out, err, configTest);
        }
        err.println("vigil: running the daemon needs the VRRP engine and the Controller, which this"
                + " build does not have yet; this version can check a configuration: vigil -t -f FILE");
        return 3;
    }
}
