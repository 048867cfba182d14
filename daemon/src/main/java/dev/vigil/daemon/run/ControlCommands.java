package dev.vigil.daemon.run;

import dev.vigil.daemon.control.ControlHandlers;
import dev.vigil.daemon.control.ControlRequest;
import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.signal.DumpFiles;
import dev.vigil.ipvs.VirtualTable;
import dev.vigil.ipvs.listing.ConnectionRow;
import dev.vigil.ipvs.listing.IpvsadmFormat;
import dev.vigil.ipvs.listing.ListFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The daemon's control commands (DESIGN.md, command-line contract), registered on a
 * {@link ControlHandlers}:
 * <ul>
 * <li>{@code status [--json]}: VRRP instances (state, priority, master) and virtual / real servers;</li>
 * <li>{@code ipvs -L -n [--stats|--rate]}: the backend's table as ipvsadm prints it
 *     ({@code -c}: the connection table, the forwarder's own or the kernel's; {@code --timeout}:
 *     the TCP, TCP FIN and UDP timeouts);</li>
 * <li>{@code stats [--clear]}, {@code dump [--json]}: what SIGUSR2 / STATS_CLEAR and SIGUSR1 /
 *     JSON do, answering with the files written;</li>
 * <li>{@code reload}: what SIGHUP does (see {@link Reloader}).</li>
 * </ul>
 * Handlers run on control connection threads; everything they read is thread-safe.
 */
public final class ControlCommands {

    private final DaemonDumps dumps;
    private final DaemonView view;
    private final Supplier<ControlResponse> reload;

    ControlCommands(DaemonView view, DaemonDumps dumps, Supplier<ControlResponse> reload) {
        this.view = view;
        this.dumps = dumps;
        this.reload = reload;
    }

    /**
     * The commands of a daemon seen through {@code view}, writing dumps into {@code dumps};
     * {@code reload} answers {@code reload}.
     */
    public static ControlCommands of(DaemonView view, DumpFiles dumps, boolean vrrpRunning, boolean checkersRunning,
                                     Supplier<ControlResponse> reload) {
        return new ControlCommands(view, new DaemonDumps(view, dumps, vrrpRunning, checkersRunning), reload);
    }

    /** Registers every command on {@code handlers}; returns them. */
    public ControlHandlers register(ControlHandlers handlers) {
        return handlers.register("status", this::status)
                .register("ipvs", this::ipvs)
                .register("stats", this::stats)
                .register("dump", this::dump)
                .register("reload", request -> reload.get());
    }

    ControlResponse status(ControlRequest request) {
        if (!request.args().isEmpty() && !request.args().equals(List.of("--json"))) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE, "usage: status [--json]");
        }
        StatusReport report = dumps.status();
        return ControlResponse.success(report.text(), report);
    }

    ControlResponse ipvs(ControlRequest request) {
        List<String> args = request.args();
        if (!(args.contains("-L") || args.contains("-l") || args.contains("--list"))) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE, "usage: ipvs -L -n [--stats | --rate | -c | --timeout]");
        }
        ListFormat format = ListFormat.PLAIN;
        for (String arg : args) {
            switch (arg) {
                case "-L", "-l", "--list", "-n", "--numeric" -> { }
                case "--stats" -> format = ListFormat.STATS;
                case "--rate" -> format = ListFormat.RATE;
                case "--timeout" -> {
                    return switch (view.ipvsTimeouts()) {
                        case DaemonView.TimeoutListing.Timeouts(int tcp, int tcpFin, int udp) ->
                                ControlResponse.success(IpvsadmFormat.timeouts(tcp, tcpFin, udp), null);
                        case DaemonView.TimeoutListing.Unavailable(String reason) ->
                                ControlResponse.failure(ControlResponse.EXIT_FAILURE, "ipvs -L --timeout: " + reason);
                    };
                }
                case "-c", "--connection" -> {
                    return switch (view.ipvsConnections()) {
                        case DaemonView.ConnectionListing.Rows(List<ConnectionRow> rows) ->
                                ControlResponse.success(IpvsadmFormat.connections(rows, false), null);
                        case DaemonView.ConnectionListing.Unavailable(String reason) ->
                                ControlResponse.failure(ControlResponse.EXIT_FAILURE, "ipvs -L -c: " + reason);
                    };
                }
                default -> {
                    return ControlResponse.failure(ControlResponse.EXIT_USAGE, "ipvs: unknown option " + arg);
                }
            }
        }
        Optional<VirtualTable> table = view.ipvsTable();
        if (table.isEmpty()) {
            return ControlResponse.failure(ControlResponse.EXIT_FAILURE,
                    "no IPVS table: this daemon runs no virtual_server (none configured, or -P)");
        }
        return ControlResponse.success(IpvsadmFormat.list(view.ipvsInfo(), table.get(), format, false), null);
    }

    ControlResponse stats(ControlRequest request) {
        boolean clear = request.args().equals(List.of("--clear"));
        if (!clear && !request.args().isEmpty()) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE, "usage: stats [--clear]");
        }
        try {
            Path path = clear ? dumps.writeAndClearStats() : dumps.writeStats();
            return ControlResponse.success("statistics written to " + path + (clear ? "; counters cleared" : ""),
                    null);
        } catch (IOException e) {
            return ControlResponse.failure(ControlResponse.EXIT_FAILURE, "cannot write statistics: " + e.getMessage());
        }
    }

    ControlResponse dump(ControlRequest request) {
        boolean json = request.args().equals(List.of("--json"));
        if (!json && !request.args().isEmpty()) {
            return ControlResponse.failure(ControlResponse.EXIT_USAGE, "usage: dump [--json]");
        }
        try {
            List<Path> written = json ? List.of(dumps.writeJson()) : dumps.writeData();
            String text = written.isEmpty() ? "nothing to dump: no subsystem runs"
                    : "written: " + written.stream().map(Path::toString).collect(Collectors.joining(", "));
            return ControlResponse.success(text, null);
        } catch (IOException e) {
            return ControlResponse.failure(ControlResponse.EXIT_FAILURE, "cannot write the dump: " + e.getMessage());
        }
    }
}
