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
    void everyKeepalivedSamplePassesWithExitZeroFourOrFiveAndNoStackTrace() throws IOException {
        Path samples = SAMPLES.toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(samples), "no keepalived samples at " + samples);
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no sample files found in " + samples);
        for (Path file : files) {
            Run run = vigil("-t", "-f", file.toString());
            assertTrue(run.code() == 0 || run.code() == 4 || run.code() == 5 && run.err().contains("SECURITY VIOLATION"),
                    file + " exited " + run.code() + ":\n" + run.err());
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
    void allConfigMakesAMissingIncludedFileStopTheLoad() throws IOException {
        Path main = write("main.conf", """
                include absent.conf
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    virtual_ipaddress {
                        10.0.0.1/24
                    }
                }
                """);
        Run plain = vigil("-t", "-f", main.toString());
        Run all = vigil("-t", "-e", "-f", main.toString());
        Run longForm = vigil("-t", "--all-config", "-f", main.toString());
        System.out.print(plain.err() + all.err());
        assertTrue(plain.code() == 0 || plain.code() == 4, plain.err());
        assertTrue(plain.err().contains("absent.conf"), plain.err());
        assertEquals(3, all.code(), all.err());
        assertTrue(all.err().contains(main + ":1:"), all.err());
        assertEquals(3, longForm.code(), longForm.err());
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

    /** A script only root can change, in a root-owned directory only root can write. */
    private Path safeScript(String name) throws IOException {
        Path script = write(name, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static final String INSTANCE = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 7
                notify_master %s
                virtual_ipaddress {
                    10.0.0.1/24
                }
            }
            """;

    @Test
    void scriptsWithoutScriptSecurityExitFiveWithTheViolationAtTheFirstScript() throws IOException {
        Path script = safeScript("notify.sh");
        Path conf = write("violation.conf", INSTANCE.formatted(script));
        Run run = vigil("-t", "-f", conf.toString());
        assertEquals(5, run.code(), run.err());
        assertTrue(run.err().contains(conf + ":4:5: warning: scripts are configured but enable_script_security is not"
                + " set (keepalived: SECURITY VIOLATION)"), run.err());

        Path withErrors = write("violation-errors.conf", INSTANCE.formatted(script)
                .replace("virtual_router_id 7", "virtual_router_id 7\n    priority 300"));
        assertEquals(5, vigil("-t", "-f", withErrors.toString()).code(),
                "as keepalived, script security is reported over other errors");
        Path cannotRun = write("violation-fatal.conf", INSTANCE.formatted(script).replace("virtual_router_id 7", ""));
        assertEquals(3, vigil("-t", "-f", cannotRun.toString()).code(), "a configuration that cannot run says so");

        Path secured = write("secured.conf", "global_defs {\n    enable_script_security\n    script_user nobody\n}\n"
                + INSTANCE.formatted(script));
        Run ok = vigil("-t", "-f", secured.toString());
        assertEquals(0, ok.code(), ok.err());
        assertFalse(ok.err().contains("warning"), ok.err());
    }

    @Test
    void refusedScriptsAreWarningsAtTheirPositions() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "root runs the scripts, and owns the test files");
        Path unsafe = write("unsafe.sh", "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(unsafe, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = write("refused.conf", """
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk {
                    script "%1$s check"
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 7
                    notify_master %1$s
                    notify_backup %2$s
                    virtual_ipaddress {
                        10.0.0.1/24
                    }
                }
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.0.2 80 {
                        notify_up %1$s
                        MISC_CHECK {
                            misc_path "%1$s misc"
                        }
                    }
                }
                """.formatted(unsafe, dir.resolve("missing.sh")));
        Run run = vigil("-t", "-f", conf.toString());
        assertEquals(0, run.code(), "keepalived 2.2.7 exits 0 too (it only logs the refusal): " + run.err());
        String refused = " refused (unsafe_permissions): it would run as root, but " + unsafe.toRealPath()
                + " is writable by everyone";
        assertTrue(run.err().contains(conf + ":6:5: warning: script of vrrp_script chk: script '" + unsafe + " check'"
                + refused), run.err());
        assertTrue(run.err().contains(conf + ":11:5: warning: notify_master of (VI_1): script '" + unsafe + "'"
                + refused), run.err());
        assertTrue(run.err().contains(conf + ":12:5: warning: notify_backup of (VI_1): script '"
                + dir.resolve("missing.sh") + "' refused (not_found): " + dir.resolve("missing.sh")
                + " does not exist; it will not run"), run.err());
        assertTrue(run.err().contains(conf + ":20:9: warning: notify_up of [10.0.0.2]:tcp:80 of [10.0.0.1]:tcp:80:"
                + " script '" + unsafe + "'" + refused), run.err());
        assertTrue(run.err().contains(conf + ":22:13: warning: misc_path of [10.0.0.2]:tcp:80 of [10.0.0.1]:tcp:80"
                + " MISC_CHECK: script '" + unsafe + " misc'" + refused), run.err());
        assertTrue(run.err().contains("0 errors, 5 warnings"), run.err());
    }

    @Test
    void scriptSecurityWithoutAnAccountToRunScriptsAsIsAnError() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "the default account applies to a root daemon");
        assumeTrue(!Files.readString(Path.of("/etc/passwd")).contains("\nkeepalived_script:"),
                "this host has a keepalived_script account");
        Path script = safeScript("notify.sh");
        Path conf = write("noaccount.conf", "global_defs {\n    enable_script_security\n}\n" + INSTANCE.formatted(script));
        Run run = vigil("-t", "-f", conf.toString());
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().contains(conf + ":7:5: error: notify_master of (VI_1): script '" + script
                + "' refused (account): enable_script_security is set, but no script_user is given and there is no"
                + " keepalived_script account"), run.err());
    }
}
