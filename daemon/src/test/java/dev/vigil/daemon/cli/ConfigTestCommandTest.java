package dev.vigil.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.daemon.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil -t}: keepalived's config test, its exit codes, and the model dump. */
class ConfigTestCommandTest {

    /** keepalived's own sample configurations, beside the project (read-only, never copied). */
    private static final Path SAMPLES = Path.of("..", "..", "shared", "keepalived-samples");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run vigil(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void everyKeepalivedSamplePassesWithExitZeroOrFourAndNoStackTrace() throws IOException {
        Path samples = SAMPLES.toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(samples), "no keepalived samples at " + samples);
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no sample files found in " + samples);
        for (Path file : files) {
            Run run = vigil("-t", "-f", file.toString());
            assertTrue(run.code() == 0 || run.code() == 4, file + " exited " + run.code() + ":\n" + run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), file + ":\n" + run.err());
        }
    }

    @Test
    void seedConfigsReportTheMisspeltSyncDaemonKeywordAtItsPosition() {
        Path samples = SAMPLES.toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(samples), "no keepalived samples at " + samples);
        for (String name : List.of("seed-dr-master.conf", "seed-dr-backup.conf")) {
            Path file = samples.resolve(name);
            Run run = vigil("-t", "-f", file.toString());
            assertTrue(run.err().contains(file + ":18:5: warning: unknown keyword 'lvs_sync_daemon_inteface'"),
                    run.err());
        }
    }

    @Test
    void exitCodesFollowKeepalived() throws IOException {
        Path ok = write("ok.conf", """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    virtual_ipaddress {
                        10.0.0.1/24
                    }
                }
                """);
        assertEquals(0, vigil("-t", "-f", ok.toString()).code());

        Path badPriority = write("bad.conf", """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    priority 300
                }
                """);
        Run errors = vigil("-t", "-f", badPriority.toString());
        assertEquals(4, errors.code());
        assertTrue(errors.err().contains(badPriority + ":4:14: error: "), errors.err());
        assertTrue(errors.err().contains("1 error, 0 warnings"), errors.err());

        Path noVrid = write("novrid.conf", """
                vrrp_instance VI_1 {
                    interface eth0
                }
                """);
        assertEquals(3, vigil("-t", "-f", noVrid.toString()).code());

        Run missing = vigil("-t", "-f", dir.resolve("absent.conf").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("absent.conf:1:1: fatal: cannot read the configuration file (no such file)"),
                missing.err());
    }

    @Test
    void diagnosticsFromIncludedFilesNameTheIncludeChain() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        write("conf.d/vi.conf", """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 900
                }
                """);
        Path main = write("main.conf", "! main\ninclude conf.d/*.conf\n");
        Run run = vigil("-t", "-f", main.toString());
        assertEquals(3, run.code(), run.err());
        assertTrue(run.err().contains("vi.conf:3:23: error: "), run.err());
        assertTrue(run.err().contains("  included from " + main + ":2:"), run.err());
    }

    @Test
    void dumpsTheModelAndReadsItBackFromJsonAndYaml() throws IOException {
        Path conf = write("dump.conf", """
                global_defs {
                    router_id lb1
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 120
                    virtual_ipaddress {
                        10.1.2.3/24
                    }
                }
                """);
        Run json = vigil("-t", "-f", conf.toString(), "--dump", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"router_id\" : \"lb1\"") || json.out().contains("\"router_id\":\"lb1\""),
                json.out());

        Path jsonFile = write("dump.json", json.out());
        Run fromJson = vigil("-t", "-f", jsonFile.toString(), "--dump", "json");
        assertEquals(0, fromJson.code(), fromJson.err());
        assertEquals(json.out(), fromJson.out());

        Run yaml = vigil("-t", "-f", conf.toString(), "--dump", "yaml");
        assertEquals(0, yaml.code(), yaml.err());
        Path yamlFile = write("dump.yaml", yaml.out());
        Run fromYaml = vigil("-t", "-f", yamlFile.toString(), "--dump", "json");
        assertEquals(json.out(), fromYaml.out());

        Path broken = write("broken.json", "{ \"vrrp_instances\": [ 42 ] }");
        Run bad = vigil("-t", "-f", broken.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().startsWith(broken + ":"), bad.err());
    }

    @Test
    void keywordsWithoutEffectAreListedAsNotes() throws IOException {
        Path conf = write("snmp.conf", """
                global_defs {
                    enable_snmp_vrrp
                }
                """);
        Run run = vigil("-t", "-f", conf.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains(conf + ":2:5: note: 'enable_snmp_vrrp' accepted, no effect in Vigil"), run.err());
    }
}
