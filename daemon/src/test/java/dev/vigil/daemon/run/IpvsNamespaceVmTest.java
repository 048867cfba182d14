package dev.vigil.daemon.run;

import org.junit.jupiter.api.Test;

/**
 * {@code net_namespace_ipvs} on the kernel backend, against keepalived: runs
 * {@link IpvsNamespaceVmMain} under a real IPVS kernel ({@link DaemonVmRun}: skipped with a
 * message without shared/tools/ipvs-vm or with {@code -Dvigil.ipvsVm=skip}; output in
 * {@code target/ipvs-vm/ipvs-namespace-output.txt}). Cost: one VM boot, about a minute.
 */
class IpvsNamespaceVmTest {

    @Test
    void keepalivedAndVigilPutTheIpvsTableInTheSameNamespace() throws Exception {
        DaemonVmRun.run(IpvsNamespaceVmMain.class, IpvsNamespaceVmMain.SUMMARY, "ipvs-namespace-output.txt", 10,
                "the net_namespace_ipvs test");
    }
}
