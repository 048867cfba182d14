package dev.vigil.daemon.run;

import org.junit.jupiter.api.Test;

/**
 * {@code lvs_timeouts} on the kernel backend, against keepalived: runs
 * {@link KernelTimeoutsVmMain} under a real IPVS kernel ({@link DaemonVmRun}: skipped with a
 * message without shared/tools/ipvs-vm or with {@code -Dvigil.ipvsVm=skip}; output in
 * {@code target/ipvs-vm/timeouts-output.txt}). Cost: one VM boot, about a minute.
 */
class KernelTimeoutsVmTest {

    @Test
    void keepalivedAndVigilSetAndRestoreTheSameKernelTimeouts() throws Exception {
        DaemonVmRun.run(KernelTimeoutsVmMain.class, KernelTimeoutsVmMain.SUMMARY, "timeouts-output.txt", 9,
                "the kernel lvs_timeouts test");
    }
}
