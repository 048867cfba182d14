package dev.vigil.daemon.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.testing.ChildDaemon;
import dev.vigil.linux.testing.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon (child process in namespace a) whose instance has VIP options, a VIP on another
 * interface, an excluded VIP, virtual routes (a table-100 default route, a blackhole, a two-path
 * route, an unreachable in table 1000) and virtual rules, plus static_ipaddress/_routes/_rules.
 * The static entries are there from start; the instance's entries appear when it becomes MASTER
 * (checked with {@code ip addr}, {@code ip route show table all}, {@code ip rule}), follow a
 * reload that changes the routes (a static route moves with it), disappear when a higher-priority daemon in namespace b takes
 * over, and the static ones go when the daemon stops.
 */
@Tag("netns")
class DaemonRoutingNetnsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonRoutingNetnsTest.class);
    /** JVM start on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private NetnsLab lab;
    private String nsA;
    private String nsB;
    private final List<ChildDaemon> children = new ArrayList<>();

    @BeforeEach
    void setUp() {
        NetnsLab.assumeAvailable();
        lab = new NetnsLab();
        nsA = lab.namespace("a");
        nsB = lab.namespace("b");
        lab.veth(nsA, "veth0", nsB, "veth0");
        lab.veth(nsA, "veth1", nsB, "veth1");
        lab.address(nsA, "veth0", "10.77.0.1/24");
        lab.address(nsB, "veth0", "10.77.0.2/24");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ChildDaemon child : children) {
            child.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String masterConfig(String routes) {
        return """
                static_ipaddress {
                    10.79.0.1/24 dev veth0 label veth0:st
                }
                static_routes {
                    10.80.0.0/16 via 10.77.0.254 dev veth0
                }
                static_rules {
                    from 10.79.0.0/24 table 200 priority 300
                    from 10.79.1.0/24 table 201 priority 301 no_track
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface veth0
                    virtual_router_id 79
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.77.0.100/24
                        10.78.0.100/24 dev veth1 brd + scope site label veth1:v noprefixroute
                    }
                    virtual_ipaddress_excluded {
                        10.77.0.150/32
                    }
                    virtual_routes {
                %s
                    }
                    virtual_rules {
                        from 10.77.0.0/24 table 100 priority 100
                        to 10.84.0.0/24 table 1000 fwmark 0x10/0xff priority 101
                    }
                }
                """.formatted(routes);
    }

    private static final String ROUTES = """
                    0.0.0.0/0 via 10.77.0.254 dev veth0 table 100
                    blackhole 10.81.0.0/24
                    10.82.0.0/24 via 10.77.0.253 or 10.77.0.252
                    unreachable 10.83.0.0/24 table 1000
            """;

    private static final String BACKUP_CONFIG = """
            vrrp_instance VI_1 {
                state BACKUP
                interface veth0
                virtual_router_id 79
                version 3
                priority 200
                advert_int 0.1
                virtual_ipaddress {
                    10.77.0.100/24
                    10.78.0.100/24 dev veth1
                }
            }
            """;

    private ChildDaemon startDaemon(String namespace, String name, String configText) throws Exception {
        ChildDaemon daemon = ChildDaemon.named(name, dir).inNamespace(namespace).start(configText);
        children.add(daemon);
        return daemon;
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        children.forEach(child -> text.append(child.logWithHeader()));
        return text.toString();
    }

    private String routes() {
        return lab.exec(nsA, "ip", "route", "show", "table", "all");
    }

    private String rules() {
        return lab.exec(nsA, "ip", "rule");
    }

    private String addresses() {
        return lab.exec(nsA, "ip", "-4", "addr");
    }

    private boolean holdsVirtualEntries() {
        String routes = routes();
        return addresses().contains("inet 10.78.0.100/24 brd 10.78.0.255 scope site noprefixroute veth1:v")
                && addresses().contains("inet 10.77.0.150/32 scope global veth0")
                && routes.contains("default via 10.77.0.254 dev veth0 table 100 proto keepalived")
                && routes.contains("blackhole 10.81.0.0/24 proto keepalived")
                && routes.contains("10.82.0.0/24 proto keepalived")
                && routes.contains("nexthop via 10.77.0.252 dev veth0")
                && routes.contains("unreachable 10.83.0.0/24 table 1000 proto keepalived")
                && rules().contains("100:\tfrom 10.77.0.0/24 lookup 100 proto keepalived")
                && rules().contains("101:\tfrom all to 10.84.0.0/24 fwmark 0x10/0xff lookup 1000 proto keepalived");
    }

    private boolean holdsNoVirtualEntry() {
        String routes = routes();
        String addresses = addresses();
        return !addresses.contains("10.78.0.100") && !addresses.contains("10.77.0.100")
                && !addresses.contains("10.77.0.150") && !routes.contains("table 100 ")
                && !routes.contains("10.81.0.0") && !routes.contains("10.82.0.0") && !routes.contains("10.83.0.0")
                && !routes.contains("10.85.0.0") && !rules().contains("lookup 100 ") && !rules().contains("lookup 1000");
    }

    private boolean holdsStaticEntries() {
        return addresses().contains("inet 10.79.0.1/24 scope global veth0:st")
                && routes().contains("/16 via 10.77.0.254 dev veth0 proto keepalived")
                && rules().contains("300:\tfrom 10.79.0.0/24 lookup 200 proto keepalived");
    }

    /** The VRRP notify FIFO of daemon a, written again after a reload (fifo_write_vrrp_states_on_reload). */
    private String fifoGlobals(Path fifo) {
        return "global_defs {\n    vrrp_notify_fifo " + fifo + "\n    fifo_write_vrrp_states_on_reload\n}\n";
    }

    /** Reads the FIFO's lines into {@code lines} until the writer closes it. */
    private static void readFifo(Path fifo, List<String> lines) {
        Thread.ofVirtual().name("fifo-reader").start(() -> {
            try (var reader = Files.newBufferedReader(fifo)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
    }

    @Test
    void virtualRoutesRulesAndAddressesFollowMastershipAndStaticOnesTheDaemon() throws Exception {
        Path fifo = dir.resolve("vrrp.fifo");
        NetnsLab.check("mkfifo", fifo.toString());
        List<String> fifoLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        readFifo(fifo, fifoLines);
        ChildDaemon a = startDaemon(nsA, "a", fifoGlobals(fifo) + masterConfig(ROUTES));
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(this::holdsVirtualEntries);
        } catch (RuntimeException e) {
            throw new AssertionError("the master's entries did not appear:\n" + addresses() + routes() + rules()
                    + logs(), e);
        }
        assertTrue(holdsStaticEntries(), () -> addresses() + routes() + rules());
        assertTrue(addresses().contains("inet 10.77.0.100/24 scope global secondary veth0"), this::addresses);

        // keepalived reinstate_static_address: a static address deleted by someone else comes back.
        lab.exec(nsA, "ip", "addr", "del", "10.79.0.1/24", "dev", "veth0");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> addresses().contains("inet 10.79.0.1/24 scope global veth0:st"));
        assertTrue(logs().contains("was deleted; putting it back"), this::logs);
        // reinstate_static_route / _rule: so do a static route with a dev and a static rule, not a no_track rule.
        assertTrue(rules().contains("301:\tfrom 10.79.1.0/24 lookup 201"), this::rules);
        lab.exec(nsA, "ip", "route", "del", "10.80.0.0/16");
        lab.exec(nsA, "ip", "rule", "del", "priority", "300");
        lab.exec(nsA, "ip", "rule", "del", "priority", "301");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::holdsStaticEntries);
        assertTrue(logs().contains("static route 10.80.0.0/16 via 10.77.0.254 proto 18 dev veth0 was deleted; "
                + "putting it back"), this::logs);
        assertTrue(logs().contains("static rule priority 300 from 10.79.0.0/24 table 200 was deleted"), this::logs);
        Thread.sleep(500);
        assertFalse(rules().contains("lookup 201"), "no_track: a deleted static rule stays deleted");

        // A reload swaps the blackhole for another route and moves a static route; the rest stays.
        await().atMost(Duration.ofSeconds(10)).until(() -> fifoLines.contains("INSTANCE \"VI_1\" MASTER 100"));
        Files.writeString(dir.resolve("a.conf"), fifoGlobals(fifo) + masterConfig(ROUTES.replace(
                "blackhole 10.81.0.0/24", "10.85.0.0/24 via 10.77.0.254 metric 7")).replace("10.80.0.0/16",
                "10.86.0.0/16"));
        NetnsLab.check("kill", "-HUP", Long.toString(a.process().pid()));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> routes().contains("10.85.0.0/24 via 10.77.0.254 dev veth0 proto keepalived metric 7")
                        && !routes().contains("10.81.0.0")
                        && routes().contains("10.86.0.0/16 via 10.77.0.254 dev veth0 proto keepalived")
                        && !routes().contains("10.80.0.0"));
        assertTrue(routes().contains("default via 10.77.0.254 dev veth0 table 100 proto keepalived"), this::routes);
        assertTrue(logs().contains("1 route(s)/rule(s) added, 1 removed"), this::logs);
        // fifo_write_vrrp_states_on_reload: the reload wrote the unchanged MASTER state again.
        await().atMost(Duration.ofSeconds(10)).until(() -> fifoLines.stream()
                .filter("INSTANCE \"VI_1\" MASTER 100"::equals).count() == 2);
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100",
                "INSTANCE \"VI_1\" MASTER 100"), fifoLines, "the FIFO's lines");

        long started = System.nanoTime();
        startDaemon(nsB, "b", BACKUP_CONFIG);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::holdsNoVirtualEntry);
        } catch (RuntimeException e) {
            throw new AssertionError("the old master kept entries:\n" + addresses() + routes() + rules() + logs(), e);
        }
        LOG.info("virtual entries gone from the old master {} ms after the higher-priority daemon was launched",
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(holdsStaticEntries(), "static entries stay while the daemon runs");
        assertTrue(lab.exec(nsB, "ip", "-4", "addr").contains("10.78.0.100/24"), "b holds the VIPs");

        assertEquals(0, a.terminate(Duration.ofSeconds(20)), "exit code; logs:\n" + logs());
        assertFalse(addresses().contains("10.79.0.1"), this::addresses);
        assertFalse(routes().contains("10.86.0.0"), this::routes);
        assertFalse(rules().contains("lookup 200"), this::rules);
    }
}
