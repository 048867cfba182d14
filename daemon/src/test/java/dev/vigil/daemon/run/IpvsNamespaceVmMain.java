package dev.vigil.daemon.run;

import dev.vigil.daemon.metrics.MetricsListen;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs inside shared/tools/ipvs-vm (a real IPVS kernel, as root; started by
 * {@link IpvsNamespaceVmTest}): keepalived and then a Vigil daemon on the kernel backend get
 * the same configuration with {@code net_namespace_ipvs lvs}. The virtual server must appear
 * in namespace {@code lvs}'s IPVS table ({@code ip netns exec lvs ipvsadm -S -n}), the same for
 * both, and not in the host's; Vigil's {@code ctl ipvs -L -n} must be that namespace's
 * {@code ipvsadm -L -n} byte for byte, a reload
 * must change it there, and a stop must empty it as keepalived's does. Prints one
 * {@code CHECK} line per comparison and a {@value #SUMMARY} line.
 */
public final class IpvsNamespaceVmMain {

    static final String SUMMARY = "IPVS-NAMESPACE";
    private static final String NAMESPACE = "lvs";

    private IpvsNamespaceVmMain() {
    }

    public static void main(String[] args) {
        VmChecks.main(SUMMARY, checks -> all(checks, Files.createTempDirectory("vigil-ipvs-ns")));
    }

    private static String config(int weight) {
        return """
                net_namespace_ipvs %s
                global_defs {
                    router_id vm
                }
                virtual_server 10.0.2.100 80 {
                    lb_algo wrr
                    lb_kind DR
                    protocol TCP
                    real_server 10.0.2.21 80 {
                        weight %d
                    }
                }
                """.formatted(NAMESPACE, weight);
    }

    private static void all(VmChecks checks, Path dir) throws Exception {
        VmChecks.command("ip", "netns", "add", NAMESPACE);
        // IPVS refuses a real server the namespace has no route to (EINVAL), keepalived's too.
        VmChecks.command("ip", "-n", NAMESPACE, "link", "set", "lo", "up");
        VmChecks.command("ip", "-n", NAMESPACE, "address", "add", "10.0.2.1/24", "dev", "lo");
        String hostBefore = ipvsadm(false);
        checks.check("the namespace's table starts empty", "", ipvsadm(true).strip());
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config(2));

        String byKeepalived = VmChecks.underKeepalived(conf, dir, () -> ipvsadm(true), t -> t.contains("-a -t"));
        checks.check("keepalived fills the namespace's table", true,
                byKeepalived.contains("-A -t 10.0.2.100:80 -s wrr")
                        && byKeepalived.contains("-a -t 10.0.2.100:80 -r 10.0.2.21:80 -g -w 2"));
        checks.check("keepalived leaves the host's table alone", hostBefore, ipvsadm(false));
        checks.check("keepalived empties the namespace's table at stop", "", ipvsadm(true).strip());

        // -C, --backend kernel, no metrics endpoint, no signal handlers (the test's JVM).
        DaemonSettings settings = new DaemonSettings(conf, Optional.empty(), dir.resolve("vigil.pid"),
                dir.resolve("vigil.sock"), new MetricsListen.Disabled(), BackendChoice.KERNEL, false, true, true, true,
                false, false);
        StringWriter errText = new StringWriter();
        Daemon daemon = Daemon.start(settings, new IpvsBackends(), new PrintWriter(errText, true));
        try {
            checks.check("Vigil's table in the namespace is keepalived's", byKeepalived,
                    VmChecks.poll(() -> ipvsadm(true), byKeepalived::equals));
            checks.check("Vigil leaves the host's table alone", hostBefore, ipvsadm(false));
            checks.check("ctl ipvs -L -n is the namespace's ipvsadm -L -n", ipvsadmList(),
                    VmChecks.ctl(settings, "ipvs", "-L", "-n"));

            Files.writeString(conf, config(5));
            System.out.println(daemon.reload().text());
            String reloaded = byKeepalived.replace("-w 2", "-w 5");
            checks.check("a reload changes the namespace's table", reloaded,
                    VmChecks.poll(() -> ipvsadm(true), reloaded::equals));

            Files.writeString(conf, config(5).replace("net_namespace_ipvs " + NAMESPACE, ""));
            String refused = daemon.reload().text();
            System.out.println(refused);
            checks.check("a reload that moves the table is refused", true,
                    refused.contains("net_namespace_ipvs cannot change at a reload"));
        } finally {
            daemon.stop();
            System.out.print(errText);
        }
        checks.check("Vigil empties the namespace's table at stop, as keepalived", "", ipvsadm(true).strip());
        checks.check("and the host's is as it was", hostBefore, ipvsadm(false));
    }

    /** {@code ipvsadm -L -n} in namespace {@value #NAMESPACE}. */
    private static String ipvsadmList() throws IOException, InterruptedException {
        return VmChecks.command("ip", "netns", "exec", NAMESPACE, "ipvsadm", "-L", "-n");
    }

    /** {@code ipvsadm -S -n}, in namespace {@value #NAMESPACE} or in the host's. */
    private static String ipvsadm(boolean inNamespace) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(inNamespace ? List.of("ip", "netns", "exec", NAMESPACE) : List.of());
        argv.addAll(List.of("ipvsadm", "-S", "-n"));
        return VmChecks.command(argv.toArray(String[]::new));
    }
}
