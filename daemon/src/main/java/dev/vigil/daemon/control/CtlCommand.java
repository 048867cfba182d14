package dev.vigil.daemon.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vigil ctl}: talks to a running daemon over its control socket.
 *
 * <pre>
 * vigil ctl [-s SOCK] [--timeout SECONDS] status [--json]
 * vigil ctl [-s SOCK] ipvs -L -n [--stats | --rate | -c | --timeout]
 * vigil ctl [-s SOCK] reload | dump [--json] | stats [--clear]
 * </pre>
 *
 * Prints the daemon's {@code text} (to standard output on success, standard error on failure)
 * and exits with the daemon's exit code; {@code status --json} prints the structured data
 * instead. When no daemon can be reached it prints one line saying why and exits 1. Usage
 * errors exit 2. {@code dump --json} and {@code stats --clear} are the control-socket forms
 * of keepalived's JSON and STATS_CLEAR signals.
 */
@Command(name = "ctl", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Control a running Vigil daemon through its control socket.",
        subcommands = {CtlCommand.Status.class, CtlCommand.Ipvs.class, CtlCommand.Reload.class,
                CtlCommand.Dump.class, CtlCommand.Stats.class})
public final class CtlCommand implements Callable<Integer> {

    /** Exit code when no daemon could be reached. */
    public static final int EXIT_UNREACHABLE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--socket", "--control-socket"}, paramLabel = "SOCK",
            description = "control socket of the daemon (default: ${DEFAULT-VALUE})")
    Path socket = ControlServerSettings.DEFAULT_SOCKET;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "the daemon's net_namespace: without -s, its default socket /run/vigil/NAME/vigil.sock")
    String namespace;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "the daemon's instance: without -s, its default socket /run/vigil[/NAMESPACE]/vigil_NAME.sock")
    String instance;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "give up when the daemon has not answered after this many seconds (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 10;

    /** Runs {@code vigil ctl} with {@code args} (the words after "ctl") and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The picocli command line for {@code vigil ctl}, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new CtlCommand()).setOut(out).setErr(err);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * The socket to talk to: {@code -s}, else the default socket of the daemon that
     * {@code --namespace} and {@code --instance} name (as that daemon chose it), else Vigil's default.
     */
    Path socket() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if ((parsed != null && parsed.hasMatchedOption("--socket")) || (namespace == null && instance == null)) {
            return socket;
        }
        return new DaemonPaths(Optional.ofNullable(namespace), Optional.ofNullable(instance)).controlSocket();
    }

    /** Sends the request and prints the answer; {@code json} prints the data as JSON instead of the text. */
    int send(ControlRequest request, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ControlClient client = new ControlClient(socket(), Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        ControlResponse response;
        try {
            response = client.send(request);
        } catch (ControlClientException e) {
            err.println("vigil ctl: " + explain(e));
            err.flush();
            return EXIT_UNREACHABLE;
        }
        PrintWriter target = response.ok() ? out : err;
        String text = json && response.ok() ? ControlJson.pretty(response.data()) : response.text();
        target.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            target.println();
        }
        target.flush();
        return response.exitCode();
    }

    /** One line for the operator: what failed and what to try. */
    String explain(ControlClientException e) {
        String where = "cannot connect to " + socket() + ": ";
        String hint = " — is the daemon running? use -s for another socket";
        return switch (e.kind()) {
            case NO_SUCH_FILE -> where + "no such file" + hint;
            case REFUSED -> where + "connection refused" + hint;
            case PERMISSION_DENIED -> where + "permission denied — the control socket is for root only";
            case OTHER -> where + e.getMessage() + hint;
            case TIMEOUT -> "no answer from " + socket() + " within " + timeoutSeconds + " s";
            case PROTOCOL -> "bad answer from " + socket() + ": " + e.getMessage();
        };
    }

    /** {@code status [--json]}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Print the daemon's state.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        CtlCommand parent;

        @Option(names = "--json", description = "print the status as JSON")
        boolean json;

        @Override
        public Integer call() {
            return parent.send(json ? ControlRequest.of("status", "--json") : ControlRequest.of("status"), json);
        }
    }

    /** {@code ipvs -L -n [--stats | --rate | -c | --timeout]}: the IPVS table as ipvsadm prints it. */
    @Command(name = "ipvs", mixinStandardHelpOptions = true,
            description = "Print the IPVS table exactly as ipvsadm -L -n does.")
    static final class Ipvs implements Callable<Integer> {
        @ParentCommand
        CtlCommand parent;

        @Option(names = {"-L", "-l", "--list"}, required = true, description = "list the table")
        boolean list;

        @Option(names = {"-n", "--numeric"}, description = "numeric addresses and ports")
        boolean numeric;

        @ArgGroup(exclusive = true)
        Detail detail;

        static final class Detail {
            @Option(names = "--stats", description = "with statistics") boolean stats;
            @Option(names = "--rate", description = "with rates") boolean rate;
            @Option(names = {"-c", "--connection"}, description = "the connection table") boolean connections;
            @Option(names = "--timeout", description = "the TCP, TCP FIN and UDP connection timeouts")
            boolean timeouts;
        }

        @Override
        public Integer call() {
            List<String> args = new ArrayList<>(List.of("-L"));
            if (numeric) {
                args.add("-n");
            }
            if (detail != null) {
                args.add(detail.stats ? "--stats" : detail.rate ? "--rate" : detail.timeouts ? "--timeout" : "-c");
            }
            return parent.send(new ControlRequest("ipvs", args), false);
        }
    }

    /** {@code reload}: what SIGHUP does. */
    @Command(name = "reload", mixinStandardHelpOptions = true, description = "Reload the configuration (as SIGHUP).")
    static final class Reload implements Callable<Integer> {
        @ParentCommand
        CtlCommand parent;

        @Override
        public Integer call() {
            return parent.send(ControlRequest.of("reload"), false);
        }
    }

    /** {@code dump [--json]}: what SIGUSR1 (or, with --json, keepalived's JSON signal) does. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Write the data dump files (as SIGUSR1; with --json, keepalived.json as the JSON signal).")
    static final class Dump implements Callable<Integer> {
        @ParentCommand
        CtlCommand parent;

        @Option(names = "--json", description = "write keepalived.json instead")
        boolean json;

        @Override
        public Integer call() {
            return parent.send(json ? ControlRequest.of("dump", "--json") : ControlRequest.of("dump"), false);
        }
    }

    /** {@code stats [--clear]}: what SIGUSR2 (or, with --clear, STATS_CLEAR) does. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Write the statistics file (as SIGUSR2; with --clear, also reset the counters).")
    static final class Stats implements Callable<Integer> {
        @ParentCommand
        CtlCommand parent;

        @Option(names = "--clear", description = "reset the counters after writing (as STATS_CLEAR)")
        boolean clear;

        @Override
        public Integer call() {
            return parent.send(clear ? ControlRequest.of("stats", "--clear") : ControlRequest.of("stats"), false);
        }
    }
}
