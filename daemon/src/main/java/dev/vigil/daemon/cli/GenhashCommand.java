package dev.vigil.daemon.cli;

import dev.vigil.common.time.Ticker;
import dev.vigil.healthcheck.HttpProtocol;
import dev.vigil.healthcheck.genhash.Genhash;
import dev.vigil.healthcheck.genhash.GenhashReport;
import dev.vigil.healthcheck.genhash.GenhashRequest;
import dev.vigil.healthcheck.probe.CheckTransport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil genhash}: keepalived's genhash, which fetches a URL and prints the MD5 digest
 * of its body for an HTTP_GET/SSL_GET {@code digest} line. Same options as genhash.
 */
@Command(name = "genhash", sortOptions = false,
        description = "Print the MD5 digest of a URL's body, as keepalived's genhash does.")
final class GenhashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--server"}, required = true, paramLabel = "ADDRESS", description = "server address")
    String server;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "server port (default 80, 443 with -S)")
    Integer port;

    @Option(names = {"-u", "--url"}, required = true, paramLabel = "PATH", description = "url path")
    String url;

    @Option(names = {"-S", "--use-ssl"}, description = "use a TLS connection")
    boolean ssl;

    @Option(names = {"-I", "--use-sni"}, description = "send the virtualhost as SNI in the TLS handshake")
    boolean sni;

    @Option(names = {"-V", "--use-virtualhost"}, paramLabel = "HOST", description = "virtualhost for the Host header")
    String virtualhost;

    @Option(names = {"-P", "--protocol"}, paramLabel = "1.0|1.0c|1.1", description = "HTTP protocol (default 1.0)")
    String protocol = "1.0";

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "connect and read timeout (default 5)")
    double timeoutSeconds = GenhashRequest.DEFAULT_TIMEOUT.toMillis() / 1000.0;

    @Option(names = {"-v", "--verbose"}, description = "dump the headers, the body and the digest")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<HttpProtocol> httpProtocol = HttpProtocol.parse(protocol);
        if (httpProtocol.isEmpty()) {
            err.println("genhash: unknown protocol '" + protocol + "' (use 1.0, 1.0c or 1.1)");
            return 1;
        }
        InetAddress address;
        try {
            // genhash takes a numeric address; a name is resolved once, here, as a convenience.
            address = InetAddress.getByName(server);
        } catch (UnknownHostException e) {
            err.println("genhash: cannot resolve server address '" + server + "'");
            return 1;
        }
        int effectivePort = port != null ? port : (ssl ? 443 : 80);
        GenhashRequest request = new GenhashRequest(new InetSocketAddress(address, effectivePort), url, ssl, sni,
                Optional.ofNullable(virtualhost), httpProtocol.get(),
                Duration.ofMillis(Math.round(timeoutSeconds * 1000)), verbose);
        try (CheckTransport transport = CheckTransport.create(1)) {
            GenhashReport report = new Genhash(transport, Ticker.system()).run(request).join();
            out.print(report.stdout());
            out.flush();
            err.print(report.stderr());
            err.flush();
            return report.exitCode();
        }
    }
}
