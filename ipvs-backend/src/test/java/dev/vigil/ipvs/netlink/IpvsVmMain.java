package dev.vigil.ipvs.netlink;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The program {@link IpvsVmLauncherTest} runs inside the IPVS VM: it runs every test of this
 * package tagged {@value IpvsVm#TAG} with the JUnit platform and prints a summary. Exit status
 * 0 only when at least one test ran, none failed and none was skipped (inside the VM a skip
 * means the kernel backend did not work).
 */
public final class IpvsVmMain {

    /** The line the launcher looks for: "ipvs-vm summary: found=N succeeded=N failed=N skipped=N". */
    static final String SUMMARY = "ipvs-vm summary:";

    private IpvsVmMain() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(IpvsVmMain.class.getPackageName()))
                .filters(TagFilter.includeTags(IpvsVm.TAG))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    System.out.println("ipvs-vm test: " + result.getStatus() + " " + test.getLegacyReportingName()
                            + " (" + test.getUniqueId().replaceAll(".*class:([^/\\]]*).*", "$1") + ")");
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                System.out.println("ipvs-vm test: SKIPPED " + test.getDisplayName() + ": " + reason);
            }
        });
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 30);
        long skipped = summary.getTestsSkippedCount() + summary.getTestsAbortedCount();
        out.println(SUMMARY + " found=" + summary.getTestsFoundCount() + " succeeded="
                + summary.getTestsSucceededCount() + " failed=" + summary.getTotalFailureCount()
                + " skipped=" + skipped);
        boolean passed = summary.getTestsFoundCount() > 0 && summary.getTotalFailureCount() == 0 && skipped == 0;
        System.exit(passed ? 0 : 1);
    }
}
