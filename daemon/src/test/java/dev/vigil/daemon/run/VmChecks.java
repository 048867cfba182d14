package dev.vigil.daemon.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The checks a program run inside shared/tools/ipvs-vm makes: one {@code CHECK} line each,
 * then a summary line ({@code SUMMARY found=N failed=M}) and a {@code FAILED} line per failure,
 * which {@link DaemonVmRun} reads back; the process exits 1 when any failed.
 */
final class VmChecks {

    private final List<String> failures = new ArrayList<>();
    private int count;

    /** The checks a VM program makes, given them to fill. */
    @FunctionalInterface
    interface Body {
        void run(VmChecks checks) throws Exception;
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
}
