package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;

/**
 * What a MISC_CHECK command's exit status means (check_misc.c
 * {@code misc_check_child_thread()}): 0 is success; with misc_dynamic, 2..255 is success
 * with weight status − 2; anything else is failure. Pure.
 *
 * <p>The JDK reports a command killed by signal N as status 128 + N, which keepalived would
 * see as "killed by signal"; Vigil cannot tell the two apart, so with misc_dynamic a
 * command killed by someone else counts as a weighted success.
 */
final class MiscExit {

    /** misc_dynamic weights start at exit status 2 (status − 2 = weight). */
    private static final int FIRST_DYNAMIC_STATUS = 2;
    private static final int LAST_STATUS = 255;

    private MiscExit() {
    }

    static CheckResult judge(int status, boolean dynamic) {
        if (status == 0) {
            return CheckResult.success("exited with status 0");
        }
        if (dynamic && status >= FIRST_DYNAMIC_STATUS && status <= LAST_STATUS) {
            return new CheckResult.WeightedSuccess(status - FIRST_DYNAMIC_STATUS);
        }
        return CheckResult.failure("exited with status " + status);
    }
}
