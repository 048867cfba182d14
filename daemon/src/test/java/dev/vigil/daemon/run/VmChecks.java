package dev.vigil.daemon.run;

import dev.vigil.daemon.control.CtlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The checks a program run inside shared/tools/ipvs-vm makes: one {@code CHECK} line each,
 * then a summary line ({@code SUMMARY found=N failed=M}) and a {@code FAILED} line per failure,
 * which {@link DaemonVmRun} reads back; the process exits 1 when any failed. With the helpers
 * those programs share: commands, polling, keepalived run until a condition holds, and
 * {@code vigil ctl}.
 */
final class VmChecks {

    /** How long {@link #poll} waits for what it is told to wait for. */
    private static final long WAIT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 200;

    private final List<String> failures = new ArrayList<>();
    private int count;

    /** The checks a VM program makes, given them to fill. */
    @FunctionalInterface
    interface Body {
        void run(VmChecks checks) throws Exception;
    }

    /** A text read from the system (what ipvsadm prints, say). */
    @FunctionalInterface
    interface Reading {
        String read() throws Exception;
    }

    private VmChecks() {
    }

    /** Runs {@code body}, prints the summary and exits; an exception counts as a failure. */
    static void main(String summary, Body body) {
        VmChecks checks = new VmChecks();
        try {
            body.run(checks);
        } catch (Exception | AssertionError e) {
            checks.failures.add("aborted: " + e);
            e.printStackTrace(System.out);
        }
        System.out.println(summary + " found=" + checks.count + " failed=" + checks.failures.size());
        checks.failures.forEach(f -> System.out.println("FAILED " + f));
        System.out.flush();
        System.exit(checks.failures.isEmpty() ? 0 : 1);
    }

    void check(String what, Object expected, Object actual) {
        count++;
        boolean ok = expected.equals(actual);
        System.out.println("CHECK " + what + ": " + (ok ? "ok" : "FAIL") + " [" + String.valueOf(actual).strip() + "]");
        if (!ok) {
            failures.add(what + ": expected [" + String.valueOf(expected).strip() + "] got ["
                    + String.valueOf(actual).strip() + "]");
        }
    }

    /** Runs {@code argv} and returns its output (with stderr); throws when it fails or hangs. */
    static String command(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + text);
        }
        return text;
    }

    /** Reads {@code reading} every 200 ms until {@code done} holds or a minute has passed; returns the last reading. */
    static String poll(Reading reading, Predicate<String> done) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String now = reading.read();
        while (!done.test(now) && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MILLIS);
            now = reading.read();
        }
        return now;
    }

    /**
     * Runs keepalived -C on {@code conf} until {@code reading} satisfies {@code done}, gives it
     * half a second more to finish what it was doing, and returns the reading then, keepalived
     * stopped and its log printed.
     */
    static String underKeepalived(Path conf, Path dir, Reading reading, Predicate<String> done) throws Exception {
        Path log = dir.resolve("keepalived.log");
        Process keepalived = new ProcessBuilder("keepalived", "-n", "-l", "-C", "-f", conf.toString(),
                "-p", dir.resolve("k.pid").toString(), "-c", dir.resolve("c.pid").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            poll(reading, done);
            Thread.sleep(500);
            return reading.read();
        } finally {
            keepalived.destroy();
            if (!keepalived.waitFor(30, TimeUnit.SECONDS)) {
                keepalived.destroyForcibly();
            }
            System.out.print(Files.readString(log));
        }
    }

    /** {@code vigil ctl -s SOCKET ARGS...} to {@code settings}' daemon: its output, else its exit code and error. */
    static String ctl(DaemonSettings settings, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("-s", settings.controlSocket().toString()));
        argv.addAll(List.of(args));
        int code = CtlCommand.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return code == 0 ? out.toString() : "exit " + code + ": " + err;
    }
}
