package dev.vigil.daemon.testing;

import dev.vigil.daemon.control.CtlCommand;
import dev.vigil.linux.NetNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A Vigil daemon in a child JVM ({@code [ip netns exec NS] java … dev.vigil.daemon.Main -n -l -f
 * CONF}), with its own pid file, control socket, log file and {@code TMPDIR} under one
 * directory, for tests that need a real process: signals, environment variables such as
 * {@code NOTIFY_SOCKET}, or VRRP threads that must inherit a network namespace.
 *
 * <p>{@link #close()} kills the process if it still runs. Not thread-safe; one test owns it.
 */
public final class ChildDaemon implements AutoCloseable {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Path dir;
    private final Process process;
    private final Optional<String> namespace;
    private final Optional<InetSocketAddress> metrics;

    private ChildDaemon(String name, Path dir, Process process, Optional<String> namespace,
                        Optional<InetSocketAddress> metrics) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.namespace = namespace;
        this.metrics = metrics;
    }

    /** What to start; {@link #start()} launches it. */
    public static Builder named(String name, Path dir) {
        return new Builder(name, dir);
    }

    /** Options of one child daemon. */
    public static final class Builder {
        private final String name;
        private final Path dir;
        private Optional<String> namespace = Optional.empty();
        private Optional<InetSocketAddress> metrics = Optional.empty();
        private final List<String> extraArguments = new ArrayList<>();
        private final Map<String, String> environment = new java.util.HashMap<>();

        private Builder(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        /** Runs the JVM inside network namespace {@code ns}. */
        public Builder inNamespace(String ns) {
            namespace = Optional.of(ns);
            return this;
        }

        /** Serves metrics at {@code address} (default {@code --metrics off}). */
        public Builder metrics(InetSocketAddress address) {
            metrics = Optional.of(address);
            return this;
        }

        /** Extra command-line arguments after the standard ones. */
        public Builder arguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /** One environment variable of the child. */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Writes {@code configText} to {@code NAME.conf} and starts the daemon on it. */
        public ChildDaemon start(String configText) throws IOException {
            Path conf = dir.resolve(name + ".conf");
            Files.writeString(conf, configText);
            List<String> command = new ArrayList<>();
            namespace.ifPresent(ns -> command.addAll(List.of("ip", "netns", "exec", ns)));
            command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main",
                    "-n", "-l", "-f", conf.toString(), "-p", dir.resolve(name + ".pid").toString(),
                    "--control-socket", dir.resolve(name + ".sock").toString(),
                    "--metrics", metrics.map(a -> a.getHostString() + ":" + a.getPort()).orElse("off")));
            command.addAll(extraArguments);
            Path tmp = Files.createDirectories(dir.resolve(name + "-tmp"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile());
            builder.environment().remove("NOTIFY_SOCKET");
            builder.environment().put("TMPDIR", tmp.toString());
            builder.environment().putAll(environment);
            return new ChildDaemon(name, dir, builder.start(), namespace, metrics);
        }
    }

    public Process process() {
        return process;
    }

    public Path pidFile() {
        return dir.resolve(name + ".pid");
    }

    public Path controlSocket() {
        return dir.resolve(name + ".sock");
    }

    /** Everything the daemon printed so far (stdout and stderr). */
    public String log() {
        try {
            Path log = dir.resolve(name + ".log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }

    /** The log under a {@code --- NAME:} header, for assertion messages. */
    public String logWithHeader() {
        return "--- " + name + ":\n" + log();
    }

    /** Result of one {@code vigil ctl} call. */
    public record Ctl(int exitCode, String out, String err) {
        /** The standard output, or "exit N: stderr" when the call failed. */
        public String text() {
            return exitCode == 0 ? out : "exit " + exitCode + ": " + err;
        }
    }

    /** Runs {@code vigil ctl -s SOCKET ARGS} in this JVM. */
    public Ctl ctl(String... arguments) {
        List<String> args = new ArrayList<>(List.of("-s", controlSocket().toString()));
        args.addAll(List.of(arguments));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtlCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ctl(code, out.toString(), err.toString());
    }

    /**
     * GETs {@code path} from the metrics endpoint with a plain HTTP/1.0 request; when the daemon
     * runs in a namespace, the connection is made from inside it ({@link NetNamespace#call}).
     *
     * @throws IOException when the answer is not 200
     */
    public String httpGet(String path) throws Exception {
        InetSocketAddress address = metrics.orElseThrow(() -> new IllegalStateException("metrics are off"));
        Callable<String> get = () -> get(address, path);
        return namespace.isPresent() ? NetNamespace.call(namespace.get(), get) : get.call();
    }

    private static String get(InetSocketAddress address, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) HTTP_TIMEOUT.toMillis());
            socket.setSoTimeout((int) HTTP_TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + address.getHostString()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 200 ") && !answer.startsWith("HTTP/1.0 200 ") || headerEnd < 0) {
                throw new IOException("GET " + path + " from " + address + ": " + answer.lines().findFirst().orElse(""));
            }
            return answer.substring(headerEnd + 4);
        }
    }

    /** SIGTERM, then waits up to {@code timeout} for the exit; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM\n" + logWithHeader());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
