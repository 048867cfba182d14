package dev.vigil.daemon.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.model.ScriptUser;
import dev.vigil.daemon.controller.ScriptCommand;
import dev.vigil.daemon.controller.ScriptFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * keepalived's account and script-security rules (notify.c check_script_secure,
 * get_default_script_user) against a fake file system: every branch of {@link ScriptPolicy#vet}.
 */
class ScriptPolicyTest {

    private static final Optional<ScriptUser> NONE = Optional.empty();
    private static final ScriptUser NOBODY = new ScriptUser("nobody", Optional.of("nogroup"));

    private final Map<String, ScriptFile> files = new HashMap<>();
    private final List<String> inspected = new ArrayList<>();

    private ScriptPolicy policy(Optional<ScriptUser> global, boolean security, String currentUser,
                                Optional<String> defaultAccount) {
        return new ScriptPolicy(global, security, currentUser,
                name -> List.of("root", "nobody", "vigil").contains(name) || defaultAccount.equals(Optional.of(name)),
                program -> {
            inspected.add(program);
            return files.getOrDefault(program, ScriptFile.Found.safe(Path.of(program)));
        });
    }

    private ScriptPolicy root(boolean security) {
        return policy(NONE, security, "root", Optional.empty());
    }

    private static ScriptVerdict.Allowed allowed(ScriptVerdict verdict) {
        return assertInstanceOf(ScriptVerdict.Allowed.class, verdict);
    }

    private static ScriptVerdict.Refused refused(ScriptVerdict verdict, RefusalReason reason) {
        ScriptVerdict.Refused refused = assertInstanceOf(ScriptVerdict.Refused.class, verdict);
        assertEquals(reason, refused.reason(), refused::detail);
        return refused;
    }

    @Test
    void aScriptsOwnUserIsTakenWithRunuserWhenTheDaemonIsRoot() {
        ScriptVerdict.Allowed verdict = allowed(root(false).vet(List.of("/bin/true", "x"), Optional.of(NOBODY)));
        assertEquals(List.of("runuser", "-u", "nobody", "-g", "nogroup", "--", "/bin/true", "x"), verdict.commandLine());
        assertEquals(new ScriptCommand(List.of("/bin/true", "x"), Optional.of("nobody"), Optional.of("nogroup")),
                verdict.command());
        assertEquals(Optional.empty(), verdict.warning());
    }

    @Test
    void theGlobalScriptUserIsTheDefault() {
        ScriptPolicy policy = policy(Optional.of(new ScriptUser("nobody", Optional.empty())), true, "root",
                Optional.empty());
        assertEquals(List.of("runuser", "-u", "nobody", "--", "/bin/true"),
                allowed(policy.vet(List.of("/bin/true"), NONE)).commandLine());
    }

    @Test
    void withoutScriptUserTheKeepalivedScriptAccountIsUsedWhenItExists() {
        ScriptPolicy policy = policy(NONE, true, "root", Optional.of(ScriptPolicy.DEFAULT_ACCOUNT));
        assertEquals(List.of("runuser", "-u", "keepalived_script", "--", "/bin/true"),
                allowed(policy.vet(List.of("/bin/true"), NONE)).commandLine());
    }

    @Test
    void scriptSecurityWithoutAnyAccountRefusesScriptsWithoutTheirOwnUser() {
        refused(root(true).vet(List.of("/bin/true"), NONE), RefusalReason.ACCOUNT);
        allowed(root(true).vet(List.of("/bin/true"), Optional.of(NOBODY)));
        assertEquals(List.of("/bin/true"), allowed(root(false).vet(List.of("/bin/true"), NONE)).commandLine(),
                "without script security root runs it");
    }

    @Test
    void anAccountThatDoesNotExistIsRefused() {
        assertEquals("there is no user account ghost", refused(root(false).vet(List.of("/bin/true"),
                Optional.of(new ScriptUser("ghost", Optional.empty()))), RefusalReason.ACCOUNT).detail());
    }

    @Test
    void aDaemonThatIsNotRootCannotSwitchAccounts() {
        ScriptPolicy policy = policy(NONE, true, "vigil", Optional.of(ScriptPolicy.DEFAULT_ACCOUNT));
        ScriptVerdict.Refused refused = refused(policy.vet(List.of("/bin/true"), Optional.of(NOBODY)),
                RefusalReason.ACCOUNT);
        assertEquals("cannot run it as nobody: the daemon runs as vigil, not root", refused.detail());
        assertEquals(List.of("/bin/true"), allowed(policy.vet(List.of("/bin/true"), NONE)).commandLine(),
                "its own account needs no switch");
    }

    @Test
    void aMissingOrNonExecutableProgramIsRefusedWithOrWithoutSecurity() {
        files.put("/opt/gone.sh", new ScriptFile.Missing("/opt/gone.sh does not exist"));
        files.put("/opt/plain.txt", new ScriptFile.Found(Path.of("/opt/plain.txt"), false, false, Optional.empty()));
        for (boolean security : List.of(true, false)) {
            assertEquals("/opt/gone.sh does not exist", refused(root(security).vet(List.of("/opt/gone.sh"),
                    Optional.of(NOBODY)), RefusalReason.NOT_FOUND).detail());
            assertEquals("/opt/plain.txt is not executable", refused(root(security).vet(List.of("/opt/plain.txt"),
                    Optional.of(NOBODY)), RefusalReason.NOT_EXECUTABLE).detail());
        }
    }

    @Test
    void anUnsafeScriptRootRunsIsRefusedUnderScriptSecurityAndWarnedAboutWithout() {
        files.put("/tmp/x.sh", new ScriptFile.Found(Path.of("/tmp/x.sh"), true, false,
                Optional.of("/tmp/x.sh is writable by everyone")));
        ScriptVerdict.Refused refused = refused(policy(Optional.of(new ScriptUser("root", Optional.empty())), true,
                "root", Optional.empty()).vet(List.of("/tmp/x.sh"), NONE), RefusalReason.UNSAFE_PERMISSIONS);
        assertTrue(refused.detail().startsWith("it would run as root, but /tmp/x.sh is writable by everyone"),
                refused::detail);

        ScriptVerdict.Allowed warned = allowed(root(false).vet(List.of("/tmp/x.sh", "arg"), NONE));
        assertEquals(List.of("/tmp/x.sh", "arg"), warned.commandLine());
        assertTrue(warned.warning().orElseThrow().startsWith("runs as root, but /tmp/x.sh is writable by everyone"),
                warned::toString);
    }

    @Test
    void anUnsafeScriptRunByAnotherAccountIsNoRootRisk() {
        files.put("/tmp/x.sh", new ScriptFile.Found(Path.of("/tmp/x.sh"), true, false,
                Optional.of("/tmp/x.sh is writable by everyone")));
        assertEquals(Optional.empty(), allowed(root(true).vet(List.of("/tmp/x.sh"), Optional.of(NOBODY))).warning());
        refused(root(true).vet(List.of("/tmp/x.sh"), Optional.of(new ScriptUser("nobody", Optional.of("root")))),
                RefusalReason.UNSAFE_PERMISSIONS);
    }

    @Test
    void aSetIdRootProgramCountsAsRunByRoot() {
        files.put("/opt/suid", new ScriptFile.Found(Path.of("/opt/suid"), true, true,
                Optional.of("/opt is writable by group 100")));
        refused(root(true).vet(List.of("/opt/suid"), Optional.of(NOBODY)), RefusalReason.UNSAFE_PERMISSIONS);
    }

    @Test
    void eachProgramIsInspectedOnce() {
        ScriptPolicy policy = root(false);
        policy.vet(List.of("/bin/a", "1"), NONE);
        policy.vet(List.of("/bin/a", "2"), Optional.of(NOBODY));
        policy.vet(List.of("/bin/b"), NONE);
        assertEquals(List.of("/bin/a", "/bin/b"), inspected);
    }

    @Test
    void keepalivedsFileTestFormIsNotAProgramAndIsNotInspected() {
        ScriptVerdict.Allowed verdict = allowed(root(true).vet(List.of("</dev/tcp/127.0.0.1/80"), Optional.of(NOBODY)));
        assertEquals(Optional.empty(), verdict.warning());
        assertTrue(ScriptPolicy.isFileTest(List.of("< /dev/tcp/127.0.0.1/80")));
        assertEquals(List.of(), inspected);
    }
}
