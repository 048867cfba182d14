package dev.vigil.daemon.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's file checks on real files: the resolved program and each directory above it must
 * be root-owned and not writable by a non-root group or by everyone, sticky directories only
 * root-owned. Ownership needs root to arrange, so these run as root only.
 */
class ScriptSecurityTest {

    @TempDir
    Path dir;

    @BeforeEach
    void asRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "file ownership checks need root-owned files");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path script(String name, String permissions) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString(permissions));
        return script;
    }

    private static ScriptFile.Found found(String program) {
        return assertInstanceOf(ScriptFile.Found.class, ScriptSecurity.inspect(program));
    }

    @Test
    void aRootOwnedScriptOnlyRootCanChangeIsSafe() throws Exception {
        Path script = script("ok.sh", "rwxr-xr-x");
        assertEquals(new ScriptFile.Found(script.toRealPath(), true, false, Optional.empty()), found(script.toString()));
        assertEquals(Optional.empty(), found("/bin/true").unsafe(), "the system's own programs");
    }

    @Test
    void aBareNameIsLookedUpInPath() {
        assertTrue(found("true").path().isAbsolute());
        assertInstanceOf(ScriptFile.Missing.class, ScriptSecurity.inspect("vigil-no-such-program"));
    }

    @Test
    void aWorldWritableScriptOrDirectoryIsUnsafe() throws Exception {
        Path script = script("open.sh", "rwxrwxrwx");
        assertEquals(Optional.of(script.toRealPath() + " is writable by everyone"), found(script.toString()).unsafe());

        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path inner = script("sub/inner.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.of(sub.toRealPath() + " is writable by everyone"), found(inner.toString()).unsafe());
    }

    @Test
    void groupWriteMattersOnlyForANonRootGroup() throws Exception {
        Path script = script("group.sh", "rwxrwxr-x");
        assertEquals(Optional.empty(), found(script.toString()).unsafe(), "group root may write");
        Files.setAttribute(script, "unix:gid", 100);
        assertEquals(Optional.of(script.toRealPath() + " is writable by group 100"), found(script.toString()).unsafe());
    }

    @Test
    void aScriptOwnedByAnotherUserIsUnsafe() throws Exception {
        Path script = script("theirs.sh", "rwxr-xr-x");
        Files.setAttribute(script, "unix:uid", 65534);
        assertEquals(Optional.of(script.toRealPath() + " is owned by uid 65534, not root"),
                found(script.toString()).unsafe());
    }

    @Test
    void aStickyDirectoryOnlyHasToBeOwnedByRoot() throws Exception {
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Path script = script("sticky/s.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(sticky, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertEquals(Optional.empty(), found(script.toString()).unsafe());
    }

    @Test
    void aSymbolicLinkIsJudgedByItsTarget() throws Exception {
        Path target = script("target.sh", "rwxrwxrwx");
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), target);
        ScriptFile.Found file = found(link.toString());
        assertEquals(target.toRealPath(), file.path());
        assertEquals(Optional.of(target.toRealPath() + " is writable by everyone"), file.unsafe());
    }

    @Test
    void executableAndSetIdRootAreReported() throws Exception {
        assertEquals(false, found(script("plain.txt", "rw-r--r--").toString()).executable());
        Path suid = script("suid.sh", "rwxr-xr-x");
        Files.setAttribute(suid, "unix:mode", 04755);
        assertTrue(found(suid.toString()).rootSetId());
        assertEquals(false, found(script("nosuid.sh", "rwxr-xr-x").toString()).rootSetId());
        assertInstanceOf(ScriptFile.Missing.class, ScriptSecurity.inspect(dir.resolve("absent.sh").toString()));
    }
}
