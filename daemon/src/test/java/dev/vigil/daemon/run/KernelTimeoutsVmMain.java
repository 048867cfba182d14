package dev.vigil.daemon.run;

import dev.vigil.daemon.control.ControlResponse;
import dev.vigil.daemon.metrics.MetricsListen;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs inside shared/tools/ipvs-vm (a real IPVS kernel, as root; started by
 * {@link KernelTimeoutsVmTest}): keepalived and a Vigil daemon on the kernel backend are given
 * the same {@code lvs_timeouts}, and {@code ipvsadm -L --timeout} must read the same after
 * each has started and after each has stopped; Vigil's {@code ctl ipvs -L --timeout} must equal
 * ipvsadm's text, and reloads must set and put back the timeouts by keepalived's rules. Prints
 * one {@code CHECK} line per comparison and a {@value #SUMMARY} line.
 */
public final class KernelTimeoutsVmMain {

    static final String SUMMARY = "KERNEL-TIMEOUTS";

    private KernelTimeoutsVmMain() {
    }

    public static void main(String[] args) {
        VmChecks.main(SUMMARY, checks -> all(checks, Files.createTempDirectory("vigil-timeouts")));
    }

    private static String config(String timeouts) {
        return """
                global_defs {
                    router_id vm
                %s
                }
                virtual_server 10.0.2.100 80 {
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 10.0.2.21 80 {
                        weight 1
                    }
                }
                """.formatted(timeouts);
    }

    private static void all(VmChecks checks, Path dir) throws Exception {
        String original = ipvsadmTimeout();
        checks.check("the kernel starts with its defaults", "Timeout (tcp tcpfin udp): 900 120 300\n", original);
        String set = "    lvs_timeouts tcp 3600 tcpfin 60 udp 600";
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config(set));

        // keepalived sets the timeouts right after ipvs_start.
        String byKeepalived = VmChecks.underKeepalived(conf, dir, KernelTimeoutsVmMain::ipvsadmTimeout,
                now -> !now.equals(original));
        checks.check("keepalived sets lvs_timeouts", "Timeout (tcp tcpfin udp): 3600 60 600\n", byKeepalived);
        checks.check("keepalived puts the originals back at stop", original, ipvsadmTimeout());

        // -C, --backend kernel, no metrics endpoint, no signal handlers (the test's JVM).
        DaemonSettings settings = new DaemonSettings(conf, java.util.Optional.empty(), dir.resolve("vigil.pid"),
                dir.resolve("vigil.sock"), new MetricsListen.Disabled(), BackendChoice.KERNEL, false, true, true, true,
                false, false);
        StringWriter errText = new StringWriter();
        Daemon daemon = Daemon.start(settings, new IpvsBackends(), new PrintWriter(errText, true));
        try {
            checks.check("Vigil sets what keepalived sets", byKeepalived, ipvsadmTimeout());
            checks.check("ctl ipvs -L --timeout is ipvsadm's text", ipvsadmTimeout(),
                    VmChecks.ctl(settings, "ipvs", "-L", "-n", "--timeout"));

            Files.writeString(conf, config("    lvs_timeouts tcpfin 30"));
            ControlResponse partial = daemon.reload();
            System.out.println(partial.text());
            checks.check("a reload sets all three, left-out parts to the originals",
                    "Timeout (tcp tcpfin udp): 900 30 300\n", ipvsadmTimeout());
            checks.check("ctl after the reload", ipvsadmTimeout(),
                    VmChecks.ctl(settings, "ipvs", "-L", "-n", "--timeout"));

            Files.writeString(conf, config(""));
            ControlResponse removed = daemon.reload();
            System.out.println(removed.text());
            checks.check("a reload without lvs_timeouts puts the originals back", original, ipvsadmTimeout());

            Files.writeString(conf, config("    lvs_timeouts udp 45"));
            System.out.println(daemon.reload().text());
            checks.check("set again", "Timeout (tcp tcpfin udp): 900 120 45\n", ipvsadmTimeout());
        } finally {
            daemon.stop();
            System.out.print(errText);
        }
        checks.check("Vigil puts the originals back at stop, as keepalived", original, ipvsadmTimeout());
    }

    private static String ipvsadmTimeout() throws IOException, InterruptedException {
        return VmChecks.command("ipvsadm", "-L", "--timeout");
    }
}
