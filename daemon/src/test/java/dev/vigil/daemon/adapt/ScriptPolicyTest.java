package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.conf.model.ScriptUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's script user and enable_script_security rules for vrrp_script. */
class ScriptPolicyTest {

    @TempDir
    Path dir;

    private final List<AdaptIssue> issues = new ArrayList<>();

    @Test
    void aScriptUserIsAppliedWithRunuserWhenTheDaemonIsRoot() {
        ScriptPolicy policy = new ScriptPolicy(Optional.empty(), false, "root");
        Optional<List<String>> line = policy.commandLine(List.of("/bin/true", "x"),
                Optional.of(new ScriptUser("nobody", Optional.of("nogroup"))), "vrrp_script s", issues);
        assertEquals(Optional.of(List.of("runuser", "-u", "nobody", "-g", "nogroup", "--", "/bin/true", "x")), line);
        assertTrue(issues.isEmpty(), issues.toString());
    }

    @Test
    void theGlobalScriptUserIsTheDefault() {
        ScriptPolicy policy = new ScriptPolicy(Optional.of(new ScriptUser("nobody", Optional.empty())), true, "root");
        assertEquals(Optional.of(List.of("runuser", "-u", "nobody", "--", "/bin/true")),
                policy.commandLine(List.of("/bin/true"), Optional.empty(), "vrrp_script s", issues));
    }

    @Test
    void anotherUserCannotBeTakenWithoutRoot() {
        ScriptPolicy policy = new ScriptPolicy(Optional.empty(), false, "vigil");
        assertEquals(Optional.empty(), policy.commandLine(List.of("/bin/true"),
                Optional.of(new ScriptUser("nobody", Optional.empty())), "vrrp_script s", issues));
        assertTrue(issues.getFirst().message().contains("refusing the script"), issues.toString());
    }

    @Test
    void scriptSecurityRefusesARootScriptOthersCanChange() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "file ownership checks need root-owned files");
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));
        ScriptPolicy secure = new ScriptPolicy(Optional.empty(), true, "root");
        assertEquals(Optional.empty(), secure.commandLine(List.of(script.toString()), Optional.empty(),
                "vrrp_script s", issues));
        assertTrue(issues.getFirst().message().contains("enable_script_security"), issues.toString());

        issues.clear();
        ScriptPolicy insecure = new ScriptPolicy(Optional.empty(), false, "root");
        assertEquals(Optional.of(List.of(script.toString())), insecure.commandLine(List.of(script.toString()),
                Optional.empty(), "vrrp_script s", issues));
        assertTrue(issues.getFirst().message().contains("SECURITY VIOLATION"), issues.toString());
    }

    @Test
    void scriptSecurityAcceptsARootOwnedScriptOnlyRootCanChange() {
        assumeTrue("root".equals(System.getProperty("user.name")), "file ownership checks need root-owned files");
        ScriptPolicy secure = new ScriptPolicy(Optional.empty(), true, "root");
        assertEquals(Optional.of(List.of("/bin/true")), secure.commandLine(List.of("/bin/true"), Optional.empty(),
                "vrrp_script s", issues));
        assertTrue(issues.isEmpty(), issues.toString());
    }
}
