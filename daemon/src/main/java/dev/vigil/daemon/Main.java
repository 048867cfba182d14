package dev.vigil.daemon;

import dev.vigil.daemon.cli.VigilCommand;
import dev.vigil.daemon.run.IpvsBackends;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code vigil} program; {@link #run} is the testable part. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Parses {@code args}, runs the command and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new VigilCommand(new IpvsBackends()))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err);
        return commandLine.execute(args);
    }
}
