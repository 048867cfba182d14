package dev.vigil.daemon.cli;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadedConfig;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.control.ControlServerSettings;
import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.daemon.metrics.MetricsListen;
import dev.vigil.daemon.run.BackendChoice;
import dev.vigil.daemon.run.BackendFactory;
import dev.vigil.daemon.run.Daemon;
import dev.vigil.daemon.run.DaemonIdentity;
import dev.vigil.daemon.run.DaemonSettings;
import dev.vigil.daemon.run.DaemonStartException;
import dev.vigil.daemon.run.PidFile;
import dev.vigil.linux.NetNamespace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code vigil} command line: keepalived's flags (so existing unit files and scripts
 * keep working) plus Vigil's own. Flags that keepalived has but that change nothing in Vigil
 * (forking, respawning, SNMP, core dumps) are accepted so that command lines carry over.
 *
 * <p>Without {@code -t}, {@code --signum}, {@code -v} or a subcommand it runs the daemon
 * ({@link Daemon}) in the foreground: {@code -n} is implied since Vigil never forks, and
 * {@code -r} / {@code -c} (keepalived's per-child pid files) are accepted and ignored, since
 * VRRP and the checkers run in the one process whose pid {@code -p} records. The IPVS backends
 * of {@code --backend} come from the {@link BackendFactory} given to the constructor.
 */
@Command(name = "vigil", mixinStandardHelpOptions = false, sortOptions = false,
        subcommands = {GenhashCommand.class, CtlCommand.class},
        description = "keepalived-compatible high-availability controller for Linux load-balancer directors.",
        footer = {"", "Exit codes of -t: 0 ok, 3 the configuration cannot run, 4 errors but it would run,"
                        + " 5 scripts without enable_script_security.",
                "Exit codes of the daemon: 0 stopped by SIGTERM/SIGINT, 1 could not start, 2 a subsystem could"
                        + " not start (capability, IPVS backend), 3 the configuration cannot run."})
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

    @Option(names = {"-n", "--dont-fork"}, description = "run in the foreground (implied: Vigil never forks)")
    boolean dontFork;

    @Option(names = {"-P", "--vrrp"}, description = "run the VRRP subsystem only (with -C: both)")
    boolean vrrpOnly;

    @Option(names = {"-C", "--check"}, description = "run the health checkers only (with -P: both)")
    boolean checkOnly;

    @Option(names = {"-V", "--dont-release-vrrp"}, description = "keep the VIPs when stopping")
    boolean dontReleaseVrrp;

    @Option(names = {"-I", "--dont-release-ipvs"}, description = "keep the IPVS table when stopping")
    boolean dontReleaseIpvs;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "pid file (default: " + PidFile.DEFAULT
            + ", or /run/vigil[/NAMESPACE]/vigil[_INSTANCE].pid with net_namespace or instance)")
    Path pidFile = Path.of(PidFile.DEFAULT);

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE",
            description = "accepted for keepalived compatibility and ignored: Vigil is one process, see -p")
    Path vrrpPidFile;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE",
            description = "accepted for keepalived compatibility and ignored: Vigil is one process, see -p")
    Path checkersPidFile;

    @Option(names = {"-e", "--all-config"},
            description = "do not load the configuration if any included file is missing or cannot be read")
    boolean allConfig;

    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME",
            description = "run in network namespace NAME (ip netns), over the configuration's net_namespace")
    String namespace;

    /** keepalived's flags that have nothing to act on in Vigil: accepted, each noted once at start. */
    @picocli.CommandLine.Mixin
    KeepalivedOnlyOptions keepalivedOnly = new KeepalivedOnlyOptions();

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "control socket for vigil ctl (default: " + ControlServerSettings.DEFAULT_SOCKET_NAME
                    + ", or /run/vigil[/NAMESPACE]/vigil[_INSTANCE].sock with net_namespace or instance)")
    Path controlSocket = ControlServerSettings.DEFAULT_SOCKET;

    @Option(names = "--metrics", paramLabel = "HOST:PORT|off",
            description = "Prometheus /metrics and JSON /status endpoint (default: ${DEFAULT-VALUE})")
    String metrics = MetricsListen.DEFAULT;

    @Option(names = "--backend", paramLabel = "kernel|userspace|auto",
            description = "IPVS backend for virtual servers (default: ${DEFAULT-VALUE})")
    String backend = "auto";

    private final BackendFactory backends;

    /** The command of a build without IPVS backends (see {@link BackendFactory#unavailable()}). */
    public VigilCommand() {
        this(BackendFactory.unavailable());
    }

    /** The command, opening IPVS backends with {@code backends}. */
    public VigilCommand(BackendFactory backends) {
        this.backends = Objects.requireNonNull(backends, "backends");
    }

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
            return new ConfigTest(configFile, configId, dump, allConfig).run(out, err, configTest);
        }
        return runDaemon(err);
    }

    /** Runs the daemon in the foreground until SIGTERM / SIGINT; returns its exit code. */
    private int runDaemon(PrintWriter err) {
        Optional<DaemonSettings> settings = daemonSettings(err);
        if (settings.isEmpty()) {
            return CommandLine.ExitCode.USAGE;
        }
        LoadedConfig loaded = ConfigLoader.load(configFile, Optional.ofNullable(configId), allConfig);
        DaemonIdentity identity;
        try {
            identity = identity(loaded, err);
        } catch (IllegalArgumentException e) {
            err.println("vigil: " + configFile + ": " + e.getMessage());
            return Daemon.EXIT_CONFIG;
        }
        if (identity.netNamespace().isPresent()) {
            OptionalInt failed = NetNamespaceEntry.ensureInside(identity.netNamespace().get(), System.getenv(), err);
            if (failed.isPresent()) {
                return failed.getAsInt();
            }
        }
        DaemonSettings resolved = withIdentityPaths(settings.get(), identity);
        if (vrrpPidFile != null || checkersPidFile != null) {
            err.println("vigil: -r/-c ignored: Vigil runs VRRP and the checkers in one process, whose pid is in "
                    + resolved.pidFile());
        }
        keepalivedOnly.notes().forEach(note -> err.println("vigil: " + note));
        try {
            Daemon daemon = Daemon.start(resolved, loaded, backends, err);
            return daemon.awaitStop();
        } catch (DaemonStartException e) {
            err.println("vigil: " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Daemon.EXIT_FAILURE;
        }
    }

    /** {@code settings} with {@code identity}'s pid file and control socket where the command line names none. */
    DaemonSettings withIdentityPaths(DaemonSettings settings, DaemonIdentity identity) {
        return settings.withPaths(given("--pid") ? settings.pidFile() : identity.pidFile(),
                given("--control-socket") ? settings.controlSocket() : identity.controlSocket());
    }

    /** Whether the command line named option {@code name} (rather than leaving its default). */
    private boolean given(String name) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(name);
    }

    /**
     * Which daemon this is: the configuration's {@code net_namespace} (or {@code -s}) and
     * {@code instance}, read before the daemon starts because they decide the namespace it
     * runs in and its default paths. A configuration that does not load gives only {@code -s};
     * the daemon then reports why it does not load.
     */
    private DaemonIdentity identity(LoadedConfig loaded, PrintWriter err) {
        Optional<String> override = Optional.ofNullable(namespace);
        Optional<GlobalDefs> globals = loaded.config().map(KeepalivedConfig::globalDefs);
        // Said once: not again by the process exec'd inside the namespace.
        globals.flatMap(GlobalDefs::netNamespace).filter(ns -> override.isPresent() && !ns.equals(namespace))
                .filter(ns -> System.getProperty(NetNamespaceEntry.ENTERED) == null)
                .ifPresent(ns -> err.println("vigil: the command line's namespace " + namespace
                        + " overrides net_namespace " + ns + " of the configuration"));
        return globals.map(g -> DaemonIdentity.of(g, override))
                .orElseGet(() -> new DaemonIdentity(override, Optional.empty()));
    }

    /**
     * The daemon settings the options ask for, or empty after printing why they are invalid.
     * Without {@code -p} or {@code --control-socket} the plain default paths stand in; the
     * daemon's own come from its {@link DaemonIdentity}.
     */
    Optional<DaemonSettings> daemonSettings(PrintWriter err) {
        if (namespace != null) {
            try {
                NetNamespace.path(namespace);
            } catch (IllegalArgumentException e) {
                err.println("vigil: -s/--namespace: " + e.getMessage());
                return Optional.empty();
            }
        }
        MetricsListen listen = MetricsListen.parse(metrics);
        if (listen instanceof MetricsListen.Invalid invalid) {
            err.println("vigil: " + invalid.message());
            return Optional.empty();
        }
        Optional<BackendChoice> choice = BackendChoice.parse(backend);
        if (choice.isEmpty()) {
            err.println("vigil: --backend " + backend + ": expected kernel, userspace or auto");
            return Optional.empty();
        }
        boolean runVrrp = !checkOnly || vrrpOnly;
        boolean runCheckers = !vrrpOnly || checkOnly;
        return Optional.of(new DaemonSettings(configFile, Optional.ofNullable(configId), pidFile, controlSocket,
                listen, choice.get(), runVrrp, runCheckers, !dontReleaseVrrp, !dontReleaseIpvs, true, allConfig,
                Optional.ofNullable(namespace)));
    }
}
